"""A unit's batch after its submission: the one payment order that follows the center's last
decision on its claims, and the payment of that order. Each in the transaction of its step."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from workflows import clock
from workflows.audit.models import Action
from workflows.casekit import ALREADY_HANDLED_CODE, save_state
from workflows.registry.models import User

from .. import permissions
from ..choices import BatchState, State
from ..models import Claim, PaymentOrder
from ..steps import STEPS, record_payment
from .models import ClaimBatch, PaymentOrderLine
from .services import batch_step

NOT_A_BATCH_REVIEWER = _("Only a reviewer of the municipal center of the unit's city can do this.")
NOT_ORDERED = _("Batch %(number)s is %(state)s: it has no payment order waiting to be paid.")
REFERENCE_REQUIRED = _("Enter the reference of the payment.")
ORDER_NOTE = _("Payment order of %(count)s claims, %(amount)s yuan in all.")
CLOSED_NOTE = _("Every claim was returned, refused or withdrawn: nothing to pay.")


def batch_claim_decided(claim: Claim, *, by: User, ip_address: str | None = None) -> None:
    """After the center's decision on a claim of a batch: once none of the batch's claims
    awaits review, its approved claims go on one payment order to the unit (or, with none
    approved, the batch closes). A claim returned meanwhile goes into a later batch."""
    if claim.batch_id is None:
        return
    batch = ClaimBatch.objects.select_for_update().get(pk=claim.batch_id)
    if batch.state != BatchState.SUBMITTED or batch.claims.filter(state=State.SUBMITTED).exists():
        return
    approved = list(batch.claims.filter(state=State.APPROVED).order_by("pk"))
    if not approved:
        batch.close()
        save_state(batch)
        batch_step(
            batch, by, Action.CLOSE, str(CLOSED_NOTE), ip_address, before=BatchState.SUBMITTED
        )
        return
    order = PaymentOrder.objects.create(
        batch=batch,
        amount=sum(c.pooled_fund_pays for c in approved),
        payee=batch.payee,
        bank_name=batch.bank_name,
        bank_account=batch.bank_account,
        created_at=clock.now(),
    )
    PaymentOrderLine.objects.bulk_create(
        PaymentOrderLine(order=order, claim=c, amount=c.pooled_fund_pays) for c in approved
    )
    batch.order()
    save_state(batch)
    note = ORDER_NOTE % {"count": len(approved), "amount": f"{order.amount:.2f}"}
    batch_step(batch, by, Action.ORDER, note, ip_address, before=BatchState.SUBMITTED)


@transaction.atomic
def batch_mark_paid(
    *, batch_id: int, by: User, reference: str, ip_address: str | None = None
) -> ClaimBatch:
    """The batch's payment order has been paid: each claim on it is paid, with the reference."""
    batch = ClaimBatch.objects.select_for_update().get(pk=batch_id)
    if not permissions.may_review_batch(user=by, batch=batch):
        raise PermissionDenied(NOT_A_BATCH_REVIEWER)
    if batch.state != BatchState.ORDERED:
        raise ValidationError(
            NOT_ORDERED,
            code=ALREADY_HANDLED_CODE,
            params={"number": batch.number, "state": BatchState(batch.state).label},
        )
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": REFERENCE_REQUIRED})
    order = PaymentOrder.objects.get(batch=batch)
    for line in order.lines.order_by("claim_id"):
        record_payment(
            STEPS.locked(line.claim_id), by=by, reference=reference, ip_address=ip_address
        )
    batch.mark_paid()
    save_state(batch)
    PaymentOrder.objects.filter(pk=order.pk).update(
        paid_at=batch.state_changed_at, reference=reference, paid_by=by
    )
    return batch_step(batch, by, Action.PAY, reference, ip_address, before=BatchState.ORDERED)
