"""StateGuard: a transition is one guarded UPDATE of the case's own row."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.db.models.functions import Now
from django.test.utils import CaptureQueriesContext
from django_fsm import ConcurrentTransition

from tests.workflows.referrals.conftest import open_referral
from workflows.referrals.choices import State, Step
from workflows.referrals.models import Referral


@pytest.fixture
def referral(world):
    return open_referral(world, until=Step.DIRECTOR_REVIEW)


def test_a_transition_is_one_update_of_the_cases_own_row(referral):
    referral.approve()
    with CaptureQueriesContext(connection) as queries:
        referral.save_transition("state")
    assert len(queries) == 1
    assert queries[0]["sql"].startswith('UPDATE "referrals_referral"')
    assert Referral.objects.get(pk=referral.pk).state == State.DEPARTMENT_APPROVED


def test_a_row_that_left_the_state_it_was_read_in_is_not_written(referral):
    meanwhile = Referral.objects.get(pk=referral.pk)
    meanwhile.reject()
    meanwhile.save_transition("state")
    referral.approve()
    with pytest.raises(ConcurrentTransition, match="state has been changed since fetched"):
        referral.save_transition("state")
    assert Referral.objects.get(pk=referral.pk).state == State.REJECTED


def test_the_state_read_follows_each_saved_transition(referral):
    referral.approve()
    referral.save_transition("state")
    referral.approve()  # the office's approval, from the state just saved
    referral.save_transition("state")
    assert Referral.objects.get(pk=referral.pk).state == State.OFFICE_REVIEWED


def test_a_transition_writes_expressions_as_the_orm_does(referral):
    stamped_before = referral.state_changed_at
    referral.approve()
    referral.state_changed_at = Now()  # the database's clock
    referral.valid_until = F("transfer_date")
    referral.save_transition("state", "state_changed_at", "valid_until")
    stored = Referral.objects.get(pk=referral.pk)
    assert stored.state == State.DEPARTMENT_APPROVED
    assert stored.valid_until == stored.transfer_date
    assert isinstance(stored.state_changed_at, datetime.datetime)
    assert stored.state_changed_at != stamped_before
