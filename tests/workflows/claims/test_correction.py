"""Correcting a claim being prepared: through its page, by its preparer only, recorded."""

import datetime

from django.forms import ModelChoiceField
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.pages import sign_in
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.claims.choices import State
from workflows.claims.models import Claim
from workflows.claims.review import services as review
from workflows.registry.models import Institution

from .conftest import (
    ELSEWHERE,
    HUANG,
    NON_DESIGNATED,
    TODAY,
    enter_bill,
    open_emergency,
    submitted_emergency,
)


def correction(**changes) -> dict:
    data = {
        "admission_date": (TODAY - datetime.timedelta(days=6)).isoformat(),
        "discharge_date": (TODAY - datetime.timedelta(days=2)).isoformat(),
        "diagnosis": "急性胆囊炎",
        "institution": Institution.objects.get(code=ELSEWHERE).pk,
    }
    data.update(changes)
    return data


def test_the_claimant_corrects_dates_diagnosis_and_hospital_of_a_draft(world, client):
    claim = open_emergency(world)
    sign_in(client, HUANG)
    detail = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert reverse("claims:edit", args=[claim.pk]) in detail
    page = client.get(reverse("claims:edit", args=[claim.pk])).content.decode()
    assert f"更正报销申请 {claim.number}" in page
    response = client.post(reverse("claims:edit", args=[claim.pk]), correction())
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.diagnosis == "急性胆囊炎"
    assert claim.admission_date == TODAY - datetime.timedelta(days=6)
    assert claim.institution.code == ELSEWHERE
    record = step_records_of(claim).last()
    assert record.action == Action.REVISE
    assert all(label in record.opinion for label in ("入院日期", "出院日期", "诊断", "就医机构"))


def test_an_unchanged_correction_records_nothing(world, client):
    claim = open_emergency(world)
    sign_in(client, HUANG)
    same = correction(
        admission_date=claim.admission_date.isoformat(),
        discharge_date=claim.discharge_date.isoformat(),
        diagnosis=claim.diagnosis,
        institution=claim.institution_id,
    )
    steps = step_records_of(claim).count()
    assert client.post(reverse("claims:edit", args=[claim.pk]), same).status_code == 302
    assert step_records_of(claim).count() == steps


def test_bad_corrections_are_refused_with_the_rules_messages_in_both_languages(world, client):
    claim = open_emergency(world)
    designated_here = Institution.objects.get(code="H42010200001")
    sign_in(client, HUANG, language="en")
    bad = correction(
        discharge_date=(TODAY - datetime.timedelta(days=9)).isoformat(),
        institution=designated_here.pk,
    )
    page = client.post(reverse("claims:edit", args=[claim.pk]), bad).content.decode()
    assert "discharge" in page.lower()
    client.logout()
    sign_in(client, HUANG)
    page = client.post(
        reverse("claims:edit", args=[claim.pk]), correction(institution=designated_here.pk)
    ).content.decode()
    with translation.override("zh-hans"):
        # Such hospitals are not offered at all (rules.DESIGNATED_IN_INSURED_CITY otherwise).
        assert escape(str(ModelChoiceField.default_error_messages["invalid_choice"])) in page
    unchanged = Claim.objects.get(pk=claim.pk)
    assert unchanged.institution.code == NON_DESIGNATED
    assert unchanged.diagnosis == claim.diagnosis


def test_only_the_preparer_corrects_and_only_while_preparing(world, client):
    claim = open_emergency(world)
    sign_in(client, "420111199006150717")  # 王强: not his claim
    assert client.get(reverse("claims:edit", args=[claim.pk])).status_code == 404
    submitted = submitted_emergency(world, "420103195508201133")  # 张建国's
    client.logout()
    sign_in(client, "420103195508201133")
    response = client.post(reverse("claims:edit", args=[submitted.pk]), correction(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("claims:detail", args=[submitted.pk])
    assert "待市医保中心审核" in response.content.decode()
    assert Claim.objects.get(pk=submitted.pk).diagnosis == submitted.diagnosis
    client.logout()
    sign_in(client, "center_chen")  # sees the claim, but it is not theirs to prepare
    assert client.get(reverse("claims:edit", args=[submitted.pk])).status_code == 403


def test_a_correction_after_a_return_drops_the_reviewers_calculation(world, client):
    claim = submitted_emergency(world)
    reviewer = world.users["center_chen"]
    enter_bill(claim, reviewer)
    review.claim_calculate(claim_id=claim.pk, by=reviewer)
    review.claim_decide(
        claim_id=claim.pk,
        by=reviewer,
        decision="return",
        reason="发票不清晰",
        documents=["invoices"],
    )
    sign_in(client, HUANG)
    client.post(reverse("claims:edit", args=[claim.pk]), correction())
    claim.refresh_from_db()
    assert claim.state == State.RETURNED and claim.calculation is None
    assert "计算结果" in step_records_of(claim).last().opinion
