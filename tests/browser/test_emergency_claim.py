"""An emergency claim as people really send it: the insured person photographs their invoices
and examination sheets on a phone and uploads several at once; the center's reviewer enters
and imports the expense list, calculates, approves and pays; the person reads why and
downloads the statement. And the bad inputs: hostile files among good ones, a bad CSV."""

import datetime
import mimetypes
import re

import pytest
from django.utils.text import capfirst
from playwright.sync_api import expect

from tests.files import PDF, pdf, picture, png_claiming, upload
from tests.forms.pdf import squeeze
from tests.workflows.claims.conftest import BILL, bill_csv
from workflows import clock
from workflows.claims.choices import Decision, State
from workflows.claims.models import Claim
from workflows.claims.review import expense_csv, lines
from workflows.documents import validation
from workflows.documents.choices import Kind as Document
from workflows.documents.selectors import documents_of
from workflows.policy import catalogue_csv
from workflows.policy.choices import Catalogue

from .checks import DESKTOP, PHONE
from .claim_pages import expense_list, find_in_the_inbox, row_problem
from .person import Person

WANG = "420111199006150717"  # 王强, resident scheme, Wuhan
ZHANG = "420103195508201133"  # 张建国, retired, his emergency claim is being prepared
HOSPITAL = "武汉东湖康复医院"  # non-designated, Wuhan
BANK = "中国建设银行武汉东湖支行"
ACCOUNT = "6217 0028 7000 1234 567"
REFERENCE = "ZF2026120100042"


def handed_over(*uploads) -> list[dict]:
    """Files as a file chooser hands them to the page: name, type and bytes."""
    return [
        {
            "name": file.name,
            "mimeType": mimetypes.guess_type(file.name)[0] or "application/octet-stream",
            "buffer": file.read(),
        }
        for file in uploads
    ]


def label(person: Person, kind: Document) -> str:
    """How the claim's page names a checklist item (and its file input) to the person."""
    return capfirst(person.gettext(kind.label))


def files_of(person: Person, kind: Document):
    """The files the page lists for one item of the checklist."""
    item = person.page.locator(".checklist-item").filter(has_text=label(person, kind))
    return item.locator(".file")


# The phone's photographs and scans of one emergency stay, several to a document.
PHOTOGRAPHED = {
    Document.EMERGENCY_RECORDS: lambda: handed_over(pdf("急诊病历.pdf")),
    Document.EXAMINATION_SHEETS: lambda: handed_over(
        picture("血常规.jpg"), picture("胸部CT报告.png", kind="PNG"), pdf("尿常规.pdf")
    ),
    Document.INVOICES: lambda: handed_over(
        picture("发票-1.jpg"), picture("发票-2.jpg"), pdf("发票-3.pdf")
    ),
    Document.EXPENSE_LIST: lambda: handed_over(
        picture("费用明细-第1页.jpg"), picture("费用明细-第2页.jpg")
    ),
}


def open_emergency_claim(person: Person) -> Claim:
    today = clock.today()
    person.follow(person.gettext("New reimbursement claim"))
    person.page.get_by_role("radio", name=person.gettext("emergency treatment")).check()
    person.select(person.gettext("Hospital where the emergency was treated"), HOSPITAL)
    person.fill(person.gettext("Admission date"), (today - datetime.timedelta(days=6)).isoformat())
    person.fill(person.gettext("Discharge date"), (today - datetime.timedelta(days=2)).isoformat())
    person.fill(person.gettext("Diagnosis"), "急性阑尾炎")
    person.press(person.gettext("Open the claim"))
    claim = Claim.objects.latest("pk")
    expect(person.page.get_by_role("heading", level=1)).to_contain_text(claim.number)
    return claim


