"""load_policy: the issue's format loads, loads again in place, and a bad file loads nothing."""

import copy
import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError

from tests.factories import CityFactory
from workflows.policy import files
from workflows.policy import values as v
from workflows.policy.models import Policy
from workflows.policy.terms import UNKNOWN_CITY

from .examples import EXAMPLE_POLICY, EXAMPLE_TERMS
from .helpers import overlap_message, refusal, run, said, write_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def wuhan():
    return CityFactory()


def test_a_policy_file_loads(wuhan, tmp_path):
    output = run("load_policy", write_json(tmp_path, "p.json", EXAMPLE_POLICY))
    policy = Policy.objects.get()
    assert (policy.region, policy.scheme) == (wuhan, "employee")
    assert policy.effective_from == datetime.date(2026, 1, 1)
    assert policy.effective_to is None
    assert policy.terms_json == EXAMPLE_TERMS
    assert policy.terms.annual_cap == Decimal("500000.00")
    assert output == "Loaded the employee policy of 420100 in force from 2026-01-01.\n"


def test_loading_the_same_region_scheme_and_first_day_again_updates_in_place(wuhan, tmp_path):
    run("load_policy", write_json(tmp_path, "p.json", EXAMPLE_POLICY))
    first = Policy.objects.get()
    revised = copy.deepcopy(EXAMPLE_POLICY)
    revised["effective_to"] = "2026-12-31"
    revised["annual_cap"] = "550000.00"
    output = run("load_policy", write_json(tmp_path, "p.json", revised))
    policy = Policy.objects.get()
    assert policy.pk == first.pk
    assert policy.effective_to == datetime.date(2026, 12, 31)
    assert policy.terms.annual_cap == Decimal("550000.00")
    assert output.startswith("Updated")


def test_a_bad_file_names_every_problem_and_loads_nothing(wuhan, tmp_path):
    document = copy.deepcopy(EXAMPLE_POLICY)
    document["ratio"]["retired"]["III"] = "1.20"
    document["deductible"]["II"] = "-500.00"
    document["effective_from"] = "2026-1-1"
    document["bonus"] = "0"
    del document["emergency_report_days"]
    problems = refusal("load_policy", write_json(tmp_path, "p.json", document))
    assert problems == [
        said(v.MISSING_KEY, key="emergency_report_days"),
        said(v.UNKNOWN_KEY, key="bonus"),
        said(v.NOT_A_DATE, key="effective_from", value='"2026-1-1"'),
        said(v.NEGATIVE_AMOUNT, key="deductible.II", value='"-500.00"'),
        said(v.RATIO_OUT_OF_RANGE, key="ratio.retired.III", value='"1.20"'),
    ]
    assert not Policy.objects.exists()


def test_bad_time_limits_are_refused_one_message_each_and_load_nothing(wuhan, tmp_path):
    document = copy.deepcopy(EXAMPLE_POLICY)
    document["step_time_limits"] = {
        "director_review": 0,
        "office_review": 2,
        "dean_sign": "2",
        "center_approve": 5,
        "claim_review": 20,
        "claim_pay": 5,
        "filing_review": 5,
        "overtime": 3,
    }
    problems = refusal("load_policy", write_json(tmp_path, "p.json", document))
    assert problems == [
        said(v.MISSING_KEY, key="step_time_limits.filing_change_review"),
        said(v.UNKNOWN_KEY, key="step_time_limits.overtime"),
        said(v.NOT_WORKING_DAYS, key="step_time_limits.director_review", value="0", most=250),
        said(v.NOT_WORKING_DAYS, key="step_time_limits.dean_sign", value='"2"', most=250),
    ]
    assert not Policy.objects.exists()


