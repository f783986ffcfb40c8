"""Each referral rule refuses a proposal with its own message; nothing is half-written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.factories import make_staff
from tests.pages import sign_in
from workflows.audit.models import StepRecord
from workflows.referrals import rules, services
from workflows.referrals.choices import State
from workflows.referrals.models import Referral
from workflows.registry.models import Department, InsuredPerson
from workflows.registry.roles import Role

from .conftest import TODAY, form_data


def department(institution_code: str, code: str) -> Department:
    return Department.objects.get(institution__code=institution_code, code=code)


def propose(world, by="doctor_li", person=None, **overrides) -> Referral:
    target = overrides.pop("target_department", world.yichang_cardiology)
    fields = {
        "diagnosis": "急性心肌梗死",
        "admission_date": TODAY - datetime.timedelta(days=3),
        "transfer_date": TODAY + datetime.timedelta(days=2),
        "target_institution": target.institution,
        "target_department": target,
        "scope": "within_province",
        "reason": "需行急诊冠脉介入治疗。",
        "case_summary": "患者男，71岁。",
        **overrides,
    }
    person = person or world.patient
    return services.referral_open(by=world.users[by], person=person, propose=True, **fields)


def refused(world, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        propose(world, **kwargs)
    with translation.override("en"):
        return [str(message) for message in caught.value.messages]


def en(message, **params) -> str:
    """A rule's message as an English-speaking user reads it."""
    with translation.override("en"):
        return str(message) % params if params else str(message)


def test_a_proposal_that_meets_every_rule_goes_to_the_director(world):
    assert propose(world).state == State.PROPOSED


def test_reason_and_case_summary_are_required(world):
    messages = refused(world, reason="", case_summary="  ")
    assert messages == [en(rules.NEEDS_REASON_AND_SUMMARY)]


def test_the_transfer_cannot_be_before_admission(world):
    messages = refused(world, transfer_date=TODAY - datetime.timedelta(days=5))
    assert messages == [en(rules.TRANSFER_BEFORE_ADMISSION)]


def test_the_target_must_be_designated(world):
    rehab = department("H42010600004", "REHA")
    messages = refused(world, target_department=rehab, scope="within_city")
    assert messages == [en(rules.TARGET_NOT_DESIGNATED, target="武汉东湖康复医院")]


def test_the_target_department_must_belong_to_the_target(world):
    messages = refused(
        world,
        target_institution=world.yichang_cardiology.institution,
        target_department=world.guangzhou_cardiology,
    )
    with translation.override("en"):
        assert messages == [
            rules.TARGET_DEPARTMENT_ELSEWHERE
            % {"department": "心血管内科", "target": "宜昌市三峡中心医院"}
        ]


def test_the_target_is_another_institution(world):
    neurosurgery = department("H42010200001", "NSUR")
    messages = refused(world, target_department=neurosurgery, scope="within_city")
    assert messages == [en(rules.TARGET_IS_CURRENT)]


def test_outside_the_city_only_a_grade_three_institution_proposes(world):
    messages = refused(world, by="doctor_gao")
    with translation.override("en"):
        assert messages == [
            rules.LEAVING_CITY_NEEDS_GRADE_THREE
            % {"institution": "武汉市汉阳区人民医院", "grade": "Grade II"}
        ]


def test_a_grade_two_institution_may_refer_within_the_city(world):
    grade_three = department("H42010200001", "CARD")
    assert (
        propose(world, by="doctor_gao", target_department=grade_three, scope="within_city").state
        == State.PROPOSED
    )


def test_a_within_city_referral_stays_in_the_city(world):
    messages = refused(world, scope="within_city")
    expected = en(rules.WITHIN_CITY_TARGET_ELSEWHERE, target="宜昌市三峡中心医院", city="宜昌市")
    assert expected in messages


def test_the_scope_must_match_where_the_target_is(world):
    messages = refused(world, scope="outside_province", outside_province_statement="无")
    with translation.override("en"):
        assert messages == [
            rules.SCOPE_DOES_NOT_MATCH
            % {
                "target": "宜昌市三峡中心医院",
                "province": "湖北省",
                "city": "宜昌市",
                "actual": "outside the city, inside the province",
                "chosen": "outside the province",
            }
        ]


