"""After the center approves: the transfer uses the approval, or the validity lapses by timer."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from tests.pages import sign_in
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.policy.models import Policy
from workflows.referrals import services
from workflows.referrals.choices import State
from workflows.registry.models import Department, InsuredPerson

from .conftest import TODAY, decide, open_referral


def test_the_proposing_department_records_the_transfer_and_the_approval_is_used(client, world):
    referral = open_referral(world)
    assert referral.state == State.APPROVED
    sign_in(client, "doctor_li")
    client.post(
        reverse("referrals:transfer", args=[referral.pk]), {"transferred_on": TODAY.isoformat()}
    )
    referral.refresh_from_db()
    assert referral.state == State.USED
    assert referral.transferred_on == TODAY
    assert referral.status == "DONE"
    assert step_records_of(referral).last().action == Action.USE
    assert not referral.task_set.filter(status__in=["NEW", "SCHEDULED"]).exists()


def test_a_transfer_outside_the_validity_is_refused(world):
    referral = open_referral(world)
    with pytest.raises(ValidationError):
        services.referral_record_transfer(
            referral_id=referral.pk,
            by=world.users["office_zhang"],
            transferred_on=referral.valid_until + datetime.timedelta(days=1),
        )
    referral.refresh_from_db()
    assert referral.state == State.APPROVED


def test_only_the_proposing_side_records_a_transfer(world):
    referral = open_referral(world)
    for username in ("doctor_he", "center_chen", "director_xu"):
        with pytest.raises(PermissionDenied):
            services.referral_record_transfer(
                referral_id=referral.pk, by=world.users[username], transferred_on=TODAY
            )


def test_an_unused_approval_lapses_when_the_timer_fires(approved_long_ago):
    referral = approved_long_ago
    assert referral.state == State.APPROVED
    assert referral.valid_until < TODAY
    call_command("workflow_timers")
    referral.refresh_from_db()
    assert referral.state == State.LAPSED
    assert referral.status == "DONE"
    lapse = step_records_of(referral).last()
    assert lapse.action == Action.LAPSE and lapse.actor is None


def test_a_valid_approval_does_not_lapse_before_its_time(world):
    referral = open_referral(world)
    call_command("workflow_timers")
    referral.refresh_from_db()
    assert referral.state == State.APPROVED


def test_a_lapsed_approval_cannot_be_used(approved_long_ago, world):
    call_command("workflow_timers")
    with pytest.raises(ValidationError):
        services.referral_record_transfer(
            referral_id=approved_long_ago.pk, by=world.users["doctor_li"], transferred_on=TODAY
        )


def test_an_approved_referral_cannot_be_withdrawn(world):
    referral = open_referral(world)
    with pytest.raises(ValidationError):
        services.referral_withdraw(
            referral_id=referral.pk, by=world.users["doctor_li"], reason="改变主意"
        )


def test_someone_elses_task_link_after_it_was_handled_says_so(client, world):
    referral = open_referral(world)
    task = referral.task_set.filter(flow_task_type="HUMAN").order_by("-pk").first()
    sign_in(client, "center_chen", "en")
    response = client.get(reverse("referrals:task", args=[referral.pk, task.pk]), follow=True)
    assert "has already been handled" in response.content.decode()


def test_the_validity_period_is_the_insured_citys_policy(world):
    """Wuhan's policy gives 30 days, Yichang's 60: the center of the person's city decides."""
    yichang_patient = InsuredPerson.objects.get(name="陈志明")
    hanyang = Department.objects.get(institution__code="H42010500002", code="INTM")
    referral = services.referral_open(
        by=world.users["doctor_li"],
        person=yichang_patient,
        propose=True,
        opinion="建议转诊",
        diagnosis="脑梗死",
        admission_date=TODAY - datetime.timedelta(days=1),
        transfer_date=TODAY + datetime.timedelta(days=1),
        target_institution=hanyang.institution,
        target_department=hanyang,
        scope="within_city",  # from Wuhan to Wuhan, whatever city insures the patient
        reason="康复治疗",
        case_summary="病情稳定",
    )
    for username in ("director_wang", "office_zhang", "dean_liu", "center_yang"):
        referral = decide(world, referral, username, "approve", "同意")
    assert referral.valid_until == TODAY + datetime.timedelta(days=60)
    assert open_referral(world).valid_until == TODAY + datetime.timedelta(days=30)


def test_without_a_policy_in_force_an_approval_is_valid_for_30_days(world):
    Policy.objects.all().delete()
    assert open_referral(world).valid_until == TODAY + datetime.timedelta(days=30)
