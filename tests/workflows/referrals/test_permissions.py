"""The permission matrix: every role tries every step; only the step's own actor sees and acts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.factories import make_staff
from tests.pages import DEMO_PASSWORD, sign_in
from workflows.audit.selectors import step_records_of
from workflows.referrals import services
from workflows.referrals.choices import STATE_OF_STEP, Step
from workflows.referrals.selectors import referral_tasks_for
from workflows.registry.models import Institution, Region
from workflows.registry.roles import Role

from .conftest import SIGNERS, open_referral

# Everyone who might try: the right signer of each step and people just outside its scope.
OUTSIDERS = [
    "doctor_he",  # physician of another department of the same hospital
    "doctor_gao",  # physician of another hospital
    "director_xu",  # director of another department
    "office_other",  # insurance office of another hospital
    "dean_other",  # dean of another hospital
    "center_yang",  # municipal center of another city
    "supervisor_zhao",
    "unit_sun",
    "admin",
]
EVERYONE = list(SIGNERS.values()) + OUTSIDERS


@pytest.fixture
def staff(world):
    other_hospital = Institution.objects.get(code="H42010500002")
    for username, role in (("office_other", Role.INSURANCE_OFFICE), ("dean_other", Role.DEAN)):
        world.users[username] = make_staff(
            role, username=username, password=DEMO_PASSWORD, institution=other_hospital
        )
    return world


@pytest.mark.parametrize("step", list(Step), ids=[s.value for s in Step])
def test_only_the_steps_own_actor_sees_it_in_the_inbox_and_can_act(client, staff, step):
    referral = open_referral(staff, until=step)
    assert referral.state == STATE_OF_STEP[step]
    task = referral.task_set.filter(status__in=["NEW", "ASSIGNED"]).get()
    task_url = reverse("referrals:task", args=[referral.pk, task.pk])
    records_before = step_records_of(referral).count()

    for username in EVERYONE:
        user = staff.users[username]
        is_signer = username == SIGNERS[step]
        in_inbox = referral_tasks_for(user=user).filter(pk=task.pk).exists()
        assert in_inbox == is_signer, f"{username} inbox at {step}"
        if is_signer:
            continue
        # The service refuses, whatever the decision.
        with pytest.raises((PermissionDenied, ValidationError)):
            if step == Step.PROPOSE:
                services.referral_propose(referral_id=referral.pk, by=user)
            else:
                services.referral_decide(
                    referral_id=referral.pk,
                    by=user,
                    step=step,
                    decision="approve",
                    opinion="同意",
                )
        # The page refuses too: not found if they may not even see the case, else forbidden.
        sign_in(client, username)
        response = client.post(task_url, {"decision": "approve", "opinion": "同意"})
        assert response.status_code in (403, 404), f"{username} at {step}"
        client.post(reverse("logout"))

    referral.refresh_from_db()
    assert referral.state == STATE_OF_STEP[step]
    assert step_records_of(referral).count() == records_before

    sign_in(client, SIGNERS[step])
    data = (
        {"opinion": "同意"} if step == Step.PROPOSE else {"decision": "approve", "opinion": "同意"}
    )
    assert client.post(task_url, data).status_code == 302
    referral.refresh_from_db()
    assert referral.state != STATE_OF_STEP[step]


def test_a_director_sees_only_their_departments_referrals(staff):
    wang, xu = staff.users["director_wang"], staff.users["director_xu"]
    cardiology = open_referral(staff, until=Step.DIRECTOR_REVIEW)
    assert referral_tasks_for(user=wang).filter(process_id=cardiology.pk).exists()
    assert not referral_tasks_for(user=xu).exists()


def test_a_center_reviewer_sees_only_their_citys_referrals(staff):
    referral = open_referral(staff, until=Step.CENTER_APPROVE)
    assert (
        referral_tasks_for(user=staff.users["center_chen"]).filter(process_id=referral.pk).exists()
    )
    assert not referral_tasks_for(user=staff.users["center_yang"]).exists()


def test_someone_outside_the_chain_cannot_open_the_case_page(client, staff):
    referral = open_referral(staff, until=Step.OFFICE_REVIEW)
    for username, status in [
        ("office_other", 404),
        ("center_yang", 404),
        ("doctor_gao", 404),
        ("director_xu", 404),
        ("supervisor_zhao", 200),
        ("office_zhang", 200),
        ("doctor_he", 404),
    ]:
        sign_in(client, username)
        assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == status
        client.post(reverse("logout"))


def test_a_superuser_is_no_signer(staff):
    """Django grants a superuser every permission; the role and scope still decide."""
    boss = staff.users["admin"]
    boss.is_superuser = True
    boss.save()
    referral = open_referral(staff, until=Step.DIRECTOR_REVIEW)
    with pytest.raises(PermissionDenied):
        services.referral_decide(
            referral_id=referral.pk,
            by=boss,
            step=Step.DIRECTOR_REVIEW,
            decision="approve",
            opinion="同意",
        )


def test_only_a_physician_opens_referrals(client, staff):
    for username in ("director_wang", "office_zhang", "center_chen", "unit_sun"):
        sign_in(client, username)
        assert client.get(reverse("referrals:new")).status_code == 403
        client.post(reverse("logout"))


def test_staff_of_an_unknown_city_see_nothing(staff):
    elsewhere = Region.objects.get(code="460100")
    reviewer = make_staff(Role.CENTER_REVIEWER, city=elsewhere)
    open_referral(staff, until=Step.CENTER_APPROVE)
    assert not referral_tasks_for(user=reviewer).exists()
