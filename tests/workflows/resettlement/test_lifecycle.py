"""A temporary filing ends by itself after its last day (viewflow timer); a long-term one stays
in force until it is withdrawn; the validity of each category comes from the policy."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from tests.workflows.policy.examples import EXAMPLE_TERMS
from workflows import clock
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.policy.terms import parse_terms
from workflows.resettlement import rules, services, validity
from workflows.resettlement.choices import State

from .conftest import GUANGZHOU, TODAY, approved_filing, city, days, institution, open_filing

TRIP = {
    "category": "temporary_trip",
    "destination_city": "440100",
    "institutions": [GUANGZHOU],
    "residence_address": "广州市越秀区中山二路 58 号",
}


def trip(**overrides) -> dict:
    fields = {
        **TRIP,
        "destination_city": city(TRIP["destination_city"]),
        "institutions": [institution(code) for code in TRIP["institutions"]],
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def trip_approved_long_ago(world, monkeypatch):
    """A temporary trip to Guangzhou that began 200 days ago: its six months are over."""
    start = TODAY - days(200)
    past = clock.now() - days(199)
    monkeypatch.setattr(clock, "now", lambda: past)
    filing = approved_filing(world, **trip(start_date=start))
    monkeypatch.undo()
    return filing


def test_a_temporary_trip_is_valid_for_the_policys_six_months(world):
    filing = open_filing(world, **trip(start_date=datetime.date(2026, 12, 1)))
    assert filing.end_date == datetime.date(2027, 5, 31)


def test_a_temporary_filing_expires_when_the_timer_fires_after_its_last_day(
    trip_approved_long_ago,
):
    filing = trip_approved_long_ago
    assert filing.state == State.TEMPORARY_IN_FORCE
    assert filing.end_date < TODAY
    call_command("workflow_timers")
    filing.refresh_from_db()
    assert filing.state == State.EXPIRED
    assert filing.ended_on == filing.end_date
    assert filing.status == "DONE"
    expiry = step_records_of(filing).last()
    assert (expiry.action, expiry.actor, expiry.state_before) == (
        Action.EXPIRE,
        None,
        State.TEMPORARY_IN_FORCE,
    )


def test_a_temporary_filing_does_not_expire_before_its_time(world):
    filing = approved_filing(world, **trip(start_date=TODAY))
    call_command("workflow_timers")
    filing.refresh_from_db()
    assert filing.state == State.TEMPORARY_IN_FORCE


def test_a_withdrawn_temporary_filing_has_no_timer_left(trip_approved_long_ago, world):
    filing = services.filing_withdraw(
        filing_id=trip_approved_long_ago.pk, by=world.users["unit_sun"], reason="提前返回"
    )
    assert not filing.task_set.filter(status="SCHEDULED").exists()
    call_command("workflow_timers")
    filing.refresh_from_db()
    assert filing.state == State.WITHDRAWN
    assert step_records_of(filing).last().action == Action.WITHDRAW


def test_a_long_term_filing_has_no_end_and_no_timer(world):
    filing = approved_filing(world)
    assert filing.state == State.IN_FORCE and filing.end_date is None
    assert not filing.task_set.filter(status="SCHEDULED").exists()


def test_a_referred_patient_is_filed_for_the_episode_the_applicant_declares(world):
    referred = trip(category="referred_patient", start_date=TODAY)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            open_filing(world, **referred)
        expected = str(rules.END_REQUIRED) % {"category": "referred patient"}
        assert refused.value.messages == [expected]
    filing = open_filing(world, **referred, end_date=TODAY + days(20))
    assert filing.end_date == TODAY + days(20)


def test_an_episode_cannot_end_before_it_begins(world):
    with pytest.raises(ValidationError) as refused:
        open_filing(world, **trip(category="emergency", start_date=TODAY, end_date=TODAY - days(1)))
    assert refused.value.message_dict["end_date"] == [str(rules.END_BEFORE_START)]


@pytest.mark.parametrize(
    ("validity_terms", "category", "expected"),
    [
        (
            {"referred_patient": 2, "emergency": "episode", "temporary_trip": 3},
            "temporary_trip",
            datetime.date(2027, 2, 28),
        ),  # no 30 February: the month's last day
        (
            {"referred_patient": 2, "emergency": "episode", "temporary_trip": 3},
            "referred_patient",
            datetime.date(2027, 1, 29),
        ),
        (
            {"referred_patient": 2, "emergency": "episode", "temporary_trip": 3},
            "emergency",
            datetime.date(2026, 12, 10),
        ),
        (None, "temporary_trip", datetime.date(2027, 5, 29)),
        (None, "resettled_retiree", None),
    ],
)
def test_the_last_day_follows_the_policy_or_its_default(validity_terms, category, expected):
    terms = None
    if validity_terms is not None:
        terms = parse_terms({**EXAMPLE_TERMS, "temporary_filing_validity": validity_terms})
    last = validity.last_day(
        category=category,
        start=datetime.date(2026, 11, 30),
        declared_end=datetime.date(2026, 12, 10),
        terms=terms,
    )
    assert last == expected
