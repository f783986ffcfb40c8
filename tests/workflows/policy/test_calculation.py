"""Worked examples computed by hand under issue 4's example policy, and what they say to people.

The example policy: deductible III 1000 / II 500 / I 300; ratio employed 85 / 88 / 92 %,
retired 88 / 91 / 95 %; annual cap 500,000; class B first share 10 %; the ratio is cut by
10 points for referral and emergency, 20 for unfiled off-site care, 0 otherwise.
No test here has database access: the calculation is pure.
"""

import dataclasses
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from workflows.policy import explanations
from workflows.policy.calculation import ExpenseLine, reimbursement_calculate
from workflows.policy.terms import parse_terms

from .examples import EXAMPLE_TERMS

TERMS = parse_terms(EXAMPLE_TERMS)


def quote(*, status, grade, scope, lines, pooled_paid="0.00", terms=TERMS):
    return reimbursement_calculate(
        terms=terms,
        status=status,
        grade=grade,
        scope=scope,
        pooled_paid=Decimal(pooled_paid),
        lines=[ExpenseLine(kind, Decimal(amount), Decimal(over)) for kind, amount, over in lines],
    )


def test_a_retired_person_referred_to_a_grade_two_hospital():
    # The claim. B within its limit 800 - 50 = 750, first share 10 % = 75.
    # Eligible 2300 - 300 - 50 - 75 = 1875; deductible 500; ratio 0.91 - 0.10 = 0.81;
    # pooled fund (1875 - 500) x 0.81 = 1113.75; the person 2300 - 1113.75 = 1186.25.
    breakdown = quote(
        status="retired",
        grade="II",
        scope="referral",
        lines=[("A", "1200.00", "0.00"), ("B", "800.00", "50.00"), ("out", "300.00", "0.00")],
    )
    assert breakdown.as_json() == {
        "total": "2300.00",
        "self_paid_out_of_list": "300.00",
        "over_price_limit": "50.00",
        "class_b_first_share": "75.00",
        "eligible": "1875.00",
        "deductible_applied": "500.00",
        "ratio": "0.81",
        "pooled_fund_pays": "1113.75",
        "personal_pays": "1186.25",
    }


def test_an_employed_person_treated_locally_at_grade_three():
    # B share 10 % of 2000 = 200; eligible 7000 - 200 = 6800; deductible 1000;
    # (6800 - 1000) x 0.85 = 4930; the person 7000 - 4930 = 2070.
    breakdown = quote(
        status="employed",
        grade="III",
        scope="local",
        lines=[("A", "5000.00", "0.00"), ("B", "2000.00", "0.00")],
    )
    assert breakdown.as_json() == {
        "total": "7000.00",
        "self_paid_out_of_list": "0.00",
        "over_price_limit": "0.00",
        "class_b_first_share": "200.00",
        "eligible": "6800.00",
        "deductible_applied": "1000.00",
        "ratio": "0.85",
        "pooled_fund_pays": "4930.00",
        "personal_pays": "2070.00",
    }


def test_in_an_emergency_a_deductible_larger_than_the_eligible_amount_leaves_nothing_to_pay():
    # Eligible 350 - 100 = 250, less than the Grade I deductible of 300: all of it applies,
    # nothing is left for the ratio (0.92 - 0.10 = 0.82) to act on.
    breakdown = quote(
        status="employed",
        grade="I",
        scope="emergency",
        lines=[("A", "250.00", "0.00"), ("out", "100.00", "0.00")],
    )
    assert breakdown.as_json() == {
        "total": "350.00",
        "self_paid_out_of_list": "100.00",
        "over_price_limit": "0.00",
        "class_b_first_share": "0.00",
        "eligible": "250.00",
        "deductible_applied": "250.00",
        "ratio": "0.82",
        "pooled_fund_pays": "0.00",
        "personal_pays": "350.00",
    }


def test_off_site_with_a_filing_the_annual_cap_is_reached_within_the_year():
    # (100000 - 1000) x 0.88 = 87120, but of the 500,000 cap only 500000 - 499000 = 1000 is left.
    breakdown = quote(
        status="retired",
        grade="III",
        scope="offsite_filed",
        pooled_paid="499000.00",
        lines=[("A", "100000.00", "0.00")],
    )
    assert breakdown.as_json() == {
        "total": "100000.00",
        "self_paid_out_of_list": "0.00",
        "over_price_limit": "0.00",
        "class_b_first_share": "0.00",
        "eligible": "100000.00",
        "deductible_applied": "1000.00",
        "ratio": "0.88",
        "pooled_fund_pays": "1000.00",
        "personal_pays": "99000.00",
    }


