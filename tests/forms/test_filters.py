"""How the forms print money, quantities, ratios, dates and times, in Chinese and in English."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from forms.filters import day, moment, money, percent, quantity

LATE_EVENING_UTC = datetime.datetime(2026, 11, 24, 17, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("amount", "printed"),
    [
        (Decimal("38615.4"), "38,615.40"),
        (Decimal("1234567.891"), "1,234,567.89"),
        (Decimal("0.005"), "0.01"),  # half up, as DESIGN.md rounds money
        (Decimal("0.015"), "0.02"),
        (800, "800.00"),
        (None, ""),
    ],
)
def test_money_prints_two_decimals_and_thousands_separators(amount, printed):
    assert money(amount) == printed


def test_quantities_print_as_counted():
    assert quantity(30) == "30"
    assert quantity(Decimal("1200.000")) == "1,200"
    assert quantity(Decimal("0.50")) == "0.5"


def test_a_ratio_prints_as_a_percentage():
    assert percent(Decimal("0.75")) == "75%"
    assert percent(Decimal("0.625")) == "62.5%"


def test_dates_print_in_chinese_and_in_english():
    with translation.override("zh-hans"):
        assert day(datetime.date(2026, 11, 25)) == "2026年11月25日"
    with translation.override("en"):
        assert day(datetime.date(2026, 11, 25)) == "25 Nov 2026"
    assert day(None) == ""


def test_times_print_in_shanghai_whatever_zone_they_come_in():
    with translation.override("zh-hans"):
        assert moment(LATE_EVENING_UTC) == "2026年11月25日 01:05"
        assert day(LATE_EVENING_UTC) == "2026年11月25日"
    with translation.override("en"):
        assert moment(LATE_EVENING_UTC) == "25 Nov 2026 01:05"
