"""A unit's batch of off-site outpatient claims through the web pages: each claim reviewed on
its own, one returned while the others go on, one payment order for the batch."""

import datetime

import pytest
from django.urls import reverse

from tests.files import pdf
from tests.forms import pdf as pdf_text
from tests.pages import sign_in
from workflows import clock
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.claims.choices import REQUIRED_DOCUMENTS, BatchState, Kind, State
from workflows.claims.models import ClaimBatch, PaymentOrder

from .batching import (
    DIALYSIS,
    GUANGZHOU,
    LI,
    YECHENG,
    ZHANG,
    at,
    file_for,
    institution,
    person,
    settlement_day,  # noqa: F401 (a fixture)
    zhao,
)

ACCOUNT = {
    "payee": "武汉江城机械有限公司",
    "bank_name": "中国工商银行武汉江汉支行",
    "bank_account": "4202 2100 0000 1234 567",
}


def post(client, name, *args, data=None, expect=302):
    response = client.post(reverse(f"claims:{name}", args=args), data or {})
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


def page(client, name, *args) -> str:
    response = client.get(reverse(f"claims:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def sign_out(client):
    client.post(reverse("logout"))


def add_claim_on_the_page(client, batch, resident_id, code):
    data = {
        "person": resident_id,
        "institution": institution(code).pk,
        "first_visit": "2026-11-03",
        "last_visit": "2026-11-28",
        "diagnosis": "慢性肾功能衰竭",
    }
    post(client, "batch_add_claim", batch.pk, data=data)
    claim = batch.claims.latest("pk")
    for kind in REQUIRED_DOCUMENTS[Kind.OFFSITE_OUTPATIENT]:
        post(client, "upload", claim.pk, data={"kind": kind, "file": pdf(f"{kind}.pdf")})
    return claim


def review_on_the_page(client, claim, decision, **data):
    if decision == "approve":
        for catalogue, code, quantity, price in DIALYSIS:
            line = {"catalogue": catalogue, "code": code, "quantity": quantity, "unit_price": price}
            post(client, "line_add", claim.pk, data=line)
        post(client, "calculate", claim.pk)
    post(client, "decide", claim.pk, data={"decision": decision, "reason": "", **data})
    claim.refresh_from_db()
    return claim


@pytest.mark.usefixtures("settlement_day")
def test_a_batch_of_three_claims_where_one_is_returned_and_two_are_paid(client, world, monkeypatch):
    # 李秀英 (Haikou) and 赵淑芬 (Guangzhou) have filings in force; 张建国 has none.
    retiree = zhao()
    file_for(world, person(LI), YECHENG)
    file_for(world, retiree, GUANGZHOU)

    # 孙丽 opens this month's batch on the 7th and adds the three retirees' claims.
    sign_in(client, "unit_sun")
    post(client, "batch_open")
    batch = ClaimBatch.objects.get()
    li = add_claim_on_the_page(client, batch, LI, YECHENG)
    zhao_claim = add_claim_on_the_page(client, batch, retiree.resident_id, GUANGZHOU)
    zhang = add_claim_on_the_page(client, batch, ZHANG, GUANGZHOU)
    assert "⚑" not in page(client, "batch", batch.pk)  # the flag is for the center
    post(client, "batch_submit", batch.pk, data=ACCOUNT)
    batch.refresh_from_db()
    assert batch.state == BatchState.SUBMITTED
    assert {c.state for c in batch.claims.all()} == {State.SUBMITTED}
    sign_out(client)

    # 陈静 finds the three in her claims queue; 张建国's claim is flagged: no filing covers it.
    sign_in(client, "center_chen")
    queue = client.get(reverse("inbox_queue", args=["claims"])).content.decode()
    assert all(c.number in queue for c in (li, zhao_claim, zhang))
    assert "⚑" in page(client, "detail", zhang.pk)
    assert "⚑" not in page(client, "detail", li.pk)

    # She returns 赵淑芬's claim for a legible prescription, and approves the other two.
    zhao_claim = review_on_the_page(
        client, zhao_claim, "return", documents=["prescription"], reason="处方字迹不清。"
    )
    assert zhao_claim.state == State.RETURNED
    li = review_on_the_page(client, li, "approve")
    assert not PaymentOrder.objects.filter(batch=batch).exists()  # 张建国's still awaits review
    zhang = review_on_the_page(client, zhang, "approve")
    assert li.calculation["inputs"]["scope"] == "offsite_filed"
    assert zhang.calculation["inputs"]["scope"] == "offsite_unfiled"

    # The last decision issues the batch's one payment order: a line for each approved claim.
    batch.refresh_from_db()
    assert batch.state == BatchState.ORDERED
    order = PaymentOrder.objects.get(batch=batch)
    assert {(line.claim_id, line.amount) for line in order.lines.all()} == {
        (li.pk, li.pooled_fund_pays),
        (zhang.pk, zhang.pooled_fund_pays),
    }
    assert order.amount == li.pooled_fund_pays + zhang.pooled_fund_pays
    assert (order.payee, order.bank_account) == ("武汉江城机械有限公司", "4202210000001234567")
    batch_page = page(client, "batch", batch.pk)
    assert "李秀英" in batch_page and "张建国" in batch_page
    post(client, "batch_pay", batch.pk, data={"reference": "ZF-PC-0001"})
    batch.refresh_from_db()
    assert batch.state == BatchState.PAID
    for claim in (li, zhang, zhao_claim):
        claim.refresh_from_db()
    assert (li.state, zhang.state, zhao_claim.state) == (State.PAID, State.PAID, State.RETURNED)
    sign_out(client)

    # 李秀英 sees her claim paid on her own pages, with the statement naming her unit as payee.
    sign_in(client, LI)
    assert li.number in page(client, "list")
    assert "ZF-PC-0001" in page(client, "detail", li.pk)
    statement = client.get(reverse("claims:statement", args=[li.pk]))
    text = pdf_text.text(b"".join(statement.streaming_content))
    assert "武汉江城机械有限公司" in text and "ZF-PC-0001" in text
    sign_out(client)

    # Next month 孙丽 supplements the returned claim and carries it into the new batch.
    monkeypatch.setattr(clock, "now", at(datetime.datetime(2027, 1, 6, 9, 0)))
    sign_in(client, "unit_sun")
    post(client, "upload", zhao_claim.pk, data={"kind": "prescription", "file": pdf("处方.pdf")})
    post(client, "batch_open")
    second = ClaimBatch.objects.exclude(pk=batch.pk).get()
    assert zhao_claim.number in page(client, "batch", second.pk)
    post(client, "batch_carry", second.pk, zhao_claim.pk)
    post(client, "batch_submit", second.pk, data=ACCOUNT)
    zhao_claim.refresh_from_db()
    assert (zhao_claim.batch_id, zhao_claim.state) == (second.pk, State.SUBMITTED)
    sign_out(client)

    sign_in(client, "center_chen")
    zhao_claim = review_on_the_page(client, zhao_claim, "approve")
    second.refresh_from_db()
    assert second.state == BatchState.ORDERED
    assert [line.claim_id for line in PaymentOrder.objects.get(batch=second).lines.all()] == [
        zhao_claim.pk
    ]
    assert [record.action for record in step_records_of(batch)] == [
        Action.CREATE,
        Action.REVISE,
        Action.REVISE,
        Action.REVISE,
        Action.SUBMIT,
        Action.ORDER,
        Action.PAY,
    ]
