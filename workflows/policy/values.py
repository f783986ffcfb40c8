"""Reading JSON policy and claim files: each reader names every problem it finds (pure)."""

import datetime
import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NOT_A_DOCUMENT = _("The file must hold one JSON object ({…}), not %(value)s.")
NOT_AN_OBJECT = _("“%(key)s” must be a JSON object ({…}), not %(value)s.")
MISSING_KEY = _("“%(key)s” is missing.")
UNKNOWN_KEY = _("“%(key)s” is not expected here; check its spelling.")
NOT_AN_AMOUNT = _(
    '“%(key)s” must be an amount in yuan written as a string, such as "500.00", not %(value)s.'
)
NEGATIVE_AMOUNT = _("“%(key)s” is %(value)s; an amount cannot be negative.")
FINER_THAN_FEN = _("“%(key)s” is %(value)s; amounts are in yuan with at most two decimals.")
NOT_A_RATIO = _('“%(key)s” must be a ratio written as a string, such as "0.85", not %(value)s.')
RATIO_OUT_OF_RANGE = _("“%(key)s” is %(value)s; a ratio lies between 0 and 1.")
NOT_DAYS = _("“%(key)s” must be a whole number of days, at least 1, not %(value)s.")
NOT_WORKING_DAYS = _(
    "“%(key)s” must be a whole number of working days from 1 to %(most)s, not %(value)s."
)
NOT_A_DAY_OF_MONTH = _(
    "“%(key)s” must be a day of the month, a whole number from 1 to 31, not %(value)s."
)
NOT_A_VALIDITY = _(
    '“%(key)s” must be "episode" or a whole number of months, at least 1, not %(value)s.'
)
NOT_A_DATE = _('“%(key)s” must be a date written as "YYYY-MM-DD", not %(value)s.')
NOT_ONE_OF = _("“%(key)s” is %(value)s; it must be one of %(choices)s.")
NOT_A_LIST = _("“%(key)s” must be a list with at least one entry, not %(value)s.")

DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FEN_EXPONENT = -2
EPISODE = "episode"
# A time limit longer than a year of working days is a typing error, not a policy.
MOST_WORKING_DAYS = 250


