"""The terms of issue 6: the units' settlement window and the validity of temporary filings.

Both are optional: a policy that leaves one out follows its default, and is written back
without it; a bad value gets its own message, as every other term's does.
"""

import pytest
from django.core.exceptions import ValidationError

from workflows.policy import terms as t
from workflows.policy import values as v
from workflows.policy.models import Policy
from workflows.policy.terms import parse_terms

from .examples import EXAMPLE_POLICY, EXAMPLE_TERMS
from .helpers import later, refusal, run, said, write_json

WINDOW = {"first_day": 10, "last_day": 20}
VALIDITY = {"referred_patient": 3, "emergency": "episode", "temporary_trip": 6}


def test_left_out_they_take_their_defaults_and_are_not_written_back():
    terms = parse_terms(EXAMPLE_TERMS)
    assert terms.offsite_settlement_window == {"first_day": 5, "last_day": 15}
    assert terms.temporary_filing_validity == {
        "referred_patient": "episode",
        "emergency": "episode",
        "temporary_trip": 6,
    }
    assert terms.as_document() == EXAMPLE_TERMS


def test_given_they_are_read_and_written_back_as_the_file_says():
    document = {
        **EXAMPLE_TERMS,
        "offsite_settlement_window": WINDOW,
        "temporary_filing_validity": VALIDITY,
    }
    terms = parse_terms(document)
    assert terms.offsite_settlement_window == WINDOW
    assert terms.temporary_filing_validity["referred_patient"] == 3
    assert terms.as_document() == document
    assert parse_terms(terms.as_document()) == terms


@pytest.mark.parametrize(
    ("term", "value", "expected"),
    [
        (
            "offsite_settlement_window",
            {"first_day": 0, "last_day": 15},
            later(v.NOT_A_DAY_OF_MONTH, key="offsite_settlement_window.first_day", value="0"),
        ),
        (
            "offsite_settlement_window",
            {"first_day": 5, "last_day": "15"},
            later(v.NOT_A_DAY_OF_MONTH, key="offsite_settlement_window.last_day", value='"15"'),
        ),
        (
            "offsite_settlement_window",
            {"first_day": 5, "last_day": 32},
            later(v.NOT_A_DAY_OF_MONTH, key="offsite_settlement_window.last_day", value="32"),
        ),
        (
            "offsite_settlement_window",
            {"first_day": 20, "last_day": 5},
            later(t.WINDOW_ENDS_BEFORE_START, first=20, last=5),
        ),
        (
            "offsite_settlement_window",
            {"first_day": 5},
            later(v.MISSING_KEY, key="offsite_settlement_window.last_day"),
        ),
        (
            "offsite_settlement_window",
            {"first_day": 5, "last_day": 15, "settle_day": 25},
            later(v.UNKNOWN_KEY, key="offsite_settlement_window.settle_day"),
        ),
        (
            "temporary_filing_validity",
            {**VALIDITY, "emergency": "forever"},
            later(v.NOT_A_VALIDITY, key="temporary_filing_validity.emergency", value='"forever"'),
        ),
        (
            "temporary_filing_validity",
            {**VALIDITY, "temporary_trip": 0},
            later(v.NOT_A_VALIDITY, key="temporary_filing_validity.temporary_trip", value="0"),
        ),
        (
            "temporary_filing_validity",
            {"referred_patient": 3, "emergency": "episode"},
            later(v.MISSING_KEY, key="temporary_filing_validity.temporary_trip"),
        ),
        (
            "temporary_filing_validity",
            "6",
            later(v.NOT_AN_OBJECT, key="temporary_filing_validity", value='"6"'),
        ),
    ],
)
def test_a_bad_value_is_refused_with_its_own_message(term, value, expected):
    with pytest.raises(ValidationError) as refused:
        parse_terms({**EXAMPLE_TERMS, term: value})
    assert refused.value.messages == [expected()]


@pytest.mark.django_db
def test_the_loader_stores_them_and_refuses_a_bad_one_loading_nothing(tmp_path):
    from tests.factories import CityFactory

    CityFactory()
    good = {**EXAMPLE_POLICY, "offsite_settlement_window": WINDOW}
    run("load_policy", write_json(tmp_path, "good.json", good))
    policy = Policy.objects.get()
    assert policy.terms_json["offsite_settlement_window"] == WINDOW
    assert "temporary_filing_validity" not in policy.terms_json
    assert policy.terms.offsite_settlement_window["last_day"] == 20

    bad = {
        **EXAMPLE_POLICY,
        "effective_from": "2027-01-01",
        "offsite_settlement_window": {"first_day": 31, "last_day": 1},
        "temporary_filing_validity": {**VALIDITY, "emergency": -1},
    }
    problems = refusal("load_policy", write_json(tmp_path, "bad.json", bad))
    assert problems == [
        said(v.NOT_A_VALIDITY, key="temporary_filing_validity.emergency", value="-1"),
        said(t.WINDOW_ENDS_BEFORE_START, first=31, last=1),
    ]
    assert Policy.objects.count() == 1


@pytest.mark.django_db
def test_the_demo_policies_ship_their_windows(demo):
    wuhan = Policy.objects.get(
        region__code="420100", scheme="employee", effective_from="2026-01-01"
    )
    yichang = Policy.objects.get(region__code="420500", scheme="employee")
    assert wuhan.terms.offsite_settlement_window == {"first_day": 5, "last_day": 15}
    assert yichang.terms.offsite_settlement_window == {"first_day": 10, "last_day": 20}
    assert yichang.terms.temporary_filing_validity["temporary_trip"] == 3
