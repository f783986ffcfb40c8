"""Two journeys through the demo region's cases, the proof that the browser suite runs: a
supervisor prints a referral's approval form, an insured person reads her claim on her phone."""

import pytest
from playwright.sync_api import expect

from tests.forms.pdf import squeeze
from workflows.claims.models import Claim
from workflows.referrals.models import Referral

from .checks import DESKTOP, PHONE


def test_supervisor_reads_a_referral_and_prints_its_approval_form_switching_to_english(
    visit, demo_cases
):
    referral = Referral.objects.get(person__name="李秀英")
    zhao = visit(DESKTOP)
    zhao.start_signed_in("supervisor_zhao", language="zh-hans")
    expect(zhao.page.get_by_role("heading", level=1)).to_have_text("您好，赵磊")

    zhao.follow("转诊转院")
    expect(zhao.page.get_by_role("heading", level=1)).to_have_text("转诊转院")
    expect(zhao.page.get_by_role("row")).to_have_count(1 + Referral.objects.count())
    zhao.follow(referral.number)
    expect(zhao.page.get_by_role("heading", level=1)).to_contain_text(f"转诊转院 {referral.number}")

    zhao.choose_language("en")
    expect(zhao.page.get_by_role("heading", level=1)).to_contain_text(f"Referral {referral.number}")
    form = zhao.download_pdf_text("Referral approval form (PDF, as it stands now)")
    assert referral.number in form
    assert squeeze("李秀英") in form

    zhao.follow("Referrals")
    expect(zhao.page.get_by_role("heading", level=1)).to_have_text("Referrals")


@pytest.mark.parametrize(
    ("language", "my_claims", "approved"),
    [
        ("zh-hans", "我的报销申请", "已批准，待支付"),
        ("en", "My claims", "approved, awaiting payment"),
    ],
    ids=["zh-hans", "en"],
)
def test_insured_person_reads_her_approved_claim_on_her_phone(
    visit, demo_cases, language, my_claims, approved
):
    claim = Claim.objects.get(person__name="黄小红")
    huang = visit(PHONE)
    huang.start_signed_in("420102198503122046", language=language)

    huang.follow(my_claims)
    rows = huang.page.get_by_role("row")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("黄小红")
    huang.follow(claim.number)
    heading = huang.page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(claim.number)
    expect(heading).to_contain_text(approved)
