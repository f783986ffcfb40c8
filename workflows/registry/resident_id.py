"""Resident identity numbers (GB 11643-1999): validate, normalise, read and mask them."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LENGTH = 18
EARLIEST_BIRTH_YEAR = 1900
# First two digits of GB/T 2260 area codes; 81/82/83 are the Hong Kong, Macao and Taiwan
# residence-permit numbers, which follow the same rules.
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"

WRONG_LENGTH = _("A resident ID has 18 characters; this one has %(length)d.")
NOT_A_DIGIT = _(
    "Character %(position)d of the resident ID is “%(character)s”; "
    "only the last character may be something other than a digit."
)
BAD_LAST_CHARACTER = _("The last character of a resident ID is a digit or X, not “%(character)s”.")
UNKNOWN_AREA = _("The resident ID starts with %(code)s, which is not a Chinese area code.")
IMPOSSIBLE_BIRTH_DATE = _("The birth date in the resident ID (%(digits)s) is not a real date.")
FUTURE_BIRTH_DATE = _("The birth date in the resident ID (%(date)s) is in the future.")
EARLY_BIRTH_DATE = _("The birth date in the resident ID (%(date)s) is before 1900.")
WRONG_CHECK_CHARACTER = _(
    "The resident ID does not add up: its last character should be %(expected)s, "
    "not %(actual)s. Check it for a mistyped digit."
)


@dataclass(frozen=True)
class ResidentId:
    """The parts of a valid resident ID."""

    number: str
    area_code: str
    birth_date: datetime.date
    sequence: str

    @property
    def sex(self) -> str:
        """'M' or 'F': the sequence number is odd for men."""
        return "M" if int(self.sequence[-1]) % 2 else "F"


def check_character(first_seventeen: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first_seventeen, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def normalise(value: str) -> str:
    """Strip spaces and upper-case the check character (a lower-case x is accepted)."""
    return "".join(str(value).split()).upper()


def parse(value: str, *, today: datetime.date | None = None) -> ResidentId:
    """Validate a resident ID and return its parts; ValidationError says what is wrong."""
    number = normalise(value)
    _check_shape(number)
    area_code = number[:6]
    if area_code[:2] not in PROVINCE_CODES:
        raise ValidationError(UNKNOWN_AREA, code="area", params={"code": area_code})
    birth_date = _birth_date(number[6:14], today=today or timezone.localdate())
    expected = check_character(number[:17])
    if number[17] != expected:
        raise ValidationError(
            WRONG_CHECK_CHARACTER,
            code="check",
            params={"expected": expected, "actual": number[17]},
        )
    return ResidentId(number, area_code, birth_date, number[14:17])


def validate_resident_id(value: str) -> None:
    """Model and form field validator."""
    parse(value)


def mask(value: str) -> str:
    """Show the area code and the last four characters only: 420106********123X."""
    number = normalise(value or "")
    if len(number) != LENGTH:
        return "*" * len(number)
    return f"{number[:6]}{'*' * 8}{number[-4:]}"


def _check_shape(number: str) -> None:
    if len(number) != LENGTH:
        raise ValidationError(WRONG_LENGTH, code="length", params={"length": len(number)})
    for position, character in enumerate(number[:17], start=1):
        if not ("0" <= character <= "9"):
            raise ValidationError(
                NOT_A_DIGIT, code="digit", params={"position": position, "character": character}
            )
    if number[17] not in "0123456789X":
        raise ValidationError(BAD_LAST_CHARACTER, code="digit", params={"character": number[17]})


def _birth_date(digits: str, *, today: datetime.date) -> datetime.date:
    try:
        birth_date = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise ValidationError(
            IMPOSSIBLE_BIRTH_DATE, code="birth_date", params={"digits": digits}
        ) from None
    if birth_date > today:
        raise ValidationError(
            FUTURE_BIRTH_DATE, code="birth_date", params={"date": birth_date.isoformat()}
        )
    if birth_date.year < EARLIEST_BIRTH_YEAR:
        raise ValidationError(
            EARLY_BIRTH_DATE, code="birth_date", params={"date": birth_date.isoformat()}
        )
    return birth_date
