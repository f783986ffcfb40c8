"""A hospital's detailed expense list as CSV: every problem of every row named by line, column
and reason, in one pass.

Pure (no database): whether each code is in its catalogue is checked by the import service,
which adds those problems to the ones found here (``ExpenseList.problems``).
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workflows import textlimits
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
UNREADABLE = _(
    "Line %(line)d cannot be read as CSV: a value is longer than %(limit)s characters, most "
    "often because a quotation mark is never closed. Nothing was imported."
)
CONTROL_CHARACTER = _(
    "a control character (%(character)s) is not allowed in an expense list; save the list "
    "again as plain CSV text."
)


@dataclass(frozen=True)
class ExpenseRow:
    """One row as read; ``quantity`` or ``unit_price`` is None where the row has a problem
    there, and ``code_readable`` says whether its catalogue and code can be looked up."""

    line: int
    catalogue: str
    code: str
    quantity: Decimal | None
    unit_price: Decimal | None
    code_readable: bool = True


@dataclass(frozen=True)
class RowProblem:
    """One problem of one row: its line, its column ("" for the whole row) and its message."""

    line: int
    column: str
    error: ValidationError

    @property
    def place(self) -> tuple[int, int]:
        """Where it is in the file: its line, then its column (the whole row first)."""
        column = (COLUMNS + OPTIONAL_COLUMNS).index(self.column) if self.column else -1
        return self.line, column


def cell_problem(line: int, column: str, problem: Message) -> RowProblem:
    """A problem of one value: "Line 3, column “quantity”: ..."."""
    params = {"line": line, "column": column, "problem": problem}
    return RowProblem(line, column, ValidationError(ROW_PROBLEM, params=params))


@dataclass(frozen=True)
class ExpenseList:
    """Every row of a hospital's expense list, and every problem its rows have."""

    rows: list[ExpenseRow]
    problems: list[RowProblem]


def refused(problems: Iterable[RowProblem]) -> ValidationError:
    """One refusal naming every problem, in the order of the file's lines and columns."""
    in_order = sorted(problems, key=lambda problem: problem.place)
    return ValidationError([problem.error for problem in in_order])


def read_expense_csv(data: bytes) -> ExpenseList:
    """The rows of an expense list and the problems of each row (line, column, why), all of
    them in one pass; ValidationError when the file is no expense list at all (too large, not
    UTF-8 text, without its columns or its lines, or with too many lines)."""
    if len(data) > MAX_BYTES:
        raise ValidationError(FILE_TOO_LARGE)
    try:
        text = data.decode("utf-8-sig")  # spreadsheets put a byte-order mark first
    except UnicodeDecodeError:
        raise ValidationError(NOT_UTF8) from None
    # newline="": the csv module itself reads the line ends, \r\n, \n or an old \r alone.
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [textlimits.written_out(name.strip()) for name in next(reader, [])]
    _check_header(header)
    rows, problems = [], []
    for line, values in _records(reader, problems):
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            params = {"line": line, "found": len(values), "expected": len(header)}
            error = ValidationError(WRONG_VALUE_COUNT, params=params)
            problems.append(RowProblem(line, "", error))
            continue
        row, row_problems = _read_row(dict(zip(header, values, strict=True)), line=line)
        problems += row_problems
        rows.append(row)
    if len(rows) > MAX_LINES:
        raise ValidationError(TOO_MANY_LINES, params={"count": len(rows), "limit": MAX_LINES})
    if not rows and not problems:
        raise ValidationError(NO_LINES)
    return ExpenseList(rows, problems)


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


def _records(reader, problems: list[RowProblem]) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted value may run over several lines); a
    line the csv module cannot read ends the file with its problem (a value longer than it
    takes, most often from a quotation mark that never closes)."""
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error:
            params = {"line": line, "limit": f"{csv.field_size_limit():,}"}
            problems.append(RowProblem(line, "", ValidationError(UNREADABLE, params=params)))
            return
        yield line, values


def _read_row(record: dict, *, line: int) -> tuple[ExpenseRow, list[RowProblem]]:
    problems = {}
    for column, raw in record.items():
        character = control_character(raw)
        if character:
            problems[column] = Message(CONTROL_CHARACTER, {"character": character})
    record = {column: raw.strip() for column, raw in record.items()}
    for column in COLUMNS:
        if not record[column] and column not in problems:
            problems[column] = Message(VALUE_REQUIRED, {})
    catalogue = record["catalogue"]
    if "catalogue" not in problems and catalogue not in Catalogue.values:
        problems["catalogue"] = Message(UNKNOWN_CATALOGUE, {"value": catalogue})
    quantity = _number(record["quantity"], NOT_A_QUANTITY, quantity_problem, "quantity", problems)
    price = _number(record["unit_price"], NOT_A_PRICE, unit_price_problem, "unit_price", problems)
    readable = "catalogue" not in problems and "code" not in problems
    row = ExpenseRow(line, catalogue, record["code"], quantity, price, code_readable=readable)
    return row, [cell_problem(line, column, problem) for column, problem in problems.items()]


def control_character(value: str) -> str | None:
    """The first control character in ``value`` (NUL, a bell, a line break inside a quoted
    value...) as U+0000, leaving out the spaces, tabs and line ends around it."""
    return textlimits.control_character(value.strip(" \t\r\n"))


def _number(text: str, malformed, check, column: str, problems: dict) -> Decimal | None:
    if not text or column in problems:
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
