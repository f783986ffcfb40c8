"""The unit's batch: its window, who may be in it, what a claim of it needs, who sees it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from tests.factories import InstitutionFactory, InsuredPersonFactory, make_staff
from tests.pages import sign_in
from tests.workflows.refusals import in_english, refusal
from workflows import clock
from workflows.claims import rules, services
from workflows.claims.batches import payment as batch_payment
from workflows.claims.batches import services as batches
from workflows.claims.batches.offsite import calculation_scope, covering_filing
from workflows.claims.batches.selectors import batch_list_for
from workflows.claims.batches.window import SettlementWindow
from workflows.claims.choices import BatchState, State
from workflows.claims.models import ClaimBatch
from workflows.claims.review import services as review
from workflows.claims.selectors import claim_list_for
from workflows.registry.models import EmployerUnit, Institution, Region
from workflows.registry.roles import Role
from workflows.resettlement import changes
from workflows.resettlement import services as filings

from .batching import (
    CHEN,
    GUANGZHOU,
    HUANG,
    LI,
    MEILAN,
    SETTLEMENT_DAY,
    YECHENG,
    ZHANG,
    add_claim,
    at,
    calculate,
    decide,
    file_for,
    institution,
    person,
    settlement_day,  # noqa: F401 (a fixture)
    submit_batch,
    unit,
    upload_documents,
)

pytestmark = pytest.mark.usefixtures("settlement_day")


@pytest.fixture
def batch(world):
    return batches.batch_open(by=world.users["unit_sun"])


@pytest.fixture
def ready(world, batch):
    """The batch with 李秀英's claim, documents uploaded, under her filing of 海口椰城中心医院."""
    file_for(world, person(LI), YECHENG, MEILAN)
    claim = add_claim(world, batch, person(LI), YECHENG)
    upload_documents(world, claim)
    return batch


@pytest.mark.parametrize(
    ("today", "opens"),
    [
        (datetime.datetime(2026, 12, 2, 9), "Dec. 5, 2026"),
        (datetime.datetime(2026, 12, 16, 9), "Jan. 5, 2027"),
    ],
)
def test_outside_the_window_the_batch_is_refused_with_the_next_open_date(
    world, ready, monkeypatch, today, opens
):
    monkeypatch.setattr(clock, "now", at(today))
    refused = refusal(lambda: submit_batch(world, ready))
    assert refused["__all__"] == [in_english(batches.OUTSIDE_WINDOW, first=5, last=15, next=opens)]
    ready.refresh_from_db()
    assert ready.state == BatchState.OPEN
    assert {c.state for c in ready.claims.all()} == {State.DRAFT}


def test_the_window_is_the_policys_and_a_short_month_closes_it_early():
    window = SettlementWindow(25, 31)
    assert window.days_in(2027, 2) == (datetime.date(2027, 2, 25), datetime.date(2027, 2, 28))
    assert window.is_open_on(datetime.date(2027, 2, 28))
    assert window.next_opening(datetime.date(2026, 12, 31)) == datetime.date(2027, 1, 25)


def test_a_claim_without_a_valid_filing_is_flagged_not_refused(world, ready):
    zhang = add_claim(world, ready, person(ZHANG), GUANGZHOU)
    upload_documents(world, zhang)
    submitted = submit_batch(world, ready)
    assert submitted.state == BatchState.SUBMITTED
    zhang.refresh_from_db()
    assert zhang.state == State.SUBMITTED and covering_filing(zhang) is None
    assert calculation_scope(zhang) == "offsite_unfiled"
    li = ready.claims.get(person__resident_id=LI)
    assert calculation_scope(li) == "offsite_filed"


def test_an_institution_the_filing_does_not_name_is_unfiled(world, ready):
    claim = add_claim(world, ready, person(LI), GUANGZHOU)
    assert calculation_scope(claim) == "offsite_unfiled"


