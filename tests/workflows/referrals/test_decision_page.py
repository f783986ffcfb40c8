"""The decision page of a referral: one URL per case, the step it was shown for, what a
late or incomplete decision is told; the task URLs of earlier versions still work."""

import re

from django.urls import reverse

from tests.pages import sign_in
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.referrals.choices import State, Step
from workflows.referrals.models import Referral

from .conftest import form_data, open_referral


def test_the_signer_decides_on_the_referrals_own_decision_page(client, world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    sign_in(client, "director_wang", "en")
    url = reverse("referrals:decide", args=[referral.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["step"].value() == Step.DIRECTOR_REVIEW
    response = client.post(
        url, {"step": "director_review", "decision": "approve", "opinion": "同意"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == State.DEPARTMENT_APPROVED


def test_a_decision_without_a_choice_asks_for_one_and_keeps_the_opinion(client, world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    sign_in(client, "director_wang", "zh-hans")
    response = client.post(
        reverse("referrals:decide", args=[referral.pk]),
        {"step": "director_review", "opinion": "科室讨论后同意转诊"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "请选择同意、退回或不予批准。" in page
    assert "科室讨论后同意转诊" in page
    assert "已被办理" not in page
    referral.refresh_from_db()
    assert referral.state == State.PROPOSED


def test_a_form_shown_for_a_step_someone_else_took_says_who_took_it(client, world):
    referral = open_referral(world, until=Step.OFFICE_REVIEW)  # 王芳 signed meanwhile
    sign_in(client, "director_wang", "en")
    response = client.post(
        reverse("referrals:decide", args=[referral.pk]),
        {"step": "director_review", "decision": "approve", "opinion": "同意"},
        follow=True,
    )
    assert "has already been handled (approved by 王芳" in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == State.DEPARTMENT_APPROVED


def test_a_task_link_of_earlier_versions_opens_the_decision_page(client, world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    task = referral.task_set.get(status="NEW")
    sign_in(client, "director_wang")
    response = client.get(reverse("referrals:task", args=[referral.pk, task.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:decide", args=[referral.pk])


def test_a_correction_whose_proposal_is_refused_is_not_saved_either(client, world):
    sign_in(client, "doctor_li", "en")
    client.post(reverse("referrals:new"), {**form_data(world), "save": "1"})
    referral = Referral.objects.get()
    before = step_records_of(referral).count()
    response = client.post(
        reverse("referrals:edit", args=[referral.pk]),
        {**form_data(world, diagnosis="不稳定型心绞痛", reason=""), "propose": "1"},
    )
    assert "Write the reason for the referral and the case summary" in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == State.DRAFT
    assert referral.diagnosis == "急性心肌梗死"
    assert step_records_of(referral).count() == before
    assert not step_records_of(referral).filter(action=Action.REVISE).exists()


def test_a_decision_on_a_referral_one_may_not_see_is_answered_as_one_that_does_not_exist(
    client, world
):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    sign_in(client, "doctor_gao", "en")  # another hospital's physician
    data = {"step": "director_review", "decision": "approve", "opinion": "同意"}
    foreign = client.post(reverse("referrals:decide", args=[referral.pk]), data)
    missing = client.post(reverse("referrals:decide", args=[referral.pk + 1000]), data)
    assert foreign.status_code == missing.status_code == 404
    # Alike but for what differs in any two answers: the CSRF token's mask, the address asked.
    varying = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"|/referrals/\d+/decide/')
    assert varying.sub(b"", foreign.content) == varying.sub(b"", missing.content)
    referral.refresh_from_db()
    assert referral.state == State.PROPOSED
