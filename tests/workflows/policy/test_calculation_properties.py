"""Properties of the calculation that hold for every policy and bill (hypothesis)."""

import dataclasses
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from workflows.policy.calculation import AMOUNT_KEYS, ExpenseLine, reimbursement_calculate
from workflows.policy.money import FEN
from workflows.policy.terms import GRADES, SCOPES, STATUSES, PolicyTerms

MAX_FEN = 10**9  # ten million yuan


def money(max_fen: int = MAX_FEN):
    return st.integers(min_value=0, max_value=max_fen).map(lambda fen: Decimal(fen) * FEN)


ratios = st.integers(min_value=0, max_value=100).map(lambda points: Decimal(points) * FEN)


@st.composite
def terms(draw) -> PolicyTerms:
    return PolicyTerms(
        deductible={grade: draw(money(500_000)) for grade in GRADES},
        ratio={status: {grade: draw(ratios) for grade in GRADES} for status in STATUSES},
        annual_cap=draw(money()),
        class_b_first_share=draw(ratios),
        scope_ratio_cut={scope: draw(ratios) for scope in SCOPES},
        referral_validity_days=30,
        emergency_report_days=10,
    )


@st.composite
def lines(draw) -> ExpenseLine:
    amount = draw(money(10_000_000))
    over_limit = draw(st.integers(min_value=0, max_value=int(amount / FEN))) * FEN
    return ExpenseLine(draw(st.sampled_from(["A", "B", "out"])), amount, over_limit)


@st.composite
def admissions(draw) -> dict:
    return {
        "terms": draw(terms()),
        "status": draw(st.sampled_from(STATUSES)),
        "grade": draw(st.sampled_from(GRADES)),
        "scope": draw(st.sampled_from(SCOPES)),
        "pooled_paid": draw(money()),
        "lines": draw(st.lists(lines(), max_size=25)),
    }


@given(admissions())
def test_the_pooled_fund_pays_never_less_than_nothing_nor_more_than_the_eligible_amount(case):
    breakdown = reimbursement_calculate(**case)
    assert 0 <= breakdown.pooled_fund_pays <= breakdown.eligible
    assert breakdown.pooled_fund_pays <= breakdown.eligible - breakdown.deductible_applied


@given(admissions())
def test_the_pooled_fund_never_pays_past_the_annual_cap(case):
    breakdown = reimbursement_calculate(**case)
    left = max(case["terms"].annual_cap - case["pooled_paid"], 0)
    assert breakdown.pooled_fund_pays <= left


@given(admissions())
def test_the_parts_add_up_to_the_total(case):
    b = reimbursement_calculate(**case)
    assert b.pooled_fund_pays + b.personal_pays == b.total
    assert (
        b.self_paid_out_of_list + b.over_price_limit + b.class_b_first_share + b.eligible == b.total
    )
    assert b.total == sum((line.amount for line in case["lines"]), Decimal(0))


@given(admissions())
def test_every_amount_is_in_fen_and_the_deductible_applied_is_at_most_the_deductible(case):
    b = reimbursement_calculate(**case)
    for key in AMOUNT_KEYS:
        assert getattr(b, key).as_tuple().exponent == -2, key
    assert 0 <= b.deductible_applied <= case["terms"].deductible[case["grade"]]
    assert 0 <= b.ratio <= 1


@given(admissions(), st.integers(min_value=1, max_value=100))
def test_a_higher_ratio_never_pays_less(case, points):
    terms = case["terms"]
    status, grade = case["status"], case["grade"]
    higher = min(terms.ratio[status][grade] + Decimal(points) * FEN, Decimal(1))
    raised = dataclasses.replace(
        terms,
        ratio={**terms.ratio, status: {**terms.ratio[status], grade: higher}},
    )
    before = reimbursement_calculate(**case).pooled_fund_pays
    after = reimbursement_calculate(**{**case, "terms": raised}).pooled_fund_pays
    assert after >= before


@given(admissions(), st.integers(min_value=1, max_value=100))
def test_a_smaller_scope_cut_never_pays_less(case, points):
    terms = case["terms"]
    scope = case["scope"]
    smaller = max(terms.scope_ratio_cut[scope] - Decimal(points) * FEN, Decimal(0))
    eased = dataclasses.replace(terms, scope_ratio_cut={**terms.scope_ratio_cut, scope: smaller})
    before = reimbursement_calculate(**case).pooled_fund_pays
    after = reimbursement_calculate(**{**case, "terms": eased}).pooled_fund_pays
    assert after >= before
