"""How long a filing is valid: long-term until withdrawn; temporary as the policy says (pure)."""

import calendar
import datetime

from django.core.exceptions import ValidationError

from workflows.policy.terms import DEFAULT_TEMPORARY_VALIDITY, PolicyTerms
from workflows.policy.values import EPISODE

from .choices import LONG_TERM_CATEGORIES, Category
from .rules import END_BEFORE_START, END_REQUIRED


def last_day_of_months(start: datetime.date, months: int) -> datetime.date:
    """The last day of ``months`` months from ``start`` (counted in): the day before the
    same day ``months`` later, or the month's last day where it has no such day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    length = calendar.monthrange(year, month)[1]
    if start.day > length:
        return datetime.date(year, month, length)
    return datetime.date(year, month, start.day) - datetime.timedelta(days=1)


def validity_of(category: str, terms: PolicyTerms | None) -> str | int | None:
    """None for a long-term filing; else "episode" or a number of months."""
    if category in LONG_TERM_CATEGORIES:
        return None
    table = terms.temporary_filing_validity if terms else DEFAULT_TEMPORARY_VALIDITY
    return table[category]


def last_day(
    *,
    category: str,
    start: datetime.date,
    declared_end: datetime.date | None,
    terms: PolicyTerms | None,
) -> datetime.date | None:
    """The filing's last day: None (until withdrawn) for a long-term filing; the declared end
    of the episode, or the first day plus the policy's months less a day, for a temporary one.
    """
    validity = validity_of(category, terms)
    if validity is None:
        return None
    if validity == EPISODE:
        if declared_end is None:
            raise ValidationError(
                {
                    "end_date": ValidationError(
                        END_REQUIRED, params={"category": Category(category).label}
                    )
                }
            )
        end = declared_end
    else:
        end = last_day_of_months(start, validity)
    if end < start:
        raise ValidationError({"end_date": END_BEFORE_START})
    return end