def test_time_limits_given_are_stored_and_read(wuhan, tmp_path):
    limits = {step: 3 for step in ("director_review", "office_review", "dean_sign")}
    limits |= {"center_approve": 4, "claim_review": 15, "claim_pay": 5}
    limits |= {"filing_review": 2, "filing_change_review": 2}
    run(
        "load_policy",
        write_json(tmp_path, "p.json", {**EXAMPLE_POLICY, "step_time_limits": limits}),
    )
    policy = Policy.objects.get()
    assert policy.terms_json["step_time_limits"] == limits
    assert policy.terms.step_time_limits["center_approve"] == 4


def test_a_bad_file_leaves_the_policy_it_would_have_updated_as_it_was(wuhan, tmp_path):
    run("load_policy", write_json(tmp_path, "p.json", EXAMPLE_POLICY))
    document = copy.deepcopy(EXAMPLE_POLICY)
    document["annual_cap"] = "-1"
    refusal("load_policy", write_json(tmp_path, "p.json", document))
    assert Policy.objects.get().terms_json == EXAMPLE_TERMS


def test_a_region_the_registry_does_not_know_is_refused(wuhan, tmp_path):
    document = {**EXAMPLE_POLICY, "region": "990100"}
    problems = refusal("load_policy", write_json(tmp_path, "p.json", document))
    assert problems == [said(UNKNOWN_CITY, value='"990100"')]
    assert not Policy.objects.exists()


def test_a_province_is_not_a_policy_region(wuhan, tmp_path):
    document = {**EXAMPLE_POLICY, "region": wuhan.parent.code}
    problems = refusal("load_policy", write_json(tmp_path, "p.json", document))
    assert problems == [said(UNKNOWN_CITY, value=f'"{wuhan.parent.code}"')]


def test_a_policy_overlapping_one_of_the_same_region_and_scheme_is_refused(wuhan, tmp_path):
    run("load_policy", write_json(tmp_path, "p.json", EXAMPLE_POLICY))
    later = {**EXAMPLE_POLICY, "effective_from": "2026-07-01"}
    problems = refusal("load_policy", write_json(tmp_path, "later.json", later))
    assert problems == [overlap_message(Policy.objects.get())]
    assert Policy.objects.count() == 1


def test_an_earlier_period_ending_the_day_before_does_not_overlap(wuhan, tmp_path):
    run("load_policy", write_json(tmp_path, "p.json", EXAMPLE_POLICY))
    earlier = {**EXAMPLE_POLICY, "effective_from": "2025-01-01", "effective_to": "2025-12-31"}
    run("load_policy", write_json(tmp_path, "earlier.json", earlier))
    resident = {**EXAMPLE_POLICY, "scheme": "resident"}
    run("load_policy", write_json(tmp_path, "resident.json", resident))
    assert Policy.objects.count() == 3


def test_an_earlier_open_ended_period_overlaps(wuhan, tmp_path):
    run("load_policy", write_json(tmp_path, "p.json", EXAMPLE_POLICY))
    earlier = {**EXAMPLE_POLICY, "effective_from": "2025-01-01"}
    problems = refusal("load_policy", write_json(tmp_path, "earlier.json", earlier))
    assert problems == [overlap_message(Policy.objects.get())]
    assert Policy.objects.count() == 1


def test_a_file_that_is_not_json_is_refused(wuhan, tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"region": "420100",}', encoding="utf-8")
    problems = refusal("load_policy", str(path))
    error = "Expecting property name enclosed in double quotes"
    assert problems == [said(files.NOT_JSON, path=str(path), error=error, line=1, column=21)]


def test_a_missing_file_is_refused(tmp_path):
    path = str(tmp_path / "nowhere.json")
    assert refusal("load_policy", path) == [said(files.NO_SUCH_FILE, path=path)]


def test_the_refusal_says_that_nothing_was_loaded(tmp_path):
    path = str(tmp_path / "nowhere.json")
    with pytest.raises(CommandError) as refused:
        run("load_policy", path)
    assert str(refused.value).splitlines()[0] == said(files.REFUSED_NOTHING_LOADED, path=path)
