"""Escalation: when an open step passes its due date, the workflow timers record it once, as a
step by the system; never twice for one task, whoever runs them and however often."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.pages import sign_in
from tests.workflows.concurrency import run_at_once
from workflows import clock
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.audit.timers import run_workflow_timers
from workflows.referrals import services
from workflows.referrals.choices import State, Step
from workflows.referrals.escalation import ESCALATION

from .referrals.conftest import decide
from .test_deadlines import at, opened_on

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def clock_at(monkeypatch):
    def set_to(moment: datetime.datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)

    return set_to


def overdue_records(case) -> list:
    return [r for r in step_records_of(case) if r.action == Action.OVERDUE]


def timers(**options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("workflow_timers", stdout=out, **options)
    return out.getvalue()


def test_a_step_past_its_due_date_is_recorded_once_by_the_system(world, clock_at):
    # The dean of 武汉长江医院 has 2 working days: Sat 14 and Tue 24 February 2026.
    referral = opened_on(world, clock_at, at(2026, 2, 13), Step.DEAN_SIGN)
    clock_at(at(2026, 2, 24, 23, 59))
    # Due today, not yet overdue; its reminder was due from the 14th on (the test below).
    assert (
        timers() == "0 timer(s) fired, 0 step(s) overdue, 1 step(s) due on the next working day\n"
    )
    assert overdue_records(referral) == []

    clock_at(at(2026, 2, 25, 0, 1))
    assert timers() == "0 timer(s) fired, 1 step(s) overdue\n"
    (record,) = overdue_records(referral)
    assert record.actor is None and record.actor_name == ""
    assert record.step == Step.DEAN_SIGN
    assert record.state_before == record.state_after == State.OFFICE_REVIEWED
    assert record.opinion == "2026-02-24"
    assert record.at == at(2026, 2, 25, 0, 1)

    clock_at(at(2026, 2, 26, 9))
    assert timers(verbosity=2) == "0 timer(s) fired, 0 step(s) overdue\n"
    assert len(overdue_records(referral)) == 1


def test_each_task_is_found_overdue_once_even_at_the_same_step_again(world, clock_at):
    referral = opened_on(world, clock_at, at(2026, 3, 2), Step.OFFICE_REVIEW)
    clock_at(at(2026, 3, 5))  # the office had until Wednesday 4 March
    run_workflow_timers(now=clock.now())
    # The office sends it back; the director signs again; the office has a new task.
    decide(world, referral, "office_zhang", "return", "请补充检查结果。")
    decide(world, referral, "director_wang", "approve", "已补充。")
    run_workflow_timers(now=clock.now())
    assert len(overdue_records(referral)) == 1  # the new task opened today
    clock_at(at(2026, 3, 10))  # its 2 working days were Friday 6 and Monday 9
    run_workflow_timers(now=clock.now())
    records = overdue_records(referral)
    assert [r.opinion for r in records] == ["2026-03-04", "2026-03-09"]
    assert [r.step for r in records] == [Step.OFFICE_REVIEW, Step.OFFICE_REVIEW]


def test_a_step_taken_before_the_sweep_reaches_it_is_not_recorded(world, clock_at):
    referral = opened_on(world, clock_at, at(2026, 3, 2), Step.DIRECTOR_REVIEW)
    clock_at(at(2026, 3, 5))
    (stale,) = ESCALATION.candidates(now=clock.now())
    decide(world, referral, "director_wang", "approve", "同意")
    assert (
        ESCALATION.record(stale, step=Step.DIRECTOR_REVIEW, due=datetime.date(2026, 3, 3)) is False
    )
    assert overdue_records(referral) == []


def test_a_step_within_its_time_and_a_case_that_waits_for_no_one_are_left_alone(world, clock_at):
    within = opened_on(world, clock_at, at(2026, 3, 2), Step.CENTER_APPROVE)
    approved = opened_on(world, clock_at, at(2026, 3, 2), None)
    draft = opened_on(world, clock_at, at(2026, 3, 2), Step.PROPOSE)
    clock_at(at(2026, 3, 5, 18))  # the center has until Thursday 5 March (3 working days)
    assert run_workflow_timers(now=clock.now()).overdue == 0
    assert not any(overdue_records(case) for case in (within, approved, draft))


def test_the_trail_shows_the_systems_finding_and_a_late_signer_is_told_who_signed(
    client, world, clock_at
):
    referral = opened_on(world, clock_at, at(2026, 3, 2), Step.DIRECTOR_REVIEW)
    clock_at(at(2026, 3, 5))
    run_workflow_timers(now=clock.now())
    sign_in(client, "director_wang", "en")
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "The system</strong>" in page and "found the step overdue" in page
    decide(world, referral, "director_wang", "approve", "同意")
    # Someone deciding the director's step too late hears of the director, not of the system.
    message = services.already_handled_message(referral)
    assert "王芳" in message


@pytest.fixture
def demo_cases_in_march(world, media, clock_at):
    clock_at(at(2026, 3, 2, 9))
    call_command("load_demo_cases", verbosity=0)


def test_the_centers_claim_and_filing_reviews_escalate_too(demo_cases_in_march, clock_at):
    from workflows.claims.models import Claim
    from workflows.resettlement.models import Filing

    claim = Claim.objects.get(person__name="王强")  # review due Monday 30 March
    filing = Filing.objects.get(person__name="李秀英")  # review due Monday 9 March
    paying = Claim.objects.get(person__name="黄小红")  # approved on 2 March: paid by 9 March
    clock_at(at(2026, 3, 10))
    run_workflow_timers(now=clock.now())
    assert [r.step for r in overdue_records(filing)] == ["review"]
    assert [r.step for r in overdue_records(paying)] == ["pay"]
    assert overdue_records(claim) == []
    clock_at(at(2026, 3, 31))
    run_workflow_timers(now=clock.now())
    assert [r.opinion for r in overdue_records(claim)] == ["2026-03-30"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_record_each_overdue_step_once(world, clock_at):
    referrals = [
        opened_on(world, clock_at, at(2026, 3, 2), step)
        for step in (Step.DIRECTOR_REVIEW, Step.OFFICE_REVIEW, Step.DEAN_SIGN, Step.CENTER_APPROVE)
    ]
    moment = at(2026, 3, 20)
    clock_at(moment)
    outcomes = run_at_once(
        lambda: run_workflow_timers(now=moment).overdue,
        lambda: run_workflow_timers(now=moment).overdue,
        lambda: run_workflow_timers(now=moment).overdue,
    )
    assert all(isinstance(count, int) for count in outcomes), outcomes
    assert sum(outcomes) == 4  # each overdue step recorded by one of the sweeps
    for referral in referrals:
        assert len(overdue_records(referral)) == 1


def test_the_owners_are_reminded_once_on_the_working_day_before_the_due_date(world, clock_at):
    # The dean's 2 working days, from Fri 13 February 2026: Sat 14 (a make-up working day)
    # and, after the Spring Festival, Tue 24. The reminder is due on the first of them.
    referral = opened_on(world, clock_at, at(2026, 2, 13), Step.DEAN_SIGN)
    clock_at(at(2026, 2, 13, 23, 59))
    assert timers() == ""  # the day it opened: nothing is due yet
    clock_at(at(2026, 2, 14, 0, 1))
    assert (
        timers() == "0 timer(s) fired, 0 step(s) overdue, 1 step(s) due on the next working day\n"
    )
    assert timers() == ""  # once
    (reminder,) = [r for r in step_records_of(referral) if r.action == Action.REMIND]
    assert reminder.actor is None and reminder.step == Step.DEAN_SIGN
    assert reminder.opinion == "2026-02-24"
    clock_at(at(2026, 2, 25, 0, 1))
    assert timers() == "0 timer(s) fired, 1 step(s) overdue\n"  # and overdue, once too
