"""The claim file of ``quote_reimbursement``: parsed and checked, one message a problem (pure)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .calculation import ExpenseLine
from .choices import CatalogueClass
from .terms import GRADES, SCOPES, STATUSES
from .values import Problems, child, list_of, one_of, read_amount, read_schema

OVER_LIMIT_ABOVE_AMOUNT = _(
    "“%(key)s” is %(over_limit)s, more than the line's amount of %(amount)s; "
    "the part above the price limit is a part of the amount."
)

LINE_SCHEMA = {
    "class": one_of(tuple(CatalogueClass.values)),
    "amount": read_amount,
    "over_limit": read_amount,
}
CLAIM_SCHEMA = {
    "status": one_of(STATUSES),
    "grade": one_of(GRADES),
    "scope": one_of(SCOPES),
    "pooled_paid": read_amount,
    "lines": list_of(LINE_SCHEMA),
}


@dataclass(frozen=True)
class Claim:
    """One admission to quote: who, where, what they have used this year, and the bill."""

    status: str
    grade: str
    scope: str
    pooled_paid: Decimal
    lines: tuple[ExpenseLine, ...]


def parse_claim(document: object) -> Claim:
    """The claim in ``document``; ValidationError lists every problem, one message each."""
    problems = Problems()
    parsed = read_schema(document, CLAIM_SCHEMA, key="", problems=problems) or {}
    for number, line in enumerate(parsed.get("lines") or []):
        amount, over_limit = (line or {}).get("amount"), (line or {}).get("over_limit")
        if amount is not None and over_limit is not None and over_limit > amount:
            problems.add(
                OVER_LIMIT_ABOVE_AMOUNT,
                key=child(child("lines", number), "over_limit"),
                over_limit=over_limit,
                amount=amount,
            )
    problems.raise_if_any()
    lines = tuple(
        ExpenseLine(line["class"], line["amount"], line["over_limit"]) for line in parsed["lines"]
    )
    return Claim(**{**parsed, "lines": lines})
