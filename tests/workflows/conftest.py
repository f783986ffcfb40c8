"""Fixtures the tests of several case types share."""

import datetime

import pytest

from workflows import clock

from .referrals.conftest import TODAY, open_referral


@pytest.fixture
def approved_long_ago(world, monkeypatch):
    """A referral the center approved 40 days ago: its 30 days of validity are over."""
    past = clock.now() - datetime.timedelta(days=40)
    monkeypatch.setattr(clock, "now", lambda: past)
    referral = open_referral(
        world,
        admission_date=TODAY - datetime.timedelta(days=45),
        transfer_date=TODAY - datetime.timedelta(days=38),
    )
    monkeypatch.undo()
    return referral
