"""Opening a claim: the referral it follows, where an emergency was treated, when reported."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats

from tests.pages import said, sign_in
from tests.workflows.referrals.conftest import open_referral
from workflows.claims import rules, services
from workflows.claims.choices import State
from workflows.policy.models import Policy
from workflows.referrals import services as referral_services
from workflows.referrals.choices import State as ReferralState
from workflows.referrals.choices import Step as ReferralStep
from workflows.registry.models import Institution

from .conftest import ELSEWHERE, HUANG, TODAY, ZHANG, open_emergency, open_referral_claim


def refusal(call, field: str) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict[field]


def test_a_claim_follows_an_approved_unexpired_referral_and_is_treated_at_its_target(world):
    referral = open_referral(world)
    claim = open_referral_claim(referral)
    assert claim.state == State.DRAFT
    assert claim.institution_id == referral.target_institution_id
    assert claim.report_deadline is None and not claim.reported_late


def test_a_used_referral_may_be_claimed_on_even_after_its_validity(world, approved_long_ago):
    referral_services.referral_record_transfer(
        referral_id=approved_long_ago.pk,
        by=world.users["doctor_li"],
        transferred_on=TODAY - datetime.timedelta(days=38),
    )
    approved_long_ago.refresh_from_db()
    assert approved_long_ago.state == ReferralState.USED
    assert open_referral_claim(approved_long_ago).followed_referral == approved_long_ago


def test_someone_elses_referral_is_refused(world):
    referral = open_referral(world)  # 张建国's
    assert refusal(lambda: open_referral_claim(referral, HUANG), "referral") == [
        said(rules.REFERRAL_OF_SOMEONE_ELSE, number=referral.number)
    ]


def test_a_referral_still_being_signed_is_refused(world):
    referral = open_referral(world, until=ReferralStep.CENTER_APPROVE)
    assert refusal(lambda: open_referral_claim(referral), "referral") == [
        said(
            rules.REFERRAL_NOT_APPROVED,
            number=referral.number,
            state=ReferralState.DEAN_SIGNED.label,
        )
    ]


def test_an_expired_approval_is_refused_before_and_after_it_lapses(world, approved_long_ago):
    referral = approved_long_ago
    expected = said(
        rules.REFERRAL_EXPIRED,
        number=referral.number,
        date=formats.date_format(referral.valid_until),
    )
    assert refusal(lambda: open_referral_claim(referral), "referral") == [expected]
    call_command("workflow_timers")
    referral.refresh_from_db()
    assert referral.state == ReferralState.LAPSED
    lapsed = said(
        rules.REFERRAL_NOT_APPROVED, number=referral.number, state=ReferralState.LAPSED.label
    )
    assert refusal(lambda: open_referral_claim(referral), "referral") == [lapsed]


def test_a_withdrawn_referral_is_refused(world):
    referral = open_referral(world, until=ReferralStep.OFFICE_REVIEW)
    referral = referral_services.referral_withdraw(
        referral_id=referral.pk, by=world.users["doctor_li"], reason="家属拒绝"
    )
    message = said(
        rules.REFERRAL_NOT_APPROVED, number=referral.number, state=ReferralState.WITHDRAWN.label
    )
    assert refusal(lambda: open_referral_claim(referral), "referral") == [message]


def test_a_referral_is_claimed_on_once_unless_that_claim_was_withdrawn(world):
    referral = open_referral(world)
    first = open_referral_claim(referral)
    assert refusal(lambda: open_referral_claim(referral), "referral") == [
        said(rules.REFERRAL_ALREADY_CLAIMED, claim=first.number, number=referral.number)
    ]
    services.claim_withdraw(claim_id=first.pk, by=first.person.user, reason="重新填写")
    assert open_referral_claim(referral).pk != first.pk


def test_an_unknown_referral_number_is_refused_on_the_page(client, world):
    sign_in(client, "unit_sun", "en")
    response = client.post(
        reverse("claims:new"),
        {
            "person": ZHANG,
            "kind": "referral",
            "referral": "ZZ2026-999999",
            "admission_date": TODAY.isoformat(),
            "discharge_date": TODAY.isoformat(),
            "diagnosis": "x",
        },
    )
    assert "No referral has the case number ZZ2026-999999." in response.content.decode()


def test_the_claimant_picks_from_their_own_claimable_referrals(client, world):
    mine = open_referral(world)
    pending = open_referral(world, until=ReferralStep.DEAN_SIGN)
    sign_in(client, ZHANG)
    page = client.get(reverse("claims:new") + "?kind=referral").content.decode()
    assert mine.number in page and pending.number not in page


def test_an_emergency_at_a_designated_hospital_of_the_insured_city_is_refused(world):
    local = Institution.objects.get(code="H42010200001")  # 武汉长江医院
    assert refusal(lambda: open_emergency(world, institution=local), "institution") == [
        said(rules.DESIGNATED_IN_INSURED_CITY, institution=local.name)
    ]


def test_an_emergency_at_a_designated_hospital_elsewhere_is_accepted(world):
    claim = open_emergency(world, institution=Institution.objects.get(code=ELSEWHERE))
    assert claim.institution.city.name == "宜昌市"


def test_a_pharmacy_is_no_place_for_an_emergency(world):
    pharmacy = Institution.objects.get(code="P42010300001")
    assert refusal(lambda: open_emergency(world, institution=pharmacy), "institution") == [
        said(rules.NOT_A_HOSPITAL, institution=pharmacy.name)
    ]


def test_dates_in_the_future_or_out_of_order_are_refused(world):
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert refusal(
        lambda: open_emergency(world, admission_date=tomorrow, discharge_date=tomorrow),
        "admission_date",
    ) == [str(rules.ADMISSION_IN_FUTURE)]
    assert refusal(
        lambda: open_emergency(world, discharge_date=TODAY - datetime.timedelta(days=9)),
        "discharge_date",
    ) == [str(rules.DISCHARGE_BEFORE_ADMISSION)]


@pytest.mark.parametrize(("days_ago", "late"), [(10, False), (11, True), (40, True)])
def test_an_emergency_reported_after_the_policys_days_is_flagged_not_refused(world, days_ago, late):
    admitted = TODAY - datetime.timedelta(days=days_ago)
    claim = open_emergency(world, admission_date=admitted, discharge_date=admitted)
    assert claim.report_deadline == admitted + datetime.timedelta(days=10)  # Wuhan's policy
    assert claim.reported_late is late
    assert claim.state == State.DRAFT


def test_without_a_policy_on_the_admission_date_nothing_is_flagged(world):
    Policy.objects.all().delete()
    admitted = TODAY - datetime.timedelta(days=60)
    claim = open_emergency(world, admission_date=admitted, discharge_date=admitted)
    assert claim.report_deadline is None and not claim.reported_late
