"""Claims walk from the first upload to the payment through the web pages, as the personas do."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.files import pdf, picture
from tests.forms import pdf as pdf_text
from tests.pages import said, sign_in
from tests.workflows.referrals.conftest import open_referral
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.claims import services
from workflows.claims.choices import REQUIRED_DOCUMENTS, Kind, State
from workflows.claims.models import Claim, PaymentOrder
from workflows.documents.choices import Kind as DocumentKind
from workflows.registry.models import Institution

from .conftest import HUANG, NON_DESIGNATED, TODAY, ZHANG, bill_csv


def page_of(client, claim) -> str:
    response = client.get(reverse("claims:detail", args=[claim.pk]))
    assert response.status_code == 200
    return response.content.decode()


def post(client, name, claim, data, **extra):
    response = client.post(reverse(f"claims:{name}", args=[claim.pk]), data, **extra)
    assert response.status_code in (200, 302), response.status_code
    return response


def upload_through_the_page(client, claim, kind, file):
    response = post(client, "upload", claim, {"kind": kind, "file": file})
    assert response.status_code == 302


def submit_through_the_page(client, claim):
    return post(
        client,
        "submit",
        claim,
        {
            "payee": claim.person.name,
            "bank_name": "招商银行武汉分行",
            "bank_account": "6225881234567890",
        },
    )


def sign_out(client):
    client.post(reverse("logout"))


def decide(client, claim, data):
    response = post(client, "decide", claim, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    claim.refresh_from_db()
    return claim


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_emergency_claim_from_upload_to_payment(client, world, language):
    # 黄小红 opens it ten days after the policy's deadline for reporting an emergency.
    sign_in(client, HUANG, language)
    assert client.get(reverse("claims:new") + "?kind=emergency").status_code == 200
    response = client.post(
        reverse("claims:new"),
        {
            "kind": "emergency",
            "institution": Institution.objects.get(code=NON_DESIGNATED).pk,
            "admission_date": (TODAY - datetime.timedelta(days=20)).isoformat(),
            "discharge_date": (TODAY - datetime.timedelta(days=12)).isoformat(),
            "diagnosis": "急性胰腺炎",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    claim = Claim.objects.latest("pk")
    assert claim.state == State.DRAFT and claim.number.startswith("BX")
    assert claim.reported_late

    # The checklist says what is missing; submitting now is refused and says so.
    refused = submit_through_the_page(client, claim).content.decode()
    with translation.override(language):
        labels = [str(DocumentKind(kind).label) for kind in REQUIRED_DOCUMENTS[Kind.EMERGENCY]]
        assert said(services.DOCUMENTS_MISSING, missing=services.listed(labels)) in refused
    claim.refresh_from_db()
    assert claim.state == State.DRAFT

    for kind in REQUIRED_DOCUMENTS[Kind.EMERGENCY]:
        file = picture(f"{kind}.jpg") if kind == DocumentKind.EXAMINATION_SHEETS else pdf()
        upload_through_the_page(client, claim, kind, file)
    assert submit_through_the_page(client, claim).status_code == 302
    claim.refresh_from_db()
    assert claim.state == State.SUBMITTED
    sign_out(client)

    # 陈静 of the Wuhan center finds it in her inbox, flagged, and asks for the invoices again.
    sign_in(client, "center_chen", language)
    inbox = client.get(reverse("inbox_queue", args=["claims"])).content.decode()
    assert claim.number in inbox
    assert "⚑" in page_of(client, claim)
    claim = decide(
        client,
        claim,
        {"decision": "return", "documents": ["invoices"], "reason": "发票不清晰，请重新上传。"},
    )
    assert claim.state == State.RETURNED
    sign_out(client)

    # 黄小红 sees what to add and why; she adds a second version of the invoices and resubmits.
    sign_in(client, HUANG, language)
    page = page_of(client, claim)
    assert "发票不清晰，请重新上传。" in page
    assert "⚑" not in page  # the flag is for the reviewer
    upload_through_the_page(client, claim, "invoices", pdf("发票-清晰版.pdf"))
    assert submit_through_the_page(client, claim).status_code == 302
    claim.refresh_from_db()
    assert claim.state == State.SUBMITTED
    sign_out(client)

    # 陈静 imports the hospital's expense list, calculates, approves and pays.
    sign_in(client, "center_chen", language)
    csv_file = SimpleUploadedFile("明细.csv", bill_csv(), content_type="text/csv")
    assert post(client, "lines_import", claim, {"file": csv_file}).status_code == 302
    assert post(client, "calculate", claim, {}).status_code == 302
    claim.refresh_from_db()
    assert claim.pooled_fund_pays is not None
    claim = decide(client, claim, {"decision": "approve", "reason": ""})
    assert claim.state == State.APPROVED
    order = PaymentOrder.objects.get(claim=claim)
    assert order.amount == claim.pooled_fund_pays
    assert order.bank_account == "6225881234567890"
    assert post(client, "pay", claim, {"reference": "ZF2026112500001"}).status_code == 302
    claim.refresh_from_db()
    assert claim.state == State.PAID
    sign_out(client)

    # 黄小红 follows it all: the timeline, the explanation, the statement and her files.
    sign_in(client, HUANG, language)
    page = page_of(client, claim)
    with translation.override(language):
        assert str(State.PAID.label) in page
        explained = claim.calculation["explanations"][language]["pooled_fund_pays"]
    assert explained in page
    statement = client.get(reverse("claims:statement", args=[claim.pk]))
    assert statement["Content-Type"] == "application/pdf"
    text = pdf_text.text(b"".join(statement.streaming_content))
    assert pdf_text.squeeze(claim.number) in text
    document = claim_documents(claim)[0]
    download = client.get(reverse("claims:document", args=[claim.pk, document.pk]))
    assert download["Content-Disposition"].startswith("attachment")

    actions = [record.action for record in step_records_of(claim)]
    assert actions == [
        Action.CREATE,
        *[Action.UPLOAD] * 4,
        Action.SUBMIT,
        Action.RETURN,
        Action.UPLOAD,
        Action.SUBMIT,
        Action.REVISE,
        Action.CALCULATE,
        Action.APPROVE,
        Action.PAY,
    ]
    assert not claim.task_set.filter(status__in=["NEW", "ASSIGNED"]).exists()
    assert claim.status == "DONE"


def claim_documents(claim):
    from workflows.documents.selectors import documents_of

    return list(documents_of(claim))


def test_a_referral_claim_opened_by_the_unit_agent_from_upload_to_payment(client, world):
    referral = open_referral(world)  # 张建国, approved by all five, to 宜昌市三峡中心医院
    sign_in(client, "unit_sun")
    response = client.post(
        reverse("claims:new"),
        {
            "person": ZHANG,
            "kind": "referral",
            "referral": referral.number,
            "admission_date": TODAY.isoformat(),
            "discharge_date": TODAY.isoformat(),
            "diagnosis": "急性心肌梗死",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    claim = Claim.objects.latest("pk")
    assert (claim.person.name, claim.followed_referral, claim.institution) == (
        "张建国",
        referral,
        referral.target_institution,
    )
    for kind in REQUIRED_DOCUMENTS[Kind.REFERRAL]:
        upload_through_the_page(client, claim, kind, pdf(f"{kind}.pdf"))
    assert submit_through_the_page(client, claim).status_code == 302
    sign_out(client)

    sign_in(client, "center_chen")
    claim = decide(
        client,
        claim,
        {"decision": "return", "documents": ["prescription"], "reason": "处方缺少医师签名。"},
    )
    sign_out(client)

    # The claimant himself supplements what his unit's agent sent.
    sign_in(client, ZHANG)
    assert "处方缺少医师签名。" in page_of(client, claim)
    upload_through_the_page(client, claim, "prescription", pdf("处方-签名.pdf"))
    assert submit_through_the_page(client, claim).status_code == 302
    sign_out(client)

    sign_in(client, "center_chen")
    for catalogue, code, quantity, price in [
        ("treatments", "320200001", "1", "2800.00"),
        ("treatments", "320600001", "1", "5600.00"),
        ("facilities", "110900003", "3", "150.00"),
        ("drugs", "XB01ACL111", "28", "4.20"),
    ]:
        data = {"catalogue": catalogue, "code": code, "quantity": quantity, "unit_price": price}
        assert post(client, "line_add", claim, data).status_code == 302
    assert post(client, "calculate", claim, {}).status_code == 302
    claim = decide(client, claim, {"decision": "approve", "reason": "同意报销"})
    assert claim.state == State.APPROVED
    assert claim.calculation["inputs"] == {
        "status": "retired",
        "grade": "III",
        "scope": "referral",
        "pooled_paid": "0.00",
    }
    assert claim.pooled_fund_pays > Decimal("0")
    assert post(client, "pay", claim, {"reference": "ZF-0002"}).status_code == 302
    claim.refresh_from_db()
    assert claim.state == State.PAID
    sign_out(client)

    sign_in(client, "unit_sun")
    assert "ZF-0002" in page_of(client, claim)


def test_too_long_payment_details_are_refused_on_the_page(client, world):
    from .conftest import approved_emergency, open_emergency, upload_required

    claim = open_emergency(world, ZHANG)
    upload_required(claim)
    sign_in(client, ZHANG, "en")
    data = {"payee": "张" * 65, "bank_name": "中国银行", "bank_account": "6216610000012345"}
    response = post(client, "submit", claim, data)
    assert response.status_code == 200
    assert "at most 64 characters" in response.content.decode()
    claim.refresh_from_db()
    assert claim.state == State.DRAFT
    sign_out(client)

    approved = approved_emergency(world)
    sign_in(client, "center_chen", "en")
    response = post(client, "pay", approved, {"reference": "x" * 65})
    assert response.status_code == 200
    assert "at most 64 characters" in response.content.decode()
    approved.refresh_from_db()
    assert approved.state == State.APPROVED


@pytest.mark.parametrize(
    ("who", "sees_claims", "can_open"),
    [
        (HUANG, True, True),
        ("unit_sun", True, True),
        ("center_chen", True, False),
        ("supervisor_zhao", True, False),
        ("doctor_li", False, False),
        ("admin", False, False),
    ],
)
def test_the_navigation_and_home_page_show_claims_to_those_who_may_see_them(
    client, world, who, sees_claims, can_open
):
    from .conftest import open_emergency

    claim = open_emergency(world)
    sign_in(client, who)
    home = client.get(reverse("home")).content.decode()
    assert (reverse("claims:list") in home) == sees_claims
    assert (reverse("claims:new") in home) == can_open
    assert (claim.number in home) == sees_claims