@pytest.mark.parametrize("pooled_paid", ["500000.00", "612345.67"])
def test_once_the_cap_is_used_up_the_pooled_fund_pays_nothing(pooled_paid):
    breakdown = quote(
        status="retired",
        grade="III",
        scope="local",
        pooled_paid=pooled_paid,
        lines=[("A", "20000.00", "0.00")],
    )
    assert breakdown.pooled_fund_pays == Decimal("0.00")
    assert breakdown.personal_pays == Decimal("20000.00")


def test_off_site_without_a_filing_b_drugs_over_their_price_limit():
    # Over the limit: 600 (self-paid). B within the limits: 3000 - 600 + 1500 = 3900, share 390.
    # Eligible 4900 - 600 - 390 = 3910; deductible 500; ratio 0.88 - 0.20 = 0.68;
    # (3910 - 500) x 0.68 = 2318.80; the person 4900 - 2318.80 = 2581.20.
    breakdown = quote(
        status="employed",
        grade="II",
        scope="offsite_unfiled",
        lines=[("B", "3000.00", "600.00"), ("B", "1500.00", "0.00"), ("A", "400.00", "0.00")],
    )
    assert breakdown.as_json() == {
        "total": "4900.00",
        "self_paid_out_of_list": "0.00",
        "over_price_limit": "600.00",
        "class_b_first_share": "390.00",
        "eligible": "3910.00",
        "deductible_applied": "500.00",
        "ratio": "0.68",
        "pooled_fund_pays": "2318.80",
        "personal_pays": "2581.20",
    }


def test_half_a_fen_is_rounded_up_as_soon_as_it_appears():
    # B share 1234.45 x 0.10 = 123.445 -> 123.45 (half-even would say 123.44).
    # Eligible from the rounded share: 3234.55 - 123.45 = 3111.10; deductible 1000;
    # 2111.10 x 0.85 = 1794.435 -> 1794.44; the person 3234.55 - 1794.44 = 1440.11.
    breakdown = quote(
        status="employed",
        grade="III",
        scope="local",
        lines=[("A", "2000.10", "0.00"), ("B", "1234.45", "0.00")],
    )
    assert breakdown.as_json() == {
        "total": "3234.55",
        "self_paid_out_of_list": "0.00",
        "over_price_limit": "0.00",
        "class_b_first_share": "123.45",
        "eligible": "3111.10",
        "deductible_applied": "1000.00",
        "ratio": "0.85",
        "pooled_fund_pays": "1794.44",
        "personal_pays": "1440.11",
    }


def test_a_scope_cut_larger_than_the_ratio_leaves_a_ratio_of_zero_not_below():
    terms = dataclasses.replace(
        TERMS, scope_ratio_cut={**TERMS.scope_ratio_cut, "offsite_unfiled": Decimal("0.95")}
    )
    breakdown = quote(
        status="employed",
        grade="II",
        scope="offsite_unfiled",
        lines=[("A", "9000.00", "0.00")],
        terms=terms,
    )
    assert breakdown.ratio == 0
    assert breakdown.as_json()["ratio"] == "0"
    assert breakdown.pooled_fund_pays == Decimal("0.00")
    assert breakdown.personal_pays == Decimal("9000.00")


def test_the_over_limit_part_of_an_out_of_list_line_is_not_counted_twice():
    breakdown = quote(
        status="employed",
        grade="III",
        scope="local",
        lines=[("out", "300.00", "100.00")],
    )
    assert breakdown.self_paid_out_of_list == Decimal("300.00")
    assert breakdown.over_price_limit == Decimal("0.00")
    assert breakdown.eligible == Decimal("0.00")


@pytest.mark.parametrize(
    "line",
    [
        ExpenseLine("C", Decimal("10.00"), Decimal("0.00")),
        ExpenseLine("A", Decimal("-10.00"), Decimal("0.00")),
        ExpenseLine("B", Decimal("10.00"), Decimal("10.01")),
        ExpenseLine("B", Decimal("10.00"), Decimal("-0.01")),
    ],
)
def test_a_line_the_claim_files_would_refuse_is_a_programming_error(line):
    with pytest.raises(ValueError, match="expense line"):
        reimbursement_calculate(
            terms=TERMS,
            status="employed",
            grade="III",
            scope="local",
            pooled_paid=Decimal("0.00"),
            lines=[line],
        )


def test_a_negative_pooled_paid_is_a_programming_error():
    with pytest.raises(ValueError, match="pooled_paid"):
        quote(status="employed", grade="III", scope="local", lines=[], pooled_paid="-1.00")


