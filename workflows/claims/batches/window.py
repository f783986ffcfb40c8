"""The policy's monthly settlement window, when a unit submits its batch (pure)."""

import calendar
import datetime
from dataclasses import dataclass

from workflows.policy.terms import DEFAULT_SETTLEMENT_WINDOW, PolicyTerms


@dataclass(frozen=True)
class SettlementWindow:
    """From ``first_day`` to ``last_day`` of every month (a short month ends it earlier)."""

    first_day: int
    last_day: int

    def days_in(self, year: int, month: int) -> tuple[datetime.date, datetime.date]:
        length = calendar.monthrange(year, month)[1]
        return (
            datetime.date(year, month, min(self.first_day, length)),
            datetime.date(year, month, min(self.last_day, length)),
        )

    def is_open_on(self, day: datetime.date) -> bool:
        opens, closes = self.days_in(day.year, day.month)
        return opens <= day <= closes

    def next_opening(self, day: datetime.date) -> datetime.date:
        """The first day of the window that opens after ``day`` (this month's, or the next)."""
        opens, _closes = self.days_in(day.year, day.month)
        if day < opens:
            return opens
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return self.days_in(year, month)[0]


def window_of(terms: PolicyTerms | None) -> SettlementWindow:
    """The window a policy sets; the default where there is no policy."""
    days = terms.offsite_settlement_window if terms else DEFAULT_SETTLEMENT_WINDOW
    return SettlementWindow(days["first_day"], days["last_day"])
