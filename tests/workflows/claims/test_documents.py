"""Uploading a claim's documents through its page: every refusal says why and stores nothing."""

import os

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from tests.files import PDF, pdf, picture, png_claiming, upload
from tests.pages import sign_in
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.claims import services
from workflows.claims.choices import State
from workflows.documents import services as document_services
from workflows.documents import validation
from workflows.documents.selectors import documents_of

from .conftest import HUANG, open_emergency, submit, upload_required


@pytest.fixture
def claim(world):
    return open_emergency(world)


def files_in(media) -> list[str]:
    return [name for _folder, _dirs, names in os.walk(media) for name in names]


def upload_on_the_page(client, claim, file, kind="invoices") -> str:
    url = reverse("claims:upload", args=[claim.pk])
    response = client.post(url, {"kind": kind, "file": file}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


BAD_FILES = [
    (lambda: upload("发票.pdf", b"MZ\x90\x00" + b"\x00" * 64), validation.PROGRAM_NOT_DOCUMENT),
    (lambda: upload("发票.pdf", b"<html><body>invoice</body></html>"), validation.NOT_ACCEPTED),
    (lambda: upload("发票.pdf", b"PK\x03\x04" + b"\x00" * 64), validation.NOT_ACCEPTED),
    (lambda: upload("发票.pdf", b""), validation.EMPTY_FILE),
    (lambda: upload("发票.pdf", PDF[:30]), validation.PDF_INCOMPLETE),
    (lambda: png_claiming(60_000, 60_000, name="发票.pdf"), validation.IMAGE_TOO_LARGE),
]


@pytest.mark.parametrize(("make", "message"), BAD_FILES)
def test_a_refused_file_is_named_with_the_reason_and_nothing_is_stored(
    client, claim, media, make, message
):
    sign_in(client, HUANG, "en")
    page = upload_on_the_page(client, claim, make())
    assert escape(str(message) % {"name": "发票.pdf", "limit": 50}) in page
    assert not documents_of(claim).exists()
    assert files_in(media) == []
    assert [r.action for r in step_records_of(claim)] == [Action.CREATE]


def test_an_oversized_file_is_refused_before_anything_is_written(client, claim, media):
    sign_in(client, HUANG)
    page = upload_on_the_page(client, claim, pdf("大文件.pdf", size=validation.MAX_BYTES + 1))
    assert "大文件.pdf" in page and "10.0" in page
    assert files_in(media) == []


def test_a_good_upload_is_listed_with_its_version_and_recorded(client, claim, media):
    sign_in(client, HUANG)
    upload_on_the_page(client, claim, pdf("发票一.pdf"))
    page = upload_on_the_page(client, claim, picture("发票二.png", kind="PNG"))
    assert "发票一.pdf" in page and "发票二.png" in page
    assert [d.version for d in documents_of(claim)] == [1, 2]
    assert len(files_in(media)) == 2
    upload_record = step_records_of(claim).last()
    assert upload_record.action == Action.UPLOAD and "发票二.png" in upload_record.opinion


def test_a_document_the_checklist_does_not_ask_for_is_refused(claim, media):
    with pytest.raises(ValidationError):
        services.claim_add_document(
            claim_id=claim.pk, kind="prescription", upload=pdf(), by=claim.person.user
        )
    assert files_in(media) == []


def test_the_forty_first_document_is_refused_and_the_forty_are_kept(claim, media):
    for _ in range(document_services.MAX_PER_CASE):
        services.claim_add_document(
            claim_id=claim.pk, kind="other", upload=pdf(), by=claim.person.user
        )
    with pytest.raises(ValidationError) as refused:
        services.claim_add_document(
            claim_id=claim.pk, kind="invoices", upload=pdf(), by=claim.person.user
        )
    assert refused.value.messages == [str(document_services.TOO_MANY) % {"count": 40}]
    assert len(files_in(media)) == 40


def test_no_documents_are_added_once_submitted(claim, media):
    upload_required(claim)
    submit(claim)
    with pytest.raises(ValidationError) as refused:
        services.claim_add_document(
            claim_id=claim.pk, kind="other", upload=pdf(), by=claim.person.user
        )
    assert refused.value.code == services.ALREADY_HANDLED_CODE
    assert len(files_in(media)) == 4


def test_a_claim_is_not_submitted_while_a_required_document_is_missing(claim):
    services.claim_add_document(
        claim_id=claim.pk, kind="invoices", upload=pdf(), by=claim.person.user
    )
    with pytest.raises(ValidationError) as refused:
        submit(claim)
    (message,) = refused.value.message_dict["__all__"]
    assert "急诊住院病历" in message and "费用明细清单" in message and "发票" not in message
    claim.refresh_from_db()
    assert claim.state == State.DRAFT


@pytest.mark.parametrize(
    ("field", "details"),
    [
        ("payee", {"payee": " "}),
        ("bank_name", {"bank_name": ""}),
        ("bank_account", {"bank_account": "6222-02"}),
        ("bank_account", {"bank_account": "6222abc020200001"}),
    ],
)
def test_payment_details_are_checked_on_submission(claim, field, details):
    upload_required(claim)
    values = {"payee": "黄小红", "bank_name": "中国银行", "bank_account": "6216 6100 0001 2345"}
    values.update(details)
    with pytest.raises(ValidationError) as refused:
        services.claim_submit(claim_id=claim.pk, by=claim.person.user, **values)
    assert list(refused.value.message_dict) == [field]


def test_the_account_is_stored_as_digits(claim):
    upload_required(claim)
    claim = submit(claim)
    assert claim.bank_account == "6222020200001234567"
