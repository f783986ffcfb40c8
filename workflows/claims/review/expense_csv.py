"""A hospital's detailed expense list as CSV: every bad row named by line, column and reason.

Pure (no database): whether each code is in its catalogue is checked by the import service.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workflows.policy.catalogue_csv import (
    EMPTY_FILE,
    FINER_THAN_FEN,
    MISSING_COLUMNS,
    NOT_A_PRICE,
    ROW_PROBLEM,
    VALUE_REQUIRED,
    WRONG_VALUE_COUNT,
)
from workflows.policy.choices import Catalogue
from workflows.policy.text import Message
from workflows.policy.values import DECIMAL, FEN_EXPONENT

COLUMNS = ("catalogue", "code", "quantity", "unit_price")
OPTIONAL_COLUMNS = ("name",)  # the hospital's own item name: read for the reviewer, not stored
MAX_LINES = 2000
MAX_BYTES = 1024 * 1024
# One line's amount must fit the money columns (ten digits of yuan).
MAX_QUANTITY = Decimal("9999")
MAX_UNIT_PRICE = Decimal("999999.99")
QUANTITY_EXPONENT = -3

NOT_UTF8 = _("The file is not UTF-8 text: save the expense list as “CSV UTF-8”.")
FILE_TOO_LARGE = _("The file is larger than 1 MB; import the expense list in parts.")
UNKNOWN_COLUMN = _("Line 1 names the columns; %(columns)s is not a column of an expense list.")
NO_LINES = _("The file names its columns but lists no expenses.")
TOO_MANY_LINES = _("The file lists %(count)s expenses; one import takes at most %(limit)s.")
UNKNOWN_CATALOGUE = _("“%(value)s” is not a catalogue; write drugs, treatments or facilities.")
NOT_A_QUANTITY = _("“%(value)s” is not a quantity, such as 2 or 0.5.")
QUANTITY_NOT_POSITIVE = _("“%(value)s” is not more than zero.")
QUANTITY_TOO_FINE = _("“%(value)s” has more than three decimals.")
QUANTITY_TOO_LARGE = _("“%(value)s” is more than %(limit)s, too many for one line.")
NEGATIVE_PRICE = _("“%(value)s” is negative; a price cannot be.")
PRICE_TOO_LARGE = _("“%(value)s” is more than %(limit)s yuan, too much for one unit.")


@dataclass(frozen=True)
class ExpenseRow:
    line: int
    catalogue: str
    code: str
    quantity: Decimal
    unit_price: Decimal


def parse_expense_csv(data: bytes) -> list[ExpenseRow]:
    """The rows of an expense list; ValidationError names every bad row, line and column."""
    if len(data) > MAX_BYTES:
        raise ValidationError(FILE_TOO_LARGE)
    try:
        text = data.decode("utf-8-sig")  # spreadsheets put a byte-order mark first
    except UnicodeDecodeError:
        raise ValidationError(NOT_UTF8) from None
    reader = csv.reader(io.StringIO(text))
    header = [name.strip() for name in next(reader, [])]
    _check_header(header)
    errors, rows = [], []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            params = {"line": reader.line_num, "found": len(values), "expected": len(header)}
            errors.append(ValidationError(WRONG_VALUE_COUNT, params=params))
            continue
        record = dict(zip(header, (value.strip() for value in values), strict=True))
        row, problems = _read_row(record, line=reader.line_num)
        errors += problems
        rows.append(row)
    if len(rows) > MAX_LINES:
        raise ValidationError(TOO_MANY_LINES, params={"count": len(rows), "limit": MAX_LINES})
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(NO_LINES)
    return rows


def quantity_problem(value: Decimal) -> Message | None:
    """Why ``value`` is not a quantity of one line (shared with lines entered by hand)."""
    shown = {"value": str(value), "limit": str(MAX_QUANTITY)}
    if value <= 0:
        return Message(QUANTITY_NOT_POSITIVE, shown)
    if value.as_tuple().exponent < QUANTITY_EXPONENT:
        return Message(QUANTITY_TOO_FINE, shown)
    if value > MAX_QUANTITY:
        return Message(QUANTITY_TOO_LARGE, shown)
    return None


def unit_price_problem(value: Decimal) -> Message | None:
    """Why ``value`` is not a unit price in yuan (shared with lines entered by hand)."""
    shown = {"value": str(value), "limit": f"{MAX_UNIT_PRICE:,}"}
    if value < 0:
        return Message(NEGATIVE_PRICE, shown)
    if value.as_tuple().exponent < FEN_EXPONENT:
        return Message(FINER_THAN_FEN, shown)
    if value > MAX_UNIT_PRICE:
        return Message(PRICE_TOO_LARGE, shown)
    return None


def _check_header(header: list[str]) -> None:
    if not any(header):
        raise ValidationError(EMPTY_FILE, params={"columns": ", ".join(COLUMNS)})
    errors = [
        ValidationError(MISSING_COLUMNS, params={"columns": name})
        for name in COLUMNS
        if name not in header
    ]
    errors += [
        ValidationError(UNKNOWN_COLUMN, params={"columns": name})
        for name in header
        if name not in COLUMNS + OPTIONAL_COLUMNS
    ]
    if errors:
        raise ValidationError(errors)


def _read_row(record: dict, *, line: int) -> tuple[ExpenseRow, list[ValidationError]]:
    problems = {}
    for column in COLUMNS:
        if not record[column]:
            problems[column] = Message(VALUE_REQUIRED, {})
    catalogue = record["catalogue"]
    if catalogue and catalogue not in Catalogue.values:
        problems["catalogue"] = Message(UNKNOWN_CATALOGUE, {"value": catalogue})
    quantity = _number(record["quantity"], NOT_A_QUANTITY, quantity_problem, "quantity", problems)
    price = _number(record["unit_price"], NOT_A_PRICE, unit_price_problem, "unit_price", problems)
    row = ExpenseRow(line, catalogue, record["code"], quantity, price)
    errors = [
        ValidationError(ROW_PROBLEM, params={"line": line, "column": column, "problem": problem})
        for column, problem in sorted(problems.items(), key=lambda item: COLUMNS.index(item[0]))
    ]
    return row, errors


def _number(text: str, malformed, check, column: str, problems: dict) -> Decimal | None:
    if not text:
        return None
    if not DECIMAL.fullmatch(text):
        problems[column] = Message(malformed, {"value": text})
        return None
    value = Decimal(text)
    problem = check(value)
    if problem:
        problems[column] = problem
        return None
    return value