def upload_as_photographed(person: Person, claim: Claim) -> None:
    for kind, files in PHOTOGRAPHED.items():
        person.send_files(label(person, kind), files(), button=person.gettext("Upload"))
        expect(files_of(person, kind)).to_have_count(len(files()))
    for kind, files in PHOTOGRAPHED.items():
        names = [file["name"] for file in files()]
        expect(files_of(person, kind)).to_have_text([re.compile(re.escape(n)) for n in names])
        assert [(d.file_number, d.version) for d in documents_of(claim).filter(kind=kind)] == [
            (n, 1) for n in range(1, len(names) + 1)
        ]


def submit(person: Person) -> None:
    person.fill(person.gettext("Bank"), BANK, exact=True)
    person.fill(person.gettext("Bank account number"), ACCOUNT, exact=True)
    person.press(person.gettext("Submit to the municipal center"))
    expect(person.page.get_by_role("heading", level=1)).to_contain_text(
        person.gettext(State.SUBMITTED.label)
    )


def bad_expense_list() -> bytes:
    """Format errors and an unknown code, on different lines."""
    return (
        "catalogue,code,quantity,unit_price,name\r\n"
        "facilities,110900004,7,20.00,急诊观察床位\r\n"
        "drugs,XJ01DDT101,-10,12.00,注射用头孢曲松钠\r\n"
        "treatments,999999999,1,20.00,不在目录的项目\r\n"
        "medicines,XC10AAA211,14,3.5x,阿托伐他汀钙片\r\n"
    ).encode()


def review_and_pay(chen: Person, claim: Claim) -> None:
    find_in_the_inbox(chen, claim)

    chen.select(chen.gettext("Catalogue"), chen.gettext(Catalogue.TREATMENTS.label))
    chen.fill(chen.gettext("Code"), "250101001")
    chen.fill(chen.gettext("Quantity"), "2")
    chen.fill(chen.gettext("Unit price (yuan)"), "20.00")
    chen.press(chen.gettext("Add the line"))
    expect(chen.page.locator("#lines tbody tr")).to_have_count(1)

    import_list = chen.gettext("Expense list (CSV)")
    chen.send_files(
        import_list, expense_list("明细.csv", bad_expense_list()), button=chen.gettext("Import")
    )
    errors = chen.page.locator("#lines .errors")
    for line, column, message, params in [
        (3, "quantity", expense_csv.QUANTITY_NOT_POSITIVE, {"value": "-10"}),
        (5, "catalogue", expense_csv.UNKNOWN_CATALOGUE, {"value": "medicines"}),
        (5, "unit_price", catalogue_csv.NOT_A_PRICE, {"value": "3.5x"}),
    ]:
        expect(errors).to_contain_text(row_problem(chen, line, column, message, **params))
    unknown = chen.gettext(lines.ROW_UNKNOWN_CODE) % {
        "line": 4,
        "catalogue": chen.gettext(Catalogue.TREATMENTS.label),
        "code": "999999999",
    }
    expect(errors).to_contain_text(unknown)
    expect(chen.page.locator("#lines tbody tr")).to_have_count(1)  # nothing imported

    chen.send_files(
        import_list, expense_list("明细.csv", bill_csv()), button=chen.gettext("Import")
    )
    expect(chen.page.locator("#lines tbody tr")).to_have_count(len(BILL))
    chen.press(chen.gettext("Calculate the reimbursement"))
    chen.page.get_by_label(chen.gettext(Decision.APPROVE.label)).check()
    chen.press(chen.gettext("Record my decision"))
    claim.refresh_from_db()
    assert claim.state == State.APPROVED

    chen.follow(claim.number)
    chen.fill(chen.gettext("Payment reference"), REFERENCE)
    chen.press(chen.gettext("Mark as paid"))
    claim.refresh_from_db()
    assert claim.state == State.PAID


