"""Quotes for the claims workflows: catalogue codes, quantities and prices in, the breakdown out."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .calculation import Breakdown, ExpenseLine, reimbursement_calculate
from .choices import Catalogue, CatalogueClass
from .models import Policy
from .money import ZERO, to_fen
from .selectors import catalogue_entries_by_code

UNKNOWN_CODE = _("The %(catalogue)s catalogue has no entry with the code %(code)s.")
QUANTITY_NOT_POSITIVE = _("The quantity of %(code)s must be more than zero, not %(quantity)s.")
NEGATIVE_UNIT_PRICE = _("The unit price of %(code)s cannot be negative: %(price)s.")


@dataclass(frozen=True)
class ChargedItem:
    """One line of a hospital bill as the claim records it."""

    catalogue: str  # a choices.Catalogue value
    code: str
    quantity: Decimal
    unit_price: Decimal  # yuan per unit, as charged


def expense_line(
    *,
    catalogue_class: str,
    price_limit: Decimal | None,
    quantity: Decimal,
    unit_price: Decimal,
) -> ExpenseLine:
    """The expense line of ``quantity`` units at ``unit_price``; any price above the catalogue's
    limit makes the excess (times the quantity) the over-limit part. Pure.
    """
    amount = to_fen(unit_price * quantity)
    over_limit = ZERO
    if catalogue_class != CatalogueClass.OUT and price_limit is not None:
        over_limit = to_fen(max(unit_price - price_limit, ZERO) * quantity)
    return ExpenseLine(catalogue_class, amount, over_limit)


def expense_lines_from_catalogue(*, items: Sequence[ChargedItem]) -> list[ExpenseLine]:
    """The expense lines of ``items``, class and price limit from the catalogues.

    ValidationError names every unknown code, non-positive quantity and negative price.
    """
    codes = defaultdict(set)
    for item in items:
        codes[item.catalogue].add(item.code)
    entries = catalogue_entries_by_code(codes=codes)
    errors, lines = [], []
    for item in items:
        entry = entries.get((item.catalogue, item.code))
        errors += _problems(item, known=entry is not None)
        if entry is not None:
            lines.append(
                expense_line(
                    catalogue_class=entry.catalogue_class,
                    price_limit=entry.price_limit,
                    quantity=item.quantity,
                    unit_price=item.unit_price,
                )
            )
    if errors:
        raise ValidationError(errors)
    return lines


def reimbursement_quote(
    *,
    policy: Policy,
    status: str,
    grade: str,
    scope: str,
    pooled_paid: Decimal,
    items: Sequence[ChargedItem],
) -> Breakdown:
    """The breakdown of one admission whose bill is ``items``, under ``policy``."""
    return reimbursement_calculate(
        terms=policy.terms,
        status=status,
        grade=grade,
        scope=scope,
        pooled_paid=pooled_paid,
        lines=expense_lines_from_catalogue(items=items),
    )


def _problems(item: ChargedItem, *, known: bool) -> list[ValidationError]:
    problems = []
    if not known:
        label = Catalogue(item.catalogue).label
        problems.append(
            ValidationError(UNKNOWN_CODE, params={"catalogue": label, "code": item.code})
        )
    if item.quantity <= 0:
        params = {"code": item.code, "quantity": item.quantity}
        problems.append(ValidationError(QUANTITY_NOT_POSITIVE, params=params))
    if item.unit_price < 0:
        params = {"code": item.code, "price": item.unit_price}
        problems.append(ValidationError(NEGATIVE_UNIT_PRICE, params=params))
    return problems
