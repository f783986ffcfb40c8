"""The policy in force on a day, and catalogue entries by code."""

import datetime

import pytest

from tests.factories import CityFactory, DrugFactory, PolicyFactory, TreatmentItemFactory
from workflows.policy.selectors import catalogue_entries_by_code, policy_in_force

pytestmark = pytest.mark.django_db

day = datetime.date


@pytest.fixture
def wuhan_policies():
    wuhan = CityFactory()
    old = PolicyFactory(
        region=wuhan, effective_from=day(2025, 1, 1), effective_to=day(2025, 12, 31)
    )
    new = PolicyFactory(region=wuhan, effective_from=day(2026, 1, 1))
    return wuhan, old, new


@pytest.mark.parametrize(
    ("on", "which"),
    [
        (day(2024, 12, 31), None),
        (day(2025, 1, 1), "old"),
        (day(2025, 12, 31), "old"),
        (day(2026, 1, 1), "new"),
        (day(2031, 5, 1), "new"),
    ],
)
def test_the_policy_in_force_is_the_one_whose_period_holds_the_day(wuhan_policies, on, which):
    wuhan, old, new = wuhan_policies
    expected = {"old": old, "new": new, None: None}[which]
    assert policy_in_force(region=wuhan, scheme="employee", on=on) == expected


def test_another_scheme_or_city_has_its_own_policies(wuhan_policies):
    wuhan = wuhan_policies[0]
    yichang = CityFactory(code="420500", name="宜昌市")
    on = day(2026, 3, 1)
    assert policy_in_force(region=wuhan, scheme="resident", on=on) is None
    assert policy_in_force(region=yichang, scheme="employee", on=on) is None


def test_the_workflows_read_their_deadlines_from_the_terms_of_the_policy_in_force(wuhan_policies):
    policy = policy_in_force(region=wuhan_policies[0], scheme="employee", on=day(2026, 3, 1))
    assert policy.terms.referral_validity_days == 30
    assert policy.terms.emergency_report_days == 10


def test_catalogue_entries_are_read_with_one_query_a_catalogue(django_assert_num_queries):
    drugs = DrugFactory.create_batch(3)
    item = TreatmentItemFactory()
    codes = {"drugs": [drug.code for drug in drugs] + ["NOPE"], "treatments": [item.code]}
    with django_assert_num_queries(2):
        found = catalogue_entries_by_code(codes=codes)
    assert found == {
        **{("drugs", drug.code): drug for drug in drugs},
        ("treatments", item.code): item,
    }
