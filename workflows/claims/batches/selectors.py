"""Reads of the units' batches, scoped to what the user may see, with the joins pages need."""

from django.db.models import QuerySet

from .. import permissions
from ..choices import BatchState, Kind, State
from ..models import Claim, PaymentOrder
from .models import ClaimBatch

CLAIM_JOINS = ("person", "institution__city", "payment_line")


def batch_list_for(*, user) -> QuerySet[ClaimBatch]:
    visible = permissions.batches_visible(user=user)
    if visible is None:
        return ClaimBatch.objects.none()
    return ClaimBatch.objects.filter(visible).select_related("unit").order_by("-opened_at", "-pk")


def batch_get_for(*, user, pk: int) -> ClaimBatch | None:
    visible = permissions.batches_visible(user=user)
    if visible is None:
        return None
    return ClaimBatch.objects.filter(visible, pk=pk).select_related("unit", "city").first()


def open_batch_of(*, unit_id: int) -> ClaimBatch | None:
    return ClaimBatch.objects.filter(unit_id=unit_id, state=BatchState.OPEN).first()


def claims_of(batch: ClaimBatch) -> list[Claim]:
    return list(Claim.objects.filter(batch=batch).select_related(*CLAIM_JOINS).order_by("pk"))


def carriable_claims(batch: ClaimBatch) -> QuerySet[Claim]:
    """The unit's returned off-site claims of earlier batches, to carry into ``batch``."""
    return (
        Claim.objects.filter(
            unit_id=batch.unit_id, kind=Kind.OFFSITE_OUTPATIENT, state=State.RETURNED
        )
        .exclude(batch=batch)
        .select_related("person", "institution", "batch")
        .order_by("pk")
    )


def payment_order_of_batch(batch: ClaimBatch) -> PaymentOrder | None:
    return (
        PaymentOrder.objects.filter(batch=batch)
        .prefetch_related("lines__claim__person")
        .select_related("paid_by")
        .first()
    )