class TestExplanations:
    def referral(self):
        return quote(
            status="retired",
            grade="II",
            scope="referral",
            lines=[("A", "1200.00", "0.00"), ("B", "800.00", "50.00"), ("out", "300.00", "0.00")],
        )

    def test_every_step_is_explained_in_order(self):
        breakdown = self.referral()
        assert list(breakdown.explanations) == list(breakdown.as_json())

    def test_each_step_reads_in_english(self):
        said = {key: m.render("en") for key, m in self.referral().explanations.items()}
        assert said == {
            "total": "Your bills for this stay add up to 2,300.00 yuan.",
            "self_paid_out_of_list": "300.00 yuan is for drugs and services outside the "
            "insurance catalogues; you pay it yourself.",
            "over_price_limit": "50.00 yuan was charged above the catalogues' price limits; "
            "you pay that part yourself.",
            "class_b_first_share": "Class B drugs and items come to 750.00 yuan within their "
            "price limits; you first pay 10% of that yourself: 75.00 yuan.",
            "eligible": "The pooled fund can cover 2,300.00 − 300.00 − 50.00 − 75.00 = "
            "1,875.00 yuan.",
            "deductible_applied": "The deductible at a Grade II hospital is 500.00 yuan; you "
            "pay it yourself before the pooled fund pays.",
            "ratio": "For retired members at a Grade II hospital the pooled fund pays 91% of "
            "the rest; for treatment after an approved referral that is 10 percentage points "
            "less, so 81%.",
            "pooled_fund_pays": "The pooled fund pays (1,875.00 − 500.00) × 81% = 1,113.75 yuan.",
            "personal_pays": "You pay 1,186.25 yuan: the total of 2,300.00 yuan less the "
            "1,113.75 yuan the pooled fund pays.",
        }

    def test_each_step_reads_in_chinese(self):
        said = {key: m.render("zh-hans") for key, m in self.referral().explanations.items()}
        assert said["ratio"] == (
            "退休人员在二级医院住院，统筹基金按91%的比例支付其余费用；"
            "经批准转诊就医的比例降低10个百分点，为81%。"
        )
        assert said["pooled_fund_pays"] == (
            "统筹基金支付：（1,875.00 − 500.00）× 81% = 1,113.75元。"
        )

    def test_an_explanation_is_read_in_the_language_active_when_it_is_read(self):
        message = self.referral().explanations["total"]
        with translation.override("en"):
            english = str(message)
        with translation.override("zh-hans"):
            chinese = str(message)
        assert english == "Your bills for this stay add up to 2,300.00 yuan."
        assert chinese == "您本次住院的费用合计2,300.00元。"

    def test_the_cap_is_explained_when_it_limits_what_the_fund_pays(self):
        breakdown = quote(
            status="retired",
            grade="III",
            scope="offsite_filed",
            pooled_paid="499000.00",
            lines=[("A", "100000.00", "0.00")],
        )
        message = breakdown.explanations["pooled_fund_pays"]
        assert message.text == explanations.POOLED_FUND_PAYS_CAPPED
        assert message.render("en") == (
            "(100,000.00 − 1,000.00) × 88% would be 87,120.00 yuan, but the pooled fund pays at "
            "most 500,000.00 yuan a year and has already paid 499,000.00 yuan for you this "
            "year, so it pays 1,000.00 yuan."
        )

    def test_a_deductible_above_the_eligible_amount_is_explained_as_such(self):
        breakdown = quote(
            status="employed", grade="I", scope="emergency", lines=[("A", "250.00", "0.00")]
        )
        assert breakdown.explanations["deductible_applied"].text == (
            explanations.DEDUCTIBLE_ABOVE_ELIGIBLE
        )

    def test_status_is_not_mentioned_where_the_policy_pays_everybody_alike(self):
        same = {"III": Decimal("0.60"), "II": Decimal("0.75"), "I": Decimal("0.85")}
        residents = dataclasses.replace(TERMS, ratio={"employed": same, "retired": same})
        breakdown = quote(
            status="employed",
            grade="II",
            scope="local",
            lines=[("A", "900.00", "0.00")],
            terms=residents,
        )
        assert breakdown.explanations["ratio"].render("en") == (
            "At a Grade II hospital the pooled fund pays 75% of the rest."
        )


def test_the_calculation_imports_no_model_and_needs_no_settings():
    code = (
        "import sys, workflows.policy.calculation; "
        "print(sorted(m for m in sys.modules if m.endswith('models') and 'workflows' in m))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"
