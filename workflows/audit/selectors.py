"""Reads of the audit trail."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import StepRecord


def step_records_of(case) -> QuerySet[StepRecord]:
    """Every step of ``case``, oldest first."""
    return StepRecord.objects.filter(
        case_type=ContentType.objects.get_for_model(case, for_concrete_model=True),
        case_id=case.pk,
    ).order_by("at", "id")
