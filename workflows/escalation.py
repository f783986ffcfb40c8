"""Escalation: an open step past its due date is recorded once, as a step by the system, and from
then on shows in the overdue list of those who watch over that step. On the working day before
its due date the step is recorded once as due (``Action.REMIND``): its owners are reminded
(workflows/notifications).

The workflow timers (``manage.py workflow_timers``, or the worker's schedule) sweep every case
type after firing viewflow's own timers. A viewflow boundary timer on each human task would do
the same at the cost of every step: its timer task armed when the task opens (an insert, a
link, an update) and cancelled when it is done (three reads, an update): an approval measured
with them took fourteen statements instead of seven. And the moment it fires, fixed when armed,
would not follow a city's day off added later. The sweep instead reads the cases waiting at a
timed step that have no overdue record since they entered their state, computes their deadlines
as the pages do, and records each one past its due date under the case's lock: run twice, or by
two workers at once, it records each task once."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from workflows.audit.models import Action
from workflows.audit.selectors import overdue_recorded
from workflows.audit.services import step_record
from workflows.casekit import CaseLock
from workflows.deadlines import TimedSteps

BATCH = 500


@dataclass(frozen=True)
class Swept:
    overdue: int  # open steps newly found past their due dates
    reminded: int  # open steps newly found due on the next working day


@dataclass(frozen=True)
class Escalation:
    """A case type's escalation: its ``model``, the time limits of its steps (``deadlines``),
    the step each state waits for (``step_of_state``) and what its deadlines read of a case
    (``joins``: the person, for the scheme; whatever its ``deadlines.city`` reads)."""

    model: type
    deadlines: TimedSteps
    step_of_state: Mapping[str, str]
    joins: tuple = ("person",)

    @property
    def timed_states(self) -> list[str]:
        return [state for state, step in self.step_of_state.items() if step in self.deadlines.terms]

    def candidates(self, *, now: datetime.datetime) -> QuerySet:
        """The cases waiting at a timed step since before today, not found overdue yet, each
        with whether its owners were reminded (``reminded``). A time limit counts from the
        day after the task opened: one opened today is neither due tomorrow nor overdue."""
        today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return (
            self.model.objects.filter(state__in=self.timed_states, state_changed_at__lt=today)
            .exclude(overdue_recorded(self.model))
            .annotate(reminded=overdue_recorded(self.model, Action.REMIND))
            .select_related(*self.joins)
            .order_by("state_changed_at", "pk")
        )

    def sweep(self, *, now: datetime.datetime) -> "Swept":
        """Record every open step of this case type past its due date, and every one due on
        the next working day whose owners were not reminded; how many of each."""
        overdue = reminded = 0
        cases = self.candidates(now=now).iterator(chunk_size=BATCH)
        while batch := list(islice(cases, BATCH)):
            steps = [self.step_of_state[case.state] for case in batch]
            deadlines = self.deadlines.deadlines(zip(batch, steps, strict=True), now=now)
            for case, step, deadline in zip(batch, steps, deadlines, strict=True):
                if deadline.overdue:
                    overdue += self.record(case, step=step, due=deadline.due.day)
                elif deadline.due_soon and not case.reminded:
                    reminded += self.record(
                        case, step=step, due=deadline.due.day, action=Action.REMIND
                    )
        return Swept(overdue, reminded)

    def record(self, case, *, step: str, due: datetime.date, action: str = Action.OVERDUE) -> bool:
        """Record that ``case``'s task at ``step`` passed its ``due`` date (or, with
        ``action`` REMIND, is due on it), unless the case has moved on meanwhile or it is
        recorded already; whether it was recorded now."""
        with transaction.atomic():
            locked = CaseLock(self.model)(case.pk)
            moved_on = (locked.state, locked.state_changed_at) != (
                case.state,
                case.state_changed_at,
            )
            recorded = self.model.objects.filter(overdue_recorded(self.model, action), pk=case.pk)
            if moved_on or recorded.exists():
                return False
            step_record(
                case=locked,
                actor=None,
                action=action,
                state_before=locked.state,
                step=step,
                opinion=due.isoformat(),
            )
        return True
