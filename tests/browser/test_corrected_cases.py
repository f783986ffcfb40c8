"""A case sent back is corrected on its edit page and sent again: the page shows the dates the
case has, in either language, and sending it again keeps them. (A referral returned, corrected
and proposed again: test_referral_chain.py.)"""

import pytest
from playwright.sync_api import expect

from workflows.claims.models import Claim

from .checks import DESKTOP

HUANG = "420102198503122046"  # 黄小红: her referral waits for the cardiology director
ZHANG = "420103195508201133"  # 张建国: his emergency claim is being prepared


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_claim_being_prepared_is_corrected_keeping_its_dates(visit, demo_cases, language):
    claim = Claim.objects.get(person__resident_id=ZHANG)
    admission, discharge = claim.admission_date, claim.discharge_date

    zhang = visit(DESKTOP)
    zhang.start_signed_in(ZHANG, language=language)
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