def test_a_treatment_before_a_change_stays_filed_and_after_it_follows_the_new_choice(
    world, batch, monkeypatch
):
    filing = file_for(world, person(LI), YECHENG, MEILAN)
    monkeypatch.setattr(clock, "now", at(datetime.datetime(2026, 12, 8, 9)))
    changes.filing_request_change(
        filing_id=filing.pk, by=world.users["unit_sun"], institutions=[institution(YECHENG)]
    )
    changes.filing_decide_change(
        filing_id=filing.pk, by=world.users["center_chen"], decision="approve"
    )
    november = add_claim(world, batch, person(LI), MEILAN)
    december = add_claim(world, batch, person(LI), MEILAN, first=(2026, 12, 8), last=(2026, 12, 8))
    assert calculation_scope(november) == "offsite_filed"
    assert calculation_scope(december) == "offsite_unfiled"


def test_a_treatment_after_the_filing_was_withdrawn_is_unfiled(world, batch, monkeypatch):
    filing = file_for(world, person(LI), YECHENG)
    monkeypatch.setattr(clock, "now", at(datetime.datetime(2026, 11, 30, 9)))
    filings.filing_withdraw(filing_id=filing.pk, by=world.users["unit_sun"], reason="回武汉")
    monkeypatch.setattr(clock, "now", at(SETTLEMENT_DAY))
    before = add_claim(world, batch, person(LI), YECHENG, first=(2026, 11, 3), last=(2026, 11, 30))
    after = add_claim(world, batch, person(LI), YECHENG, first=(2026, 12, 1), last=(2026, 12, 7))
    assert (calculation_scope(before), calculation_scope(after)) == (
        "offsite_filed",
        "offsite_unfiled",
    )


def test_only_the_units_retirees_insured_in_its_city_and_treated_elsewhere(world, batch):
    def adding(resident_id, code=YECHENG):
        return lambda: add_claim(world, batch, person(resident_id), code)

    assert refusal(adding(CHEN))["person"] == [in_english(batches.NOT_A_MEMBER)]
    assert refusal(adding(HUANG))["person"] == [in_english(batches.NOT_RETIRED, name="黄小红")]
    elsewhere = InsuredPersonFactory(
        name="周退休", unit=unit(), insured_city=Region.objects.get(code="420500")
    )
    assert refusal(adding(elsewhere.resident_id))["person"] == [
        in_english(batches.INSURED_ELSEWHERE, name="周退休", city="宜昌市", batch_city="武汉市")
    ]
    wuhan_hospital = Institution.objects.get(code="H42010200001")
    assert refusal(adding(ZHANG, wuhan_hospital.code))["institution"] == [
        in_english(batches.TREATED_IN_INSURED_CITY, institution="武汉长江医院")
    ]
    pharmacy = InstitutionFactory(
        kind="pharmacy", grade="", name="海口大药房", city=Region.objects.get(code="460100")
    )
    assert refusal(adding(ZHANG, pharmacy.code))["institution"] == [
        in_english(rules.NOT_A_HOSPITAL, institution="海口大药房")
    ]
    assert not batch.claims.exists()


def test_the_page_finds_only_members_of_the_unit(client, world, batch):
    sign_in(client, "unit_sun", "en")
    response = client.post(
        reverse("claims:batch_add_claim", args=[batch.pk]),
        {
            "person": CHEN,
            "institution": institution(YECHENG).pk,
            "first_visit": "2026-11-03",
            "last_visit": "2026-11-28",
            "diagnosis": "高血压",
        },
    )
    assert response.status_code == 200
    with translation.override("en"):
        from workflows.claims.forms import NO_SUCH_MEMBER

        assert str(NO_SUCH_MEMBER) in response.content.decode()


def test_a_claim_missing_documents_holds_the_whole_batch_back_and_names_itself(world, ready):
    zhang = add_claim(world, ready, person(ZHANG), GUANGZHOU)
    refused = refusal(lambda: submit_batch(world, ready))["__all__"]
    assert len(refused) == 1 and refused[0].startswith(f"Claim {zhang.number} (张建国): Upload")
    assert {c.state for c in ready.claims.all()} == {State.DRAFT}
    ready.refresh_from_db()
    assert ready.state == BatchState.OPEN


