"""Working days: China's official calendar under a city's own days, and time counted in them.

The official calendar (the ``chinesecalendar`` package, from the State Council's yearly
notices) makes the public holidays days off and the weekend days worked in exchange (调休)
working days. A city's own calendar days (``policy.CalendarDay``, kept in the admin) override
it. Past the last year the package knows, or before its first, a day is a working day from
Monday to Friday, and a date counted over such a day is *estimated*: the official calendar for
that year is not yet published.

A time limit of N working days runs from the day after its task opened (the day it opened is
not counted, Civil Code art. 201) to the end of the Nth working day after it (art. 203: the
period ends at midnight). A task opened on a holiday starts to count on the next working day.
Days are those of Asia/Shanghai.
"""

import datetime
import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import chinese_calendar
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.policy.selectors import own_days_of

ESTIMATED = _("estimated: the official calendar for that year is not yet published")
ONE_DAY = datetime.timedelta(days=1)


@functools.cache
def official(day: datetime.date) -> bool | None:
    """Whether ``day`` is a working day in China's official calendar; None for a year it
    does not know."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


@dataclass(frozen=True)
class Due:
    """The last working day of a time limit; ``estimated`` when a day of a year the official
    calendar does not know was counted as a weekday."""

    day: datetime.date
    estimated: bool = False

    @property
    def note(self) -> str:
        """What an estimated date is shown with."""
        return str(ESTIMATED) if self.estimated else ""


@dataclass(frozen=True)
class Calendar:
    """One city's working days: the official calendar under the city's ``own`` days
    (day -> is a working day)."""

    own: Mapping[datetime.date, bool] = field(default_factory=lambda: MappingProxyType({}))

    def working(self, day: datetime.date) -> tuple[bool, bool]:
        """Whether ``day`` is a working day, and whether that is known rather than estimated."""
        if day in self.own:
            return self.own[day], True
        known = official(day)
        if known is None:
            return day.weekday() < 5, False
        return known, True

    def is_working_day(self, day: datetime.date) -> bool:
        return self.working(day)[0]

    def due(self, opened: datetime.datetime, days: int) -> Due:
        """The last day of ``days`` working days for a task opened at the moment ``opened``."""
        day, estimated = timezone.localdate(opened), False
        while days > 0:
            day += ONE_DAY
            working, known = self.working(day)
            estimated = estimated or not known
            days -= working
        return Due(day, estimated)

    def working_days_between(self, start: datetime.datetime, end: datetime.datetime) -> int:
        """The working days from the day after ``start`` up to the day of ``end``, included:
        how many working days a task opened at ``start`` has waited by ``end``."""
        day, last = timezone.localdate(start), timezone.localdate(end)
        count = 0
        while day < last:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count


def calendars_of(cities: Collection[int], *, since: datetime.date) -> dict[int, Calendar]:
    """The calendar of each of ``cities``, with its own days from ``since`` on (one query)."""
    own = own_days_of(regions=cities, since=since)
    return {city: Calendar(MappingProxyType(days)) for city, days in own.items()}


def calendar_of(city: int, *, since: datetime.date) -> Calendar:
    return calendars_of([city], since=since)[city]


def due_date(*, opened: datetime.datetime, days: int, city: int) -> Due:
    """The last day of ``days`` working days in ``city`` for a task opened at ``opened``."""
    return calendar_of(city, since=timezone.localdate(opened)).due(opened, days)


def working_days_between(*, start: datetime.datetime, end: datetime.datetime, city: int) -> int:
    """The working days in ``city`` from the day after ``start`` to the day of ``end``."""
    return calendar_of(city, since=timezone.localdate(start)).working_days_between(start, end)
