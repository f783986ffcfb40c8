"""Escalation of filings: a review of the center past its due date, found by the workflow
timers' sweep and recorded as a step by the system (``workflows.escalation``); and a temporary
filing drawing to its end, recorded once a week before it (``Action.REMIND``), so that who filed
it and the person are told it is about to expire (workflows/notifications)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from workflows.audit.models import Action
from workflows.audit.selectors import overdue_recorded
from workflows.escalation import Escalation, Swept

from .choices import STEP_OF_STATE, State, Step
from .models import Filing
from .selectors import DEADLINES

# How long before its last day a temporary filing's people are told it is about to expire.
EXPIRY_NOTICE = datetime.timedelta(days=7)


@dataclass(frozen=True)
class FilingEscalation(Escalation):
    def sweep(self, *, now: datetime.datetime) -> Swept:
        swept = super().sweep(now=now)
        return Swept(swept.overdue, swept.reminded + self.remind_of_ends(now=now))

    def remind_of_ends(self, *, now: datetime.datetime) -> int:
        """Record, once, every temporary filing in force whose last day is a week away or
        less; how many were."""
        today = timezone.localdate(now)
        ending = Filing.objects.filter(
            state=State.TEMPORARY_IN_FORCE,
            end_date__gte=today,
            end_date__lte=today + EXPIRY_NOTICE,
        ).exclude(overdue_recorded(Filing, Action.REMIND))
        return sum(
            self.record(filing, step=Step.HOLD_TEMPORARY, due=filing.end_date, action=Action.REMIND)
            for filing in ending.order_by("end_date", "pk")
        )


ESCALATION = FilingEscalation(
    model=Filing, deadlines=DEADLINES, step_of_state=STEP_OF_STATE, joins=("person",)
)
