"""The demo cases: each persona finds their work through the pages after ``make run``."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.pages import sign_in
from workflows.claims.choices import State as ClaimState
from workflows.claims.models import Claim
from workflows.documents.selectors import documents_of
from workflows.referrals.choices import State as ReferralState
from workflows.referrals.models import Referral
from workflows.resettlement.models import Filing


@pytest.fixture
def cases(world, media):
    call_command("load_demo_cases", verbosity=0)


def numbers(**filters) -> list[str]:
    return [referral.number for referral in Referral.objects.filter(**filters)]


def test_each_signer_finds_the_referral_waiting_for_them(cases, client):
    waiting = {
        "director_wang": ReferralState.PROPOSED,
        "office_zhang": ReferralState.DEPARTMENT_APPROVED,
        "center_chen": ReferralState.DEAN_SIGNED,
    }
    for username, state in waiting.items():
        client.logout()
        sign_in(client, username)
        inbox = client.get(reverse("inbox")).content.decode()
        (number,) = numbers(state=state)
        assert number in inbox, username
        others = set(numbers()) - {number}
        assert not any(other in inbox for other in others), username


def test_the_physician_has_a_draft_and_an_approved_referral(cases, client):
    sign_in(client, "doctor_li")
    page = client.get(reverse("referrals:list")).content.decode()
    assert all(number in page for number in numbers())
    assert len(numbers(state=ReferralState.DRAFT)) == 1
    assert len(numbers(state=ReferralState.APPROVED)) == 1


def test_the_center_reviews_a_claim_and_a_filing_and_pays_another_claim(cases, client):
    sign_in(client, "center_chen")
    claims = client.get(reverse("inbox_queue", args=["claims"])).content.decode()
    assert Claim.objects.get(state=ClaimState.SUBMITTED).number in claims
    filings = client.get(reverse("inbox_queue", args=["filings"])).content.decode()
    assert Filing.objects.get().number in filings
    approved = Claim.objects.get(state=ClaimState.APPROVED)
    assert approved.payment_order.amount > 0
    page = client.get(reverse("claims:detail", args=[approved.pk])).content.decode()
    assert reverse("claims:pay", args=[approved.pk]) in page


def test_a_person_sees_their_claim_and_downloads_its_documents(cases, client):
    claim = Claim.objects.get(state=ClaimState.APPROVED)
    sign_in(client, claim.person.resident_id, language="en")
    page = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert claim.number in page
    document = documents_of(claim).first()
    response = client.get(reverse("claims:document", args=[claim.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_loading_again_adds_no_cases(cases):
    counts = (Referral.objects.count(), Claim.objects.count(), Filing.objects.count())
    call_command("load_demo_cases", verbosity=0)
    assert (Referral.objects.count(), Claim.objects.count(), Filing.objects.count()) == counts
    assert counts == (5, 3, 1)
