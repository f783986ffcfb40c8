"""A case sent back is corrected on its edit page and sent again: the page shows the dates the
case has, in either language, and sending it again keeps them."""

import pytest
from playwright.sync_api import expect

from workflows.claims.models import Claim
from workflows.referrals.choices import Decision, State
from workflows.referrals.models import Referral

from .checks import DESKTOP

HUANG = "420102198503122046"  # 黄小红: her referral waits for the cardiology director
ZHANG = "420103195508201133"  # 张建国: his emergency claim is being prepared


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_returned_referral_corrected_and_proposed_again_keeps_its_dates(
    visit, demo_cases, language
):
    referral = Referral.objects.get(person__resident_id=HUANG, state=State.PROPOSED)
    admission, transfer = referral.admission_date, referral.transfer_date

    director = visit(DESKTOP)
    director.sign_in("director_wang", language=language)
    director.follow(director.gettext("Referrals"))
    director.follow(referral.number)
    director.follow(director.gettext("Give your decision"))
    director.page.get_by_label(director.gettext(Decision.RETURN.label)).check()
    director.fill(director.gettext("Opinion"), "请补充病情摘要。")
    director.press(director.gettext("Record my decision"))
    referral.refresh_from_db()
    assert referral.state == State.DRAFT

    doctor = visit(DESKTOP)
    doctor.sign_in("doctor_li", language=language)
    doctor.follow(doctor.gettext("Referrals"))
    doctor.follow(referral.number)
    doctor.follow(doctor.gettext("Revise and propose"))
    doctor.follow(doctor.gettext("Change the case"))
    expect(doctor.page.get_by_label(doctor.gettext("Admission date"))).to_have_value(
        admission.isoformat()
    )
    expect(doctor.page.get_by_label(doctor.gettext("Proposed transfer date"))).to_have_value(
        transfer.isoformat()
    )
    doctor.fill(doctor.gettext("Case summary"), "患者入院后完善相关检查，心功能Ⅱ级，可耐受转运。")
    doctor.press(doctor.gettext("Propose"))

    referral.refresh_from_db()
    assert referral.state == State.PROPOSED
    assert (referral.admission_date, referral.transfer_date) == (admission, transfer)
    assert "心功能Ⅱ级" in referral.case_summary


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_claim_being_prepared_is_corrected_keeping_its_dates(visit, demo_cases, language):
    claim = Claim.objects.get(person__resident_id=ZHANG)
    admission, discharge = claim.admission_date, claim.discharge_date

    zhang = visit(DESKTOP)
    zhang.sign_in(ZHANG, language=language)
    zhang.follow(zhang.gettext("My claims"))
    zhang.follow(claim.number)
    zhang.follow(zhang.gettext("Correct the claim"))
    expect(zhang.page.get_by_label(zhang.gettext("Admission date"))).to_have_value(
        admission.isoformat()
    )
    expect(zhang.page.get_by_label(zhang.gettext("Discharge date"))).to_have_value(
        discharge.isoformat()
    )
    zhang.fill(zhang.gettext("Diagnosis"), "急性水肿型胰腺炎")
    zhang.press(zhang.gettext("Save the corrections"))

    claim.refresh_from_db()
    assert (claim.admission_date, claim.discharge_date) == (admission, discharge)
    assert claim.diagnosis == "急性水肿型胰腺炎"
