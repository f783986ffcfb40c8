"""Quotes from catalogue codes: the catalogue gives class and price limit, the rest is the same."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    DrugFactory,
    FacilityStandardFactory,
    PolicyFactory,
    TreatmentItemFactory,
)
from workflows.policy import quotes
from workflows.policy.calculation import ExpenseLine, reimbursement_calculate
from workflows.policy.choices import Catalogue
from workflows.policy.quotes import ChargedItem, expense_line, reimbursement_quote

from .helpers import said

D = Decimal


@pytest.mark.parametrize(
    ("kind", "limit", "quantity", "price", "amount", "over"),
    [
        ("A", "1.20", "28", "1.20", "33.60", "0.00"),  # at the limit
        ("A", "1.20", "28", "1.00", "28.00", "0.00"),  # below it
        ("B", "3.50", "14", "4.10", "57.40", "8.40"),  # 0.60 over, 14 times
        ("B", "3.50", "0.5", "4.15", "2.08", "0.33"),  # 2.075 and 0.325, half up
        ("B", None, "2", "99.00", "198.00", "0.00"),  # no limit
        ("out", None, "3", "20.00", "60.00", "0.00"),  # outside the list: all self-paid anyway
    ],
)
def test_a_unit_price_above_the_limit_makes_the_excess_the_over_limit_part(
    kind, limit, quantity, price, amount, over
):
    line = expense_line(
        catalogue_class=kind,
        price_limit=None if limit is None else D(limit),
        quantity=D(quantity),
        unit_price=D(price),
    )
    assert line == ExpenseLine(kind, D(amount), D(over))


@pytest.mark.django_db
def test_a_quote_from_codes_is_the_calculation_of_the_lines_the_catalogue_gives():
    drug = DrugFactory(catalogue_class="B", price_limit=D("3.50"))
    item = TreatmentItemFactory(catalogue_class="A", price_limit=D("180.00"))
    bed = FacilityStandardFactory(catalogue_class="out", price_limit=None)
    policy = PolicyFactory()
    items = [
        ChargedItem("drugs", drug.code, D("14"), D("4.10")),
        ChargedItem("treatments", item.code, D("1"), D("180.00")),
        ChargedItem("facilities", bed.code, D("5"), D("120.00")),
    ]
    breakdown = reimbursement_quote(
        policy=policy,
        status="retired",
        grade="II",
        scope="local",
        pooled_paid=D("0.00"),
        items=items,
    )
    by_hand = reimbursement_calculate(
        terms=policy.terms,
        status="retired",
        grade="II",
        scope="local",
        pooled_paid=D("0.00"),
        lines=[
            ExpenseLine("B", D("57.40"), D("8.40")),
            ExpenseLine("A", D("180.00"), D("0.00")),
            ExpenseLine("out", D("600.00"), D("0.00")),
        ],
    )
    assert breakdown.as_json() == by_hand.as_json()


@pytest.mark.django_db
def test_unknown_codes_and_impossible_quantities_and_prices_are_each_named():
    drug = DrugFactory()
    items = [
        ChargedItem("drugs", "NO-SUCH-DRUG", D("1"), D("1.00")),
        ChargedItem("treatments", drug.code, D("1"), D("1.00")),  # a drug code, wrong catalogue
        ChargedItem("drugs", drug.code, D("0"), D("-2.00")),
    ]
    with pytest.raises(ValidationError) as refused:
        quotes.expense_lines_from_catalogue(items=items)
    assert refused.value.messages == [
        said(quotes.UNKNOWN_CODE, catalogue=Catalogue.DRUGS.label, code="NO-SUCH-DRUG"),
        said(quotes.UNKNOWN_CODE, catalogue=Catalogue.TREATMENTS.label, code=drug.code),
        said(quotes.QUANTITY_NOT_POSITIVE, code=drug.code, quantity=D("0")),
        said(quotes.NEGATIVE_UNIT_PRICE, code=drug.code, price=D("-2.00")),
    ]
