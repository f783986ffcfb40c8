"""Deadlines of the staff's steps: when each open task is due, and how long it has waited.

A step's time limit, in working days, is the one the policy in force for the case's insured
city and the person's scheme gives it (``step_time_limits``) on the day its task opened, or the
policy app's default where the city has no policy then. It is counted in the working days of
the city where the step is done (workflows/workingdays.py). The task of the step a case waits
for opened when the case entered its state (``state_changed_at``).

Nothing is stored: a due date is computed when read, so a city's day off added in the admin
moves the due dates of the tasks already open, and a step taken costs no statement more. The
deadlines of a page of tasks take two queries (the policies, the cities' own days), however
many rows it has.
"""

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext

from workflows.policy.selectors import policies_of
from workflows.policy.terms import DEFAULT_STEP_TIME_LIMITS
from workflows.workingdays import Due, calendars_of


@dataclass(frozen=True)
class Deadline:
    """An open task's time limit and due date (None for a step without one), and the working
    days it has waited by now."""

    opened: datetime.datetime
    waited: int  # working days
    limit: int | None = None  # working days
    due: Due | None = None
    today: datetime.date | None = None  # the day it was read on
    # The working day before the due date, when the task's owners are reminded of it; None
    # for a one-day limit, whose task arrived on that day with its due date in the notice.
    remind_on: datetime.date | None = None

    @property
    def overdue(self) -> bool:
        """Whether the due date has passed: the task is overdue from midnight after it."""
        return self.due is not None and self.today > self.due.day

    # How a queue's row and a case page word it, in the active language: in Python rather
    # than in a template, since a page of the inbox words twenty-five of them.
    @property
    def waited_text(self) -> str:
        if not self.waited:
            return gettext("Waiting less than a working day")
        return ngettext(
            "Waiting %(days)s working day", "Waiting %(days)s working days", self.waited
        ) % {"days": self.waited}

    @property
    def since_text(self) -> str:
        moment = _worded(timezone.localtime(self.opened), "DATETIME_FORMAT", get_language())
        return gettext("since %(moment)s") % {"moment": moment}

    @property
    def due_html(self) -> SafeString:
        """The due date, marked when it has passed or was estimated; a dash without one."""
        if self.due is None:
            return SafeString("—")
        html = format_html("{}", _worded(self.due.day, "DATE_FORMAT", get_language()))
        if self.overdue:
            html += format_html(' <span class="badge bad">{}</span>', gettext("Overdue"))
        if self.due.estimated:
            html += format_html(' <span class="meta">({})</span>', self.due.note)
        return html

    @property
    def due_soon(self) -> bool:
        """Whether its owners are to be reminded by now: from the working day before the due
        date on, until it passes."""
        return self.remind_on is not None and self.remind_on <= self.today and not self.overdue


@functools.lru_cache(maxsize=20_000)
def _worded(moment, format_name: str, _language: str) -> str:
    """A day or a moment in the active language's format, remembered (by the language too):
    the same rows are read page after page, and Django's date formatting is slow."""
    return formats.date_format(moment, format_name)


def insured_city(case, step: str) -> int:
    """Where the municipal center of the case's insured city works."""
    return case.insured_city_id


@dataclass(frozen=True)
class TimedSteps:
    """A case type's steps that have a time limit: the policy's term of each (by flow node
    name, a ``policy.choices.TimedStep``), and the city whose working days a step keeps."""

    terms: Mapping[str, str]
    city: Callable[[object, str], int] = insured_city

    def deadline(self, case, step: str, *, now: datetime.datetime) -> Deadline:
        """The deadline of ``case``'s open task at ``step``."""
        return self.deadlines([(case, step)], now=now)[0]

    def deadlines(self, tasks: Iterable[tuple], *, now: datetime.datetime) -> list[Deadline]:
        """The deadline of the open task of each (case, step) of ``tasks``. Each case has its
        ``person`` at hand (the inbox's rows and the case pages join it)."""
        tasks = list(tasks)
        if not tasks:
            return []
        timed = [(case, step) for case, step in tasks if step in self.terms]
        limits = _limits_in_force(timed, self.terms) if timed else {}
        since = min(timezone.localdate(case.state_changed_at) for case, _step in tasks)
        calendars = calendars_of({self.city(*task) for task in tasks}, since=since)
        today = timezone.localdate(now)
        found = []
        for case, step in tasks:
            calendar = calendars[self.city(case, step)]
            opened, limit = case.state_changed_at, limits.get((case.pk, step))
            found.append(
                Deadline(
                    opened,
                    waited=calendar.working_days_between(opened, now),
                    limit=limit,
                    due=calendar.due(opened, limit) if limit else None,
                    today=today,
                    remind_on=calendar.due(opened, limit - 1).day if limit and limit > 1 else None,
                )
            )
        return found


def _limits_in_force(timed: list[tuple], terms: Mapping[str, str]) -> dict:
    """(case pk, step) -> the time limit of that step, by the policy in force on the day its
    task opened."""
    policies = defaultdict(list)
    for policy in policies_of(
        regions={case.insured_city_id for case, _step in timed},
        schemes={case.person.scheme for case, _step in timed},
    ):
        policies[policy.region_id, policy.scheme].append(policy)
    tables = {}  # policy pk -> its limits, each policy's terms parsed once
    limits = {}
    for case, step in timed:
        policy = _in_force(
            policies[case.insured_city_id, case.person.scheme],
            on=timezone.localdate(case.state_changed_at),
        )
        if policy is None:
            table = DEFAULT_STEP_TIME_LIMITS
        else:
            if policy.pk not in tables:
                tables[policy.pk] = policy.terms.step_time_limits
            table = tables[policy.pk]
        limits[case.pk, step] = table[terms[step]]
    return limits


def _in_force(policies: list, *, on: datetime.date):
    """The one of a city's and scheme's ``policies`` in force on ``on``, if any."""
    for policy in policies:
        if policy.effective_from <= on and (
            policy.effective_to is None or on <= policy.effective_to
        ):
            return policy
    return None
