"""A referral walks the five signatures through the web pages, as the personas do it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from tests.pages import sign_in
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.referrals.choices import State, Step
from workflows.referrals.models import Referral

from .conftest import SIGNERS, TODAY, form_data

OPINIONS = {
    Step.DIRECTOR_REVIEW: "同意转诊，科室讨论通过。",
    Step.OFFICE_REVIEW: "符合医保转诊规定。",
    Step.DEAN_SIGN: "同意。",
    Step.CENTER_APPROVE: "准予转诊。",
}


def propose_through_the_page(client, world, language="zh-hans", **overrides) -> Referral:
    sign_in(client, "doctor_li", language)
    assert client.get(reverse("referrals:new")).status_code == 200
    response = client.post(
        reverse("referrals:new"), {**form_data(world, **overrides), "propose": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.post(reverse("logout"))
    return Referral.objects.latest("pk")


def act_through_the_inbox(client, referral, username, decision, opinion, language="zh-hans"):
    """Sign in, find the case in the inbox, open the task, decide."""
    sign_in(client, username, language)
    inbox = client.get(reverse("inbox")).content.decode()
    assert referral.number in inbox, f"{username} does not see {referral.number}"
    decide_url = reverse("referrals:decide", args=[referral.pk])
    assert decide_url in inbox
    page = client.get(decide_url)
    assert page.status_code == 200
    step = page.context["form"]["step"].value()
    response = client.post(decide_url, {"step": step, "decision": decision, "opinion": opinion})
    assert response.status_code == 302, response.content.decode()[:3000]
    client.post(reverse("logout"))
    referral.refresh_from_db()
    return referral


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_referral_is_approved_by_all_five_signers_through_the_pages(client, world, language):
    referral = propose_through_the_page(client, world, language)
    assert referral.state == State.PROPOSED
    for step in list(Step)[1:]:
        referral = act_through_the_inbox(
            client, referral, SIGNERS[step], "approve", OPINIONS[step], language
        )
    assert referral.state == State.APPROVED
    assert referral.valid_until == TODAY + datetime.timedelta(days=30)
    assert not referral.task_set.filter(
        flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]
    ).exists()

    records = list(step_records_of(referral))
    assert [r.action for r in records] == [
        Action.CREATE,
        Action.PROPOSE,
        Action.APPROVE,
        Action.APPROVE,
        Action.SIGN,
        Action.APPROVE,
    ]
    assert [r.actor.username for r in records[1:]] == list(SIGNERS.values())
    assert records[3].actor_organisation == "武汉长江医院医疗保险办公室"
    assert records[5].actor_organisation == "武汉市医疗保险中心"

    sign_in(client, "supervisor_zhao", language)
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    for record in records[1:]:
        assert record.actor_name in page
        assert record.opinion in page
        assert record.actor_organisation in page
    with translation.override(language):
        assert str(State.APPROVED.label) in page
        assert str(Action.SIGN.label) in page
    assert world.patient.resident_id not in page
    assert world.patient.masked_resident_id in page


def test_returns_go_back_one_step_and_the_case_comes_forward_again(client, world):
    referral = propose_through_the_page(client, world)
    referral = act_through_the_inbox(
        client, referral, "director_wang", "return", "请补充心电图结果。"
    )
    assert referral.state == State.DRAFT

    # Back with the physician: revise and propose again from the inbox.
    sign_in(client, "doctor_li")
    assert referral.number in client.get(reverse("inbox")).content.decode()
    edit = client.post(
        reverse("referrals:edit", args=[referral.pk]),
        {
            **form_data(world, case_summary="补充：心电图示下壁ST段抬高0.3mV。"),
            "person": "",
            "propose": "1",
        },
    )
    assert edit.status_code == 302, edit.content.decode()[:3000]
    client.post(reverse("logout"))
    referral.refresh_from_db()
    assert referral.state == State.PROPOSED
    assert "0.3mV" in referral.case_summary

    referral = act_through_the_inbox(client, referral, "director_wang", "approve", "同意")
    referral = act_through_the_inbox(
        client, referral, "office_zhang", "return", "转诊理由请科主任确认。"
    )
    assert referral.state == State.PROPOSED  # with the director again, not the physician
    referral = act_through_the_inbox(client, referral, "director_wang", "approve", "已确认")
    for step in (Step.OFFICE_REVIEW, Step.DEAN_SIGN, Step.CENTER_APPROVE):
        referral = act_through_the_inbox(client, referral, SIGNERS[step], "approve", "同意")
    assert referral.state == State.APPROVED
    actions = [r.action for r in step_records_of(referral)]
    assert actions.count(Action.RETURN) == 2
    assert Action.REVISE in actions


def test_a_refusal_is_final_and_leaves_nothing_in_anyones_inbox(client, world):
    referral = propose_through_the_page(client, world)
    referral = act_through_the_inbox(client, referral, "director_wang", "approve", "同意")
    referral = act_through_the_inbox(
        client, referral, "office_zhang", "reject", "目标医院非本次转诊定点范围。"
    )
    assert referral.state == State.REJECTED
    assert referral.finished is not None
    for username in SIGNERS.values():
        sign_in(client, username)
        assert referral.number not in client.get(reverse("inbox")).content.decode()
        client.post(reverse("logout"))
    assert step_records_of(referral).last().opinion == "目标医院非本次转诊定点范围。"


def test_a_return_or_refusal_without_a_reason_is_refused_in_the_users_language(client, world):
    referral = propose_through_the_page(client, world)
    task = referral.task_set.get(status="NEW")
    url = reverse("referrals:task", args=[referral.pk, task.pk])
    sign_in(client, "director_wang", "en")
    response = client.post(url, {"decision": "return", "opinion": "  "})
    assert "Write the reason" in response.content.decode()
    client.post(reverse("logout"))
    sign_in(client, "director_wang", "zh-hans")
    response = client.post(url, {"decision": "reject", "opinion": ""})
    assert "请填写不予批准的理由" in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == State.PROPOSED
    assert step_records_of(referral).count() == 2


def test_the_physician_withdraws_before_the_center_decides(client, world):
    referral = propose_through_the_page(client, world)
    referral = act_through_the_inbox(client, referral, "director_wang", "approve", "同意")
    sign_in(client, "doctor_li")
    client.post(reverse("referrals:withdraw", args=[referral.pk]), {"reason": "患者家属拒绝转院"})
    referral.refresh_from_db()
    assert referral.state == State.WITHDRAWN
    assert referral.status == "CANCELED"
    assert not referral.task_set.filter(status__in=["NEW", "ASSIGNED"]).exists()
    client.post(reverse("logout"))
    sign_in(client, "office_zhang")
    assert referral.number not in client.get(reverse("inbox")).content.decode()


def test_the_insured_person_follows_their_referral_and_nobody_elses(client, world):
    referral = propose_through_the_page(client, world)
    client.post(
        reverse("login"),
        {"kind": "insured", "resident_id": world.patient.resident_id, "password": "yibao2026"},
    )
    page = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert page.status_code == 200
    assert referral.number in client.get(reverse("referrals:list")).content.decode()
    client.post(reverse("logout"))
    client.post(
        reverse("login"),
        {"kind": "insured", "resident_id": "420102198503122046", "password": "yibao2026"},
    )
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
    assert referral.number not in client.get(reverse("referrals:list")).content.decode()
