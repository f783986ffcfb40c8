"""The term of issue 13: each step's time limit in working days.

Optional, like the terms of issue 6: a policy that leaves it out follows the defaults and is
written back without it; a bad value gets its own message.
"""

import pytest
from django.core.exceptions import ValidationError

from workflows.policy import values as v
from workflows.policy.choices import TimedStep
from workflows.policy.models import Policy
from workflows.policy.terms import DEFAULT_STEP_TIME_LIMITS, parse_terms

from .examples import EXAMPLE_TERMS
from .helpers import later

LIMITS = {
    "director_review": 1,
    "office_review": 2,
    "dean_sign": 2,
    "center_approve": 5,
    "claim_review": 20,
    "claim_pay": 5,
    "filing_review": 5,
    "filing_change_review": 3,
}


def test_left_out_every_step_takes_its_default_and_nothing_is_written_back():
    terms = parse_terms(EXAMPLE_TERMS)
    assert terms.step_time_limits == DEFAULT_STEP_TIME_LIMITS
    assert terms.step_time_limits["center_approve"] == 5
    assert terms.step_time_limits["claim_review"] == 20
    assert terms.as_document() == EXAMPLE_TERMS


def test_the_defaults_name_every_timed_step_and_nothing_else():
    assert set(DEFAULT_STEP_TIME_LIMITS) == set(TimedStep.values)


def test_given_they_are_read_and_written_back_as_the_file_says():
    document = {**EXAMPLE_TERMS, "step_time_limits": LIMITS}
    terms = parse_terms(document)
    assert terms.step_time_limits == LIMITS
    assert terms.as_document() == document


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        (
            {**LIMITS, "dean_sign": 0},
            later(v.NOT_WORKING_DAYS, key="step_time_limits.dean_sign", value="0", most=250),
        ),
        (
            {**LIMITS, "claim_review": "20"},
            later(v.NOT_WORKING_DAYS, key="step_time_limits.claim_review", value='"20"', most=250),
        ),
        (
            {**LIMITS, "claim_review": 2.5},
            later(v.NOT_WORKING_DAYS, key="step_time_limits.claim_review", value="2.5", most=250),
        ),
        (
            {**LIMITS, "center_approve": True},
            later(
                v.NOT_WORKING_DAYS, key="step_time_limits.center_approve", value="true", most=250
            ),
        ),
        (
            {**LIMITS, "filing_review": 251},
            later(v.NOT_WORKING_DAYS, key="step_time_limits.filing_review", value="251", most=250),
        ),
        (
            {k: days for k, days in LIMITS.items() if k != "office_review"},
            later(v.MISSING_KEY, key="step_time_limits.office_review"),
        ),
        (
            {**LIMITS, "propose": 1},
            later(v.UNKNOWN_KEY, key="step_time_limits.propose"),
        ),
        ([1, 2, 2, 5], later(v.NOT_AN_OBJECT, key="step_time_limits", value="[1, 2, 2, 5]")),
    ],
)
def test_a_bad_limit_is_refused_with_its_own_message(limits, expected):
    with pytest.raises(ValidationError) as refused:
        parse_terms({**EXAMPLE_TERMS, "step_time_limits": limits})
    assert refused.value.messages == [expected()]


def test_every_bad_limit_is_named_at_once():
    limits = {**LIMITS, "director_review": -1, "dean_sign": "two"}
    del limits["claim_pay"]
    with pytest.raises(ValidationError) as refused:
        parse_terms({**EXAMPLE_TERMS, "step_time_limits": limits})
    assert refused.value.messages == [
        later(v.MISSING_KEY, key="step_time_limits.claim_pay")(),
        later(v.NOT_WORKING_DAYS, key="step_time_limits.director_review", value="-1", most=250)(),
        later(v.NOT_WORKING_DAYS, key="step_time_limits.dean_sign", value='"two"', most=250)(),
    ]


@pytest.mark.django_db
def test_the_demo_policies_ship_their_limits_and_the_2025_one_follows_the_defaults(demo):
    wuhan = Policy.objects.get(
        region__code="420100", scheme="employee", effective_from="2026-01-01"
    )
    wuhan_2025 = Policy.objects.get(
        region__code="420100", scheme="employee", effective_from="2025-01-01"
    )
    yichang = Policy.objects.get(region__code="420500", scheme="resident")
    assert wuhan.terms.step_time_limits["director_review"] == 1
    assert wuhan.terms.step_time_limits["center_approve"] == 3
    assert yichang.terms.step_time_limits["center_approve"] == 5
    assert "step_time_limits" not in wuhan_2025.terms_json
    assert wuhan_2025.terms.step_time_limits == DEFAULT_STEP_TIME_LIMITS
