"""A unit's monthly batch of off-site outpatient claims: 孙丽, the unit's agent, opens it inside
the settlement window on a desktop or on her phone, adds 李秀英's month of dialysis in Haikou
with its documents and submits it; 陈静 of the center reviews the claim, and the batch's
payment order is paid; 孙丽 reads it paid."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.files import pdf
from tests.workflows.claims.batching import (
    DIALYSIS,
    LI,
    YECHENG,
    file_for,
    person,
    settlement_day,  # noqa: F401 (a fixture)
)
from workflows.claims.choices import BatchState, Decision, State
from workflows.claims.models import ClaimBatch
from workflows.policy.choices import Catalogue

from .checks import DESKTOP, PHONE
from .claim_pages import find_in_the_inbox
from .person import Person
from .test_emergency_claim import handed_over

HOSPITAL = "海口椰城中心医院"
UNIT = "武汉江城机械有限公司"
BANK = "中国工商银行武汉江汉支行"
ACCOUNT = "4202 2100 0000 1234 567"
REFERENCE = "ZF-PC-0001"


def prepare_the_batch(sun: Person) -> ClaimBatch:
    sun.follow(sun.gettext("Batches of outpatient claims"))
    sun.press(sun.gettext("Open a new batch"))
    batch = ClaimBatch.objects.get()
    expect(sun.page.get_by_role("heading", level=1)).to_contain_text(batch.number)
    sun.fill(sun.gettext("Retiree's resident ID or insurance number"), LI)
    sun.select(sun.gettext("Institution where treated"), HOSPITAL)
    sun.fill(sun.gettext("First visit"), "2026-11-03")
    sun.fill(sun.gettext("Last visit"), "2026-11-28")
    sun.fill(sun.gettext("Diagnosis"), "慢性肾功能衰竭")
    sun.press(sun.gettext("Add the claim"))
    # The claim's page comes next: its documents, each item the checklist marks missing.
    claim = batch.claims.get()
    expect(sun.page.get_by_role("heading", level=1)).to_contain_text(claim.number)
    missing = sun.page.locator(".checklist-item").filter(has=sun.page.locator(".badge.bad"))
    for title in missing.locator("h3").all_inner_texts():
        sun.send_files(title, handed_over(pdf(f"{title}.pdf")), button=sun.gettext("Upload"))
    expect(sun.page.locator(".checklist .badge.bad")).to_have_count(0)
    sun.follow(sun.gettext("Open the batch"))
    expect(sun.page.locator("#claims tbody tr")).to_contain_text(claim.number)

    sun.fill(sun.gettext("Payee"), UNIT, exact=True)
    sun.fill(sun.gettext("Bank"), BANK, exact=True)
    sun.fill(sun.gettext("Bank account number"), ACCOUNT, exact=True)
    sun.press(sun.gettext("Submit to the municipal center"))
    batch.refresh_from_db()
    assert batch.state == BatchState.SUBMITTED
    return batch


def review_and_pay(chen: Person, batch: ClaimBatch) -> None:
    claim = batch.claims.get()
    find_in_the_inbox(chen, claim)
    for catalogue, code, quantity, price in DIALYSIS:
        chen.select(chen.gettext("Catalogue"), chen.gettext(Catalogue(catalogue).label))
        chen.fill(chen.gettext("Code"), code)
        chen.fill(chen.gettext("Quantity"), quantity)
        chen.fill(chen.gettext("Unit price (yuan)"), price)
        chen.press(chen.gettext("Add the line"))
    expect(chen.page.locator("#lines tbody tr")).to_have_count(len(DIALYSIS))
    chen.press(chen.gettext("Calculate the reimbursement"))
    chen.page.get_by_role("radio", name=chen.gettext(Decision.APPROVE.label), exact=True).check()
    chen.press(chen.gettext("Record my decision"))
    claim.refresh_from_db()
    assert claim.state == State.APPROVED
    batch.refresh_from_db()
    assert batch.state == BatchState.ORDERED

    chen.follow(claim.number)
    chen.follow(chen.gettext("Open the batch"))
    payment = chen.page.locator("#payment")
    expect(payment).to_contain_text(claim.number)
    chen.fill(chen.gettext("Payment reference"), REFERENCE)
    chen.press(chen.gettext("Mark as paid"))
    batch.refresh_from_db()
    assert batch.state == BatchState.PAID


@pytest.mark.usefixtures("settlement_day")
@pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_unit_prepares_its_monthly_batch_and_the_center_reviews_and_pays_it(
    visit, world, media, language, screen
):
    file_for(world, person(LI), YECHENG)
    sun = visit(screen)
    sun.start_signed_in("unit_sun", language=language)
    batch = prepare_the_batch(sun)

    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language=language)
    review_and_pay(chen, batch)

    sun.open(reverse("claims:batch", args=[batch.pk]))
    expect(sun.page.get_by_role("heading", level=1)).to_contain_text(
        sun.gettext(BatchState.PAID.label)
    )
    expect(sun.page.locator("#payment")).to_contain_text(REFERENCE)
    expect(sun.page.locator("#payment")).to_contain_text("李秀英")
