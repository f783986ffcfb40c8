"""Catalogue CSV files: every bad row named by line, column and reason (pure: no database)."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workflows.textlimits import control_character

from .choices import CatalogueClass
from .text import Message
from .values import DECIMAL, FEN_EXPONENT

COLUMNS = ("code", "name", "class", "price_limit", "unit")
MAX_LENGTHS = {"code": 30, "name": 128, "unit": 16}
REQUIRED = ("code", "name", "class")
CLASSES = tuple(CatalogueClass.values)

EMPTY_FILE = _("The file is empty; its first line names the columns %(columns)s.")
MISSING_COLUMNS = _("Line 1 names the columns; %(columns)s is missing.")
UNKNOWN_COLUMNS = _("Line 1 names the columns; %(columns)s is not a catalogue column.")
WRONG_VALUE_COUNT = _("Line %(line)d has %(found)d values; the header names %(expected)d.")
ROW_PROBLEM = _("Line %(line)d, column “%(column)s”: %(problem)s")

VALUE_REQUIRED = _("a value is required.")
TOO_LONG = _("longer than %(limit)s characters.")
DUPLICATE_CODE = _("%(code)s is already the code on line %(first)s.")
UNKNOWN_CLASS = _("“%(value)s” is not a class; write A, B or out.")
NOT_A_PRICE = _("“%(value)s” is not a price in yuan, such as 12.50.")
NEGATIVE_PRICE = _("“%(value)s” is negative; a price limit cannot be.")
FINER_THAN_FEN = _("“%(value)s” has more than two decimals; prices are to the fen.")
OUT_OF_LIST_WITH_LIMIT = _("an entry outside the list has no price limit; leave it empty.")
CONTROL_CHARACTER = _(
    "a control character (%(character)s) is not allowed in a catalogue; save the file again "
    "as plain CSV text."
)


@dataclass(frozen=True)
class CatalogueRow:
    line: int
    code: str
    name: str
    catalogue_class: str
    price_limit: Decimal | None
    unit: str


def parse_catalogue_csv(text_lines: Iterable[str]) -> list[CatalogueRow]:
    """The rows of a catalogue file; ValidationError names every bad row, line and column."""
    reader = csv.reader(text_lines)
    header = [name.strip() for name in next(reader, [])]
    _check_header(header)
    errors, rows, first_line_of = [], [], {}
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            errors.append(
                ValidationError(
                    WRONG_VALUE_COUNT,
                    params={"line": reader.line_num, "found": len(values), "expected": len(header)},
                )
            )
            continue
        record = dict(zip(header, (value.strip() for value in values), strict=True))
        row, problems = _read_row(record, line=reader.line_num, first_line_of=first_line_of)
        errors += problems
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    return rows


def _check_header(header: list[str]) -> None:
    listed = ", ".join(COLUMNS)
    if not any(header):
        raise ValidationError(EMPTY_FILE, params={"columns": listed})
    errors = [
        ValidationError(MISSING_COLUMNS, params={"columns": name})
        for name in COLUMNS
        if name not in header
    ]
    errors += [
        ValidationError(UNKNOWN_COLUMNS, params={"columns": name})
        for name in header
        if name not in COLUMNS
    ]
    if errors:
        raise ValidationError(errors)


def _read_row(record: dict, *, line: int, first_line_of: dict) -> tuple[CatalogueRow, list]:
    problems = {}
    for column in REQUIRED:
        if not record[column]:
            problems[column] = Message(VALUE_REQUIRED, {})
    for column, limit in MAX_LENGTHS.items():
        if len(record[column]) > limit:
            problems[column] = Message(TOO_LONG, {"limit": limit})
    code = record["code"]
    if code and code in first_line_of:
        problems["code"] = Message(DUPLICATE_CODE, {"code": code, "first": first_line_of[code]})
    first_line_of.setdefault(code, line)
    kind = record["class"]
    if kind and kind not in CLASSES:
        problems["class"] = Message(UNKNOWN_CLASS, {"value": kind})
    price_limit, price_problem = _read_price(record["price_limit"], kind=kind)
    if price_problem:
        problems["price_limit"] = price_problem
    for column, value in record.items():  # the one problem of a value that holds one
        character = control_character(value, lines=True)
        if character:
            problems[column] = Message(CONTROL_CHARACTER, {"character": character})
    row = CatalogueRow(line, code, record["name"], kind, price_limit, record["unit"])
    errors = [
        ValidationError(ROW_PROBLEM, params={"line": line, "column": column, "problem": problem})
        for column, problem in sorted(problems.items(), key=lambda item: COLUMNS.index(item[0]))
    ]
    return row, errors


def _read_price(text: str, *, kind: str) -> tuple[Decimal | None, Message | None]:
    if not text:
        return None, None
    if kind == CatalogueClass.OUT:
        return None, Message(OUT_OF_LIST_WITH_LIMIT, {})
    if not DECIMAL.fullmatch(text):
        return None, Message(NOT_A_PRICE, {"value": text})
    price = Decimal(text)
    if price < 0:
        return None, Message(NEGATIVE_PRICE, {"value": text})
    if price.as_tuple().exponent < FEN_EXPONENT:
        return None, Message(FINER_THAN_FEN, {"value": text})
    return price, None
