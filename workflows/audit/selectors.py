"""Reads of the audit trail."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet

from .models import NOT_STEPS_TAKEN, Action, StepRecord


def step_records_of(case) -> QuerySet[StepRecord]:
    """Every step of ``case``, oldest first."""
    return StepRecord.objects.filter(
        case_type=ContentType.objects.get_for_model(case, for_concrete_model=True),
        case_id=case.pk,
    ).order_by("at", "id")


def overdue_recorded(model, action: str = Action.OVERDUE) -> Exists:
    """A filter on a case ``model``: the step its case waits for has been found overdue (or,
    with ``action`` REMIND, its owners reminded of its due date), by a record after the case
    entered its state (``state_changed_at``; a step is found overdue a day after that at the
    earliest). A case sent back to a step and on to it again waits at a new task, which has
    none yet."""
    return Exists(
        StepRecord.objects.filter(
            case_type=ContentType.objects.get_for_model(model, for_concrete_model=True),
            case_id=OuterRef("pk"),
            action=action,
            at__gt=OuterRef("state_changed_at"),
        )
    )


def last_step_of(case) -> StepRecord | None:
    """The last step a person (or the system) took on ``case``: what changed it, not a
    finding that it is overdue, nor who took its task."""
    return step_records_of(case).exclude(action__in=NOT_STEPS_TAKEN).last()