def read_why_and_download_the_statement(person: Person, claim: Claim) -> None:
    person.follow(person.gettext("Home"))
    person.follow(person.gettext("My claims"))
    person.follow(claim.number)
    calculation = person.page.locator("#calculation")
    explanations = claim.calculation["explanations"][person.language]
    assert explanations
    for explanation in explanations.values():
        expect(calculation).to_contain_text(explanation)
    statement = person.download_pdf_text(person.gettext("Reimbursement statement (PDF)"))
    for value in (claim.number, "王强", REFERENCE, HOSPITAL):
        assert squeeze(value) in statement


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_emergency_claim_sent_from_a_phone_is_reviewed_paid_and_explained(
    visit, demo_cases, language
):
    wang = visit(PHONE)
    wang.start_signed_in(WANG, language=language)
    claim = open_emergency_claim(wang)
    chooser = wang.page.get_by_label(label(wang, Document.INVOICES), exact=True)
    expect(chooser).to_have_attribute("multiple", "")
    expect(chooser).to_have_attribute("accept", "application/pdf,image/jpeg,image/png")
    upload_as_photographed(wang, claim)
    submit(wang)

    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language=language)
    review_and_pay(chen, claim)

    read_why_and_download_the_statement(wang, claim)


def test_a_hostile_file_among_good_ones_refuses_the_whole_upload_naming_each(visit, demo_cases):
    claim = Claim.objects.get(person__resident_id=ZHANG)
    before = documents_of(claim).count()
    zhang = visit(PHONE)
    zhang.start_signed_in(ZHANG, language="zh-hans")
    zhang.follow("我的报销申请")
    zhang.follow(claim.number)
    files = handed_over(
        picture("发票-1.jpg"),
        upload("发票-2.pdf", b"MZ\x90\x00" + b"\x00" * 64),
        upload("发票-3.pdf", b"<html><body>invoice</body></html>"),
        pdf("发票-4.pdf"),
        upload("发票-5.png", b""),
        png_claiming(60_000, 60_000, name="发票-6.png"),
        upload("发票-7.pdf", PDF[:30]),
    )
    zhang.send_files(label(zhang, Document.INVOICES), files, button="上传")
    refusals = zhang.page.locator(".messages")
    for message, name in [
        (validation.PROGRAM_NOT_DOCUMENT, "发票-2.pdf"),
        (validation.NOT_ACCEPTED, "发票-3.pdf"),
        (validation.EMPTY_FILE, "发票-5.png"),
        (validation.IMAGE_TOO_LARGE, "发票-6.png"),
        (validation.PDF_INCOMPLETE, "发票-7.pdf"),
    ]:
        expect(refusals).to_contain_text(str(message) % {"name": name, "limit": 50})
    expect(refusals).not_to_contain_text("发票-1.jpg")
    expect(refusals).not_to_contain_text("发票-4.pdf")
    assert documents_of(claim).count() == before


def test_replacing_one_invoice_adds_a_version_of_that_invoice_only(visit, demo_cases):
    claim = Claim.objects.get(person__resident_id=ZHANG)
    zhang = visit(PHONE)
    zhang.start_signed_in(ZHANG, language="zh-hans")
    zhang.follow("我的报销申请")
    zhang.follow(claim.number)
    invoices = label(zhang, Document.INVOICES)
    zhang.send_files(
        invoices, handed_over(picture("发票-1.jpg"), picture("发票-2.jpg")), button="上传"
    )
    zhang.disclose("替换“发票-2.jpg”")
    zhang.send_files("“发票-2.jpg”的新版本", handed_over(pdf("发票-2-清晰.pdf")), button="上传")
    expect(files_of(zhang, Document.INVOICES)).to_have_text(
        [re.compile("发票-1.jpg"), re.compile(r"发票-2-清晰\.pdf.*第2版.*1个较早版本", re.S)]
    )
    kept = documents_of(claim).filter(kind=Document.INVOICES)
    assert [(d.original_name, d.file_number, d.version) for d in kept] == [
        ("发票-1.jpg", 1, 1),
        ("发票-2.jpg", 2, 1),
        ("发票-2-清晰.pdf", 2, 2),
    ]