def test_an_empty_batch_is_not_submitted_and_one_batch_is_prepared_at_a_time(world, batch):
    assert refusal(lambda: submit_batch(world, batch))["__all__"] == [
        in_english(batches.BATCH_EMPTY)
    ]
    assert refusal(lambda: batches.batch_open(by=world.users["unit_sun"]))["__all__"] == [
        in_english(batches.BATCH_ALREADY_OPEN, number=batch.number)
    ]


def test_a_batch_claim_is_submitted_and_paid_only_with_its_batch(world, ready):
    claim = ready.claims.get()
    refused = refusal(
        lambda: services.claim_submit(
            claim_id=claim.pk,
            by=world.users["unit_sun"],
            payee="x",
            bank_name="y",
            bank_account="6222020200001234",
        )
    )
    assert refused["__all__"] == [in_english(services.SUBMITTED_WITH_BATCH, batch=ready.number)]
    submit_batch(world, ready)
    calculate(world, claim)
    decide(world, claim, "approve")
    refused = refusal(
        lambda: review.claim_mark_paid(
            claim_id=claim.pk, by=world.users["center_chen"], reference="ZF1"
        )
    )
    assert refused["__all__"] == [in_english(review.PAID_WITH_BATCH, batch=ready.number)]
    assert refusal(
        lambda: services.claim_open(
            by=world.users["unit_sun"],
            person=person(LI),
            kind="offsite_outpatient",
            admission_date=datetime.date(2026, 11, 3),
            discharge_date=datetime.date(2026, 11, 28),
            diagnosis="x",
        )
    )["kind"] == [in_english(services.OPENED_IN_A_BATCH)]


def test_a_batch_with_every_claim_returned_or_refused_closes_with_nothing_to_pay(world, ready):
    zhang = add_claim(world, ready, person(ZHANG), GUANGZHOU)
    upload_documents(world, zhang)
    submit_batch(world, ready)
    decide(world, ready.claims.get(person__resident_id=LI), "reject", reason="非门诊费用")
    decide(world, zhang, "return", reason="缺少处方", documents=["prescription"])
    ready.refresh_from_db()
    assert ready.state == BatchState.CLOSED
    assert not hasattr(ready, "payment_order") or ready.payment_order is None


def test_a_unit_sees_only_its_own_batches_and_its_own_peoples_claims(client, world, ready):
    other = make_staff(
        Role.UNIT_AGENT, unit=EmployerUnit.objects.get(name="宜昌三峡电力设备有限公司")
    )
    claim = ready.claims.get()
    assert not batch_list_for(user=other).exists()
    assert not claim_list_for(user=other).filter(pk=claim.pk).exists()
    with pytest.raises(PermissionDenied):
        batches.batch_add_claim(
            batch_id=ready.pk,
            by=other,
            person=person(ZHANG),
            institution=institution(GUANGZHOU),
            first_visit=datetime.date(2026, 11, 3),
            last_visit=datetime.date(2026, 11, 28),
            diagnosis="x",
        )
    # (the batch's page, the list of batches), by sign-in
    expected = {
        "unit_sun": (200, 200),
        "center_chen": (200, 200),
        "supervisor_zhao": (200, 200),
        "center_yang": (404, 200),
        LI: (404, 403),
        "doctor_li": (404, 403),
    }
    for who, (page_status, list_status) in expected.items():
        sign_in(client, who)
        assert client.get(reverse("claims:batch", args=[ready.pk])).status_code == page_status
        listed = client.get(reverse("claims:batches"))
        assert listed.status_code == list_status, who
        assert (ready.number in listed.content.decode()) == (page_status == 200)
        client.post(reverse("logout"))
    assert ClaimBatch.objects.count() == 1


def test_only_a_reviewer_of_the_units_city_pays_the_batch(world, ready):
    claim = ready.claims.get()
    submit_batch(world, ready)
    calculate(world, claim)
    decide(world, claim, "approve")
    for who in ("center_yang", "unit_sun", "supervisor_zhao"):
        with pytest.raises(PermissionDenied):
            batch_payment.batch_mark_paid(batch_id=ready.pk, by=world.users[who], reference="ZF1")
    paid = batch_payment.batch_mark_paid(
        batch_id=ready.pk, by=world.users["center_chen"], reference="ZF1"
    )
    assert paid.state == BatchState.PAID