def test_outside_the_province_needs_a_statement(world):
    messages = refused(
        world, target_department=world.guangzhou_cardiology, scope="outside_province"
    )
    assert messages == [en(rules.OUTSIDE_PROVINCE_NEEDS_STATEMENT)]
    referral = propose(
        world,
        target_department=world.guangzhou_cardiology,
        scope="outside_province",
        outside_province_statement="省内无可开展该术式的医院。",
    )
    assert referral.state == State.PROPOSED


def test_a_non_designated_institution_cannot_propose(world):
    rehab = department("H42010600004", "REHA")
    world.users["doctor_rehab"] = make_staff(
        Role.ATTENDING_PHYSICIAN, institution=rehab.institution, department=rehab
    )
    grade_three = department("H42010200001", "CARD")
    messages = refused(world, by="doctor_rehab", target_department=grade_three, scope="within_city")
    assert messages == [en(rules.PROPOSER_NOT_DESIGNATED)]


def test_several_broken_rules_are_all_named_at_once(world):
    messages = refused(world, reason="", scope="within_city")
    assert len(messages) >= 3


def test_a_refused_proposal_leaves_nothing_behind(world):
    before = (Referral.objects.count(), StepRecord.objects.count())
    refused(world, reason="")
    assert (Referral.objects.count(), StepRecord.objects.count()) == before


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "can only be proposed by a Grade III designated institution"),
        ("zh-hans", "只能由三级定点医疗机构提出"),
    ],
)
def test_the_page_names_the_broken_rule_in_the_users_language(client, world, language, expected):
    sign_in(client, "doctor_gao", language)
    response = client.post(reverse("referrals:new"), {**form_data(world), "propose": "1"})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "field",
    [
        "diagnosis",
        "admission_date",
        "transfer_date",
        "target_institution",
        "target_department",
        "scope",
        "person",
    ],
)
def test_a_missing_field_is_named_on_the_form(client, world, field):
    sign_in(client, "doctor_li", "en")
    response = client.post(
        reverse("referrals:new"), {**form_data(world, **{field: ""}), "propose": "1"}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Referral.objects.exists()


def test_a_target_that_does_not_exist_is_refused(client, world):
    sign_in(client, "doctor_li", "zh-hans")
    response = client.post(
        reverse("referrals:new"), {**form_data(world, target_institution=999999), "propose": "1"}
    )
    assert "选择一个有效的选项" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_patient_who_is_not_insured_here_is_refused(client, world):
    sign_in(client, "doctor_li", "en")
    response = client.post(
        reverse("referrals:new"), {**form_data(world, person="420111199006150718"), "propose": "1"}
    )
    assert "The resident ID does not add up" in response.content.decode()
    response = client.post(
        reverse("referrals:new"), {**form_data(world, person="420100999999999"), "propose": "1"}
    )
    assert "No insured person has this resident ID or insurance number." in (
        response.content.decode()
    )


def test_a_draft_is_saved_without_the_rules_and_checked_when_proposed(client, world):
    sign_in(client, "doctor_li", "en")
    response = client.post(reverse("referrals:new"), {**form_data(world, reason=""), "save": "1"})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.state == State.DRAFT
    task = referral.task_set.get(status="ASSIGNED")
    response = client.post(
        reverse("referrals:task", args=[referral.pk, task.pk]), {"opinion": "建议转诊"}
    )
    assert "Write the reason for the referral and the case summary" in (response.content.decode())
    referral.refresh_from_db()
    assert referral.state == State.DRAFT


def test_a_patient_insured_in_another_city_is_referred_by_where_the_hospitals_lie(world):
    """陈志明, insured in Yichang, lies in 武汉长江医院: a referral to Yichang leaves Wuhan
    (within the province); one inside Wuhan stays in the city. Yichang's center approves."""
    chen = InsuredPerson.objects.get(name="陈志明")
    to_yichang = propose(world, person=chen, scope="within_province")
    assert to_yichang.state == State.PROPOSED
    assert to_yichang.insured_city.name == "宜昌市"
    neurology = department("H42010500002", "INTM")
    within_wuhan = propose(world, person=chen, target_department=neurology, scope="within_city")
    assert within_wuhan.state == State.PROPOSED
    messages = refused(world, person=chen, scope="within_city")
    assert en(rules.WITHIN_CITY_TARGET_ELSEWHERE, target="宜昌市三峡中心医院", city="宜昌市") in (
        messages
    )