class Problems:
    """Every problem found in one file, each a ValidationError with its own message."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def add(self, message, **params) -> None:
        self.errors.append(ValidationError(message, params=params))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


@dataclass(frozen=True)
class OptionalKey:
    """A key of a schema that a file may leave out; ``default`` stands in for it."""

    read: object
    default: object


def read_schema(value: object, schema: object, *, key: str, problems: Problems):
    """``value`` read by ``schema``: a reader, or a dict of key -> schema for an object.

    Returns what the readers return (None where a problem was found), nested as the schema is.
    """
    if not isinstance(schema, dict):
        return schema(value, key=key, problems=problems)
    required = [name for name, part in schema.items() if not isinstance(part, OptionalKey)]
    data = read_object(value, key=key, required=required, allowed=schema, problems=problems)
    if data is None:
        return None
    parsed = {}
    for name, part in schema.items():
        if isinstance(part, OptionalKey):
            parsed[name] = part.default
            part = part.read
        if name in data:
            parsed[name] = read_schema(data[name], part, key=child(key, name), problems=problems)
    return parsed


def list_of(schema: object) -> Callable:
    """A reader of a non-empty list whose entries are read by ``schema``."""

    def read(value: object, *, key: str, problems: Problems) -> list | None:
        entries = read_list(value, key=key, problems=problems)
        if entries is None:
            return None
        return [
            read_schema(entry, schema, key=child(key, number), problems=problems)
            for number, entry in enumerate(entries)
        ]

    return read


def one_of(choices: Collection[str]) -> Callable:
    """A reader of one of ``choices``."""

    def read(value: object, *, key: str, problems: Problems) -> str | None:
        return read_choice(value, key=key, choices=choices, problems=problems)

    return read


def shown(value: object) -> str:
    """A value as it was written in the file: strings in quotes, numbers bare, null."""
    return json.dumps(value, ensure_ascii=False)


def child(key: str, name: str | int) -> str:
    """The dotted path of a key inside ``key``; list entries are counted from 1."""
    if isinstance(name, int):
        return f"{key}[{name + 1}]"
    return f"{key}.{name}" if key else name


def read_object(
    value: object,
    *,
    key: str,
    required: Collection[str],
    allowed: Collection[str],
    problems: Problems,
) -> dict | None:
    """``value`` if it is an object; a missing or unknown key is a problem of its own."""
    if not isinstance(value, dict):
        problems.add(NOT_AN_OBJECT if key else NOT_A_DOCUMENT, key=key, value=shown(value))
        return None
    for name in required:
        if name not in value:
            problems.add(MISSING_KEY, key=child(key, name))
    for name in value:
        if name not in allowed:
            problems.add(UNKNOWN_KEY, key=child(key, name))
    return value


def read_list(value: object, *, key: str, problems: Problems) -> list | None:
    if not isinstance(value, list) or not value:
        problems.add(NOT_A_LIST, key=key, value=shown(value))
        return None
    return value


def read_amount(value: object, *, key: str, problems: Problems) -> Decimal | None:
    """A non-negative amount in yuan, to the fen, written as a string."""
    amount = _read_decimal(value, key=key, problems=problems, wrong_shape=NOT_AN_AMOUNT)
    if amount is None:
        return None
    if amount < 0:
        problems.add(NEGATIVE_AMOUNT, key=key, value=shown(value))
        return None
    if amount.as_tuple().exponent < FEN_EXPONENT:
        problems.add(FINER_THAN_FEN, key=key, value=shown(value))
        return None
    return amount


def read_ratio(value: object, *, key: str, problems: Problems) -> Decimal | None:
    """A ratio between 0 and 1, written as a string."""
    ratio = _read_decimal(value, key=key, problems=problems, wrong_shape=NOT_A_RATIO)
    if ratio is not None and not 0 <= ratio <= 1:
        problems.add(RATIO_OUT_OF_RANGE, key=key, value=shown(value))
        return None
    return ratio


def read_days(value: object, *, key: str, problems: Problems) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.add(NOT_DAYS, key=key, value=shown(value))
        return None
    return value


def read_working_days(value: object, *, key: str, problems: Problems) -> int | None:
    """A time limit: a whole number of working days, from 1 to a year's."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MOST_WORKING_DAYS:
        problems.add(NOT_WORKING_DAYS, key=key, value=shown(value), most=MOST_WORKING_DAYS)
        return None
    return value


def read_day_of_month(value: object, *, key: str, problems: Problems) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 31:
        problems.add(NOT_A_DAY_OF_MONTH, key=key, value=shown(value))
        return None
    return value


def read_validity(value: object, *, key: str, problems: Problems) -> str | int | None:
    """How long a temporary filing is valid: "episode", or a number of months."""
    if value == EPISODE or (not isinstance(value, bool) and isinstance(value, int) and value >= 1):
        return value
    problems.add(NOT_A_VALIDITY, key=key, value=shown(value))
    return None


def read_date(value: object, *, key: str, problems: Problems) -> datetime.date | None:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    problems.add(NOT_A_DATE, key=key, value=shown(value))
    return None


def read_choice(
    value: object, *, key: str, choices: Collection[str], problems: Problems
) -> str | None:
    if isinstance(value, str) and value in choices:
        return value
    listed = ", ".join(shown(choice) for choice in choices)
    problems.add(NOT_ONE_OF, key=key, value=shown(value), choices=listed)
    return None


def _read_decimal(value: object, *, key: str, problems: Problems, wrong_shape) -> Decimal | None:
    # Only plain decimals written as strings: no floats, exponents, NaN or infinities.
    if isinstance(value, str) and DECIMAL.fullmatch(value):
        return Decimal(value)
    problems.add(wrong_shape, key=key, value=shown(value))
    return None
