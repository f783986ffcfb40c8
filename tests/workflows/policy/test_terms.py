"""Policy files: the issue's format is read exactly, and each problem gets its own message."""

import copy
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from workflows.policy import terms as t
from workflows.policy import values as v
from workflows.policy.terms import parse_policy_document, parse_terms
from workflows.registry.models import Grade, InsuredPerson

from .examples import EXAMPLE_POLICY, EXAMPLE_TERMS
from .helpers import later, said


def problems_in(document, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        parse_policy_document(document, **kwargs)
    return refused.value.messages


def changed(path: str, value) -> dict:
    """The example policy with the key at dotted ``path`` set to ``value`` (or removed)."""
    document = copy.deepcopy(EXAMPLE_POLICY)
    *parents, last = path.split(".")
    target = document
    for name in parents:
        target = target[name]
    if value is REMOVED:
        del target[last]
    else:
        target[last] = value
    return document


REMOVED = object()


def test_the_example_policy_of_the_issue_is_read_whole():
    policy = parse_policy_document(EXAMPLE_POLICY)
    assert policy.region == "420100"
    assert policy.scheme == "employee"
    assert policy.effective_from == datetime.date(2026, 1, 1)
    assert policy.effective_to is None
    assert policy.terms.deductible == {
        "III": Decimal("1000.00"),
        "II": Decimal("500.00"),
        "I": Decimal("300.00"),
    }
    assert policy.terms.ratio["retired"]["II"] == Decimal("0.91")
    assert policy.terms.scope_ratio_cut["offsite_unfiled"] == Decimal("0.20")
    assert policy.terms.referral_validity_days == 30
    assert policy.terms.emergency_report_days == 10


def test_terms_written_back_are_the_terms_of_the_file():
    assert parse_terms(EXAMPLE_TERMS).as_document() == EXAMPLE_TERMS


def test_the_vocabularies_are_the_registrys():
    assert set(t.GRADES) == set(Grade.values)
    assert set(t.STATUSES) == set(InsuredPerson.Status.values)
    assert set(t.SCHEMES) == set(InsuredPerson.Scheme.values)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("annual_cap", REMOVED, later(v.MISSING_KEY, key="annual_cap")),
        ("ratio.retired", REMOVED, later(v.MISSING_KEY, key="ratio.retired")),
        ("deductible.II", REMOVED, later(v.MISSING_KEY, key="deductible.II")),
        ("monthly_window", "10", later(v.UNKNOWN_KEY, key="monthly_window")),
        ("ratio.employed.IV", "0.50", later(v.UNKNOWN_KEY, key="ratio.employed.IV")),
        (
            "ratio.retired.I",
            "1.05",
            later(v.RATIO_OUT_OF_RANGE, key="ratio.retired.I", value='"1.05"'),
        ),
        (
            "scope_ratio_cut.referral",
            "-0.10",
            later(v.RATIO_OUT_OF_RANGE, key="scope_ratio_cut.referral", value='"-0.10"'),
        ),
        ("class_b_first_share", 0.1, later(v.NOT_A_RATIO, key="class_b_first_share", value="0.1")),
        ("annual_cap", "-1.00", later(v.NEGATIVE_AMOUNT, key="annual_cap", value='"-1.00"')),
        ("deductible.I", 300, later(v.NOT_AN_AMOUNT, key="deductible.I", value="300")),
        ("deductible.I", "3e2", later(v.NOT_AN_AMOUNT, key="deductible.I", value='"3e2"')),
        ("deductible.I", "300.001", later(v.FINER_THAN_FEN, key="deductible.I", value='"300.001"')),
        ("deductible", "300", later(v.NOT_AN_OBJECT, key="deductible", value='"300"')),
        (
            "effective_from",
            "2026-02-30",
            later(v.NOT_A_DATE, key="effective_from", value='"2026-02-30"'),
        ),
        (
            "effective_from",
            "01/01/2026",
            later(v.NOT_A_DATE, key="effective_from", value='"01/01/2026"'),
        ),
        ("effective_to", "20261231", later(v.NOT_A_DATE, key="effective_to", value='"20261231"')),
        ("referral_validity_days", 0, later(v.NOT_DAYS, key="referral_validity_days", value="0")),
        (
            "emergency_report_days",
            "10",
            later(v.NOT_DAYS, key="emergency_report_days", value='"10"'),
        ),
        (
            "scheme",
            "rural",
            later(v.NOT_ONE_OF, key="scheme", value='"rural"', choices='"employee", "resident"'),
        ),
        ("region", "4201", later(t.NOT_A_CITY_CODE, value='"4201"')),
        (
            "effective_to",
            "2025-12-31",
            later(t.ENDS_BEFORE_START, start="2026-01-01", end="2025-12-31"),
        ),
    ],
)
def test_a_bad_file_is_refused_with_the_one_message_its_problem_deserves(path, value, expected):
    assert problems_in(changed(path, value)) == [expected()]


def test_every_problem_of_a_file_is_named_at_once():
    document = changed("annual_cap", "-5.00")
    document["ratio"]["employed"]["II"] = "88%"
    document["extra"] = True
    del document["scheme"]
    assert problems_in(document) == [
        said(v.MISSING_KEY, key="scheme"),
        said(v.UNKNOWN_KEY, key="extra"),
        said(v.NOT_A_RATIO, key="ratio.employed.II", value='"88%"'),
        said(v.NEGATIVE_AMOUNT, key="annual_cap", value='"-5.00"'),
    ]


def test_a_file_that_is_not_an_object_is_refused():
    assert problems_in([]) == [said(v.NOT_A_DOCUMENT, value="[]")]
    assert problems_in("policy") == [said(v.NOT_A_DOCUMENT, value='"policy"')]


def test_a_region_that_is_not_a_known_city_is_refused():
    assert problems_in(EXAMPLE_POLICY, is_city=lambda code: False) == [
        said(t.UNKNOWN_CITY, value='"420100"')
    ]


def test_an_optional_term_may_be_left_out_and_then_takes_its_default():
    # How a later issue adds a term without breaking files and policies already stored.
    schema = {**t.TERMS_SCHEMA, "settlement_day": v.OptionalKey(v.read_days, default=10)}
    problems = v.Problems()
    without = v.read_schema(EXAMPLE_TERMS, schema, key="", problems=problems)
    with_it = v.read_schema(
        {**EXAMPLE_TERMS, "settlement_day": 5}, schema, key="", problems=problems
    )
    assert problems.errors == []
    assert (without["settlement_day"], with_it["settlement_day"]) == (10, 5)
