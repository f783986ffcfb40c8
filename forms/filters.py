"""Template filters of the printed documents: money, quantities, ratios, dates and times."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django import template
from django.utils import dateformat
from django.utils.translation import pgettext

register = template.Library()

# Printed forms are official documents of a Chinese agency: times are always Shanghai time,
# whatever time zone the reader of a web page has chosen.
PRINT_TIME_ZONE = ZoneInfo("Asia/Shanghai")
FEN = Decimal("0.01")


@register.filter
def money(value) -> str:
    """Yuan with two decimals and thousands separators: 12,345.60."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP):,}"


@register.filter
def quantity(value) -> str:
    """A quantity as counted: 3, 0.5, 1,200 (no trailing zeros)."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{number.to_integral_value():,}"
    return f"{number:,f}".rstrip("0")


@register.filter
def percent(value) -> str:
    """A fraction as a percentage: Decimal("0.75") prints 75%, Decimal("0.625") 62.5%."""
    return f"{quantity(Decimal(value) * 100)}%"


@register.filter
def day(value) -> str:
    """A date (or an aware datetime's date in Shanghai) in the language of the form."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(PRINT_TIME_ZONE).date()
    # Translators: a date on a printed form, in Django's date format syntax.
    return dateformat.format(value, pgettext("printed date", "j M Y"))


@register.filter
def moment(value: datetime.datetime) -> str:
    """An aware datetime in Shanghai, to the minute, in the language of the form."""
    if not value:
        return ""
    # Translators: a date and time on a printed form, in Django's date format syntax.
    return dateformat.format(
        value.astimezone(PRINT_TIME_ZONE), pgettext("printed time", "j M Y H:i")
    )


@register.filter
def equals(value, other) -> bool:
    """Whether a tick box is ticked: ``{% include ... with ticked=choice|equals:chosen %}``."""
    return value == other
