"""The reimbursement of one admission, step by step, each step explained. Pure: no database.

The order is DOMAIN.md's "Order of an inpatient calculation". Every amount is rounded to the fen
(half up) as soon as it is computed, and later amounts are computed from the rounded ones.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .choices import CatalogueClass
from .explanations import explain_steps
from .money import ZERO, to_fen
from .terms import PolicyTerms
from .text import Message

CLASS_A, CLASS_B, OUT_OF_LIST = (kind.value for kind in CatalogueClass)
NO_RATIO = Decimal("0")

BAD_LINE = "An expense line needs 0 <= over_limit <= amount and a class A, B or out: {!r}"
NEGATIVE_POOLED_PAID = "pooled_paid cannot be negative: {!r}"

AMOUNT_KEYS = (
    "total",
    "self_paid_out_of_list",
    "over_price_limit",
    "class_b_first_share",
    "eligible",
    "deductible_applied",
    "pooled_fund_pays",
    "personal_pays",
)
BREAKDOWN_KEYS = (*AMOUNT_KEYS[:6], "ratio", *AMOUNT_KEYS[6:])


@dataclass(frozen=True, slots=True)
class ExpenseLine:
    """One line of the bill: its catalogue class, amount and the part above the price limit."""

    catalogue_class: str  # "A", "B" or "out"
    amount: Decimal  # yuan, to the fen
    over_limit: Decimal = ZERO  # part of ``amount`` above the catalogue's price limit


@dataclass(frozen=True, slots=True)
class Breakdown:
    """What the pooled fund and the person pay, and why (one sentence per step)."""

    total: Decimal
    self_paid_out_of_list: Decimal
    over_price_limit: Decimal
    class_b_first_share: Decimal
    eligible: Decimal
    deductible_applied: Decimal
    ratio: Decimal
    pooled_fund_pays: Decimal
    personal_pays: Decimal
    explanations: Mapping[str, Message]  # by key, in the order of the steps

    def as_json(self) -> dict[str, str]:
        """The keys in order; amounts with two decimals, the ratio as written."""
        data = {key: f"{getattr(self, key):.2f}" for key in BREAKDOWN_KEYS}
        data["ratio"] = str(self.ratio)
        return data


def reimbursement_calculate(
    *,
    terms: PolicyTerms,
    status: str,
    grade: str,
    scope: str,
    pooled_paid: Decimal,
    lines: Iterable[ExpenseLine],
) -> Breakdown:
    """The breakdown of one admission under ``terms``.

    ``status`` is "employed" or "retired", ``grade`` the institution's ("III", "II", "I"),
    ``scope`` one of ``choices.Scope``, ``pooled_paid`` what the pooled fund has already paid
    for this person this year.
    """
    if pooled_paid < 0:
        raise ValueError(NEGATIVE_POOLED_PAID.format(pooled_paid))
    line_total, out_sum, over_sum, b_within_sum = _sum_lines(lines)
    total = to_fen(line_total)
    out_of_list = to_fen(out_sum)
    over_limit = to_fen(over_sum)
    b_within = to_fen(b_within_sum)
    b_share = to_fen(terms.class_b_first_share * b_within)
    eligible = to_fen(total - out_of_list - over_limit - b_share)
    deductible_applied = to_fen(min(terms.deductible[grade], eligible))
    ratio = max(terms.ratio[status][grade] - terms.scope_ratio_cut[scope], NO_RATIO)
    uncapped = to_fen((eligible - deductible_applied) * ratio)
    cap_left = to_fen(max(terms.annual_cap - pooled_paid, ZERO))
    pooled = min(uncapped, cap_left)
    amounts = {
        "total": total,
        "self_paid_out_of_list": out_of_list,
        "over_price_limit": over_limit,
        "class_b_first_share": b_share,
        "eligible": eligible,
        "deductible_applied": deductible_applied,
        "ratio": ratio,
        "pooled_fund_pays": pooled,
        "personal_pays": to_fen(total - pooled),
    }
    explanations = explain_steps(
        amounts=amounts,
        terms=terms,
        status=status,
        grade=grade,
        scope=scope,
        pooled_paid=pooled_paid,
        b_within=b_within,
        uncapped=uncapped,
    )
    return Breakdown(**amounts, explanations=explanations)


def _sum_lines(lines: Iterable[ExpenseLine]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Sums of all amounts, of out-of-list lines, of over-limit parts, of B within the limit."""
    total = out_of_list = over_limit = b_within = ZERO
    for line in lines:
        amount, over = line.amount, line.over_limit
        if not ZERO <= over <= amount:
            raise ValueError(BAD_LINE.format(line))
        total += amount
        kind = line.catalogue_class
        if kind == CLASS_A:
            over_limit += over
        elif kind == CLASS_B:
            over_limit += over
            b_within += amount - over
        elif kind == OUT_OF_LIST:
            out_of_list += amount
        else:
            raise ValueError(BAD_LINE.format(line))
    return total, out_of_list, over_limit, b_within
