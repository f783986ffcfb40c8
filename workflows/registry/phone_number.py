"""Chinese phone numbers: a mobile number, or a landline with its area code."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A mobile number: 1 and ten digits. A landline: the area code (0 and two or three digits),
# a hyphen or not, the seven- or eight-digit number, and an extension after a hyphen.
MOBILE = re.compile(r"1\d{10}")
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")

NOT_A_PHONE_NUMBER = _(
    "“%(value)s” is not a phone number. Give a mobile number of 11 digits starting with 1 "
    "(13812345678), or a landline number with its area code (027-87654321; an extension "
    "after a hyphen: 027-87654321-8001)."
)


def normalise(value: str) -> str:
    """The number without the spaces people type between its groups of digits."""
    return "".join(str(value).split())


def validate(value: str) -> None:
    """Refuse what is not a Chinese mobile or landline number (an empty value is for the
    field's own "required" rule)."""
    number = normalise(value)
    if number and not (MOBILE.fullmatch(number) or LANDLINE.fullmatch(number)):
        raise ValidationError(NOT_A_PHONE_NUMBER, code="phone", params={"value": value.strip()})
