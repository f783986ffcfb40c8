"""Uploading a claim's documents through its page: every refusal says why and stores nothing."""

import os

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from tests.files import PDF, pdf, picture, png_claiming, upload
from tests.pages import said, sign_in
from tests.workflows.referrals.conftest import open_referral
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.claims import rules, services
from workflows.claims.choices import State
from workflows.documents import services as document_services
from workflows.documents import validation
from workflows.documents import views as document_upload_views
from workflows.documents.selectors import documents_of
from workflows.documents.storage import document_storage

from .conftest import HUANG, open_emergency, open_referral_claim, submit, upload_required


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


def test_a_good_upload_is_listed_as_a_file_of_its_own_and_recorded(client, claim, media):
    sign_in(client, HUANG)
    upload_on_the_page(client, claim, pdf("发票一.pdf"))
    page = upload_on_the_page(client, claim, picture("发票二.png", kind="PNG"))
    assert "发票一.pdf" in page and "发票二.png" in page
    assert [(d.file_number, d.version) for d in documents_of(claim)] == [(1, 1), (2, 1)]
    assert len(files_in(media)) == 2
    upload_record = step_records_of(claim).last()
    assert upload_record.action == Action.UPLOAD and "发票二.png" in upload_record.opinion
    expected = document_services.FILE_NOTE % {"document": "发票", "name": "发票二.png", "number": 2}
    assert upload_record.opinion == expected


def test_several_files_sent_from_the_page_are_each_listed_and_named_in_one_message(
    client, claim, media
):
    sign_in(client, HUANG, "en")
    url = reverse("claims:upload", args=[claim.pk])
    files = [pdf("invoice-1.pdf"), picture("invoice-2.jpg")]
    page = client.post(url, {"kind": "invoices", "file": files}, follow=True).content.decode()
    message = said(
        document_upload_views.FILES_UPLOADED,
        language="en",
        document="Invoices",
        count=2,
        names="“invoice-1.pdf”, “invoice-2.jpg”",
    )
    assert escape(message) in page
    assert [(d.file_number, d.version) for d in documents_of(claim)] == [(1, 1), (2, 1)]


def add(claim, kind, *uploads, replaces=None):
    return services.claim_add_documents(
        claim_id=claim.pk, kind=kind, uploads=list(uploads), replaces=replaces, by=claim.person.user
    )


def test_several_files_at_once_are_each_a_file_with_a_step_record_of_its_own(claim, media):
    documents = add(claim, "invoices", pdf("发票1.pdf"), picture("发票2.jpg"), pdf("发票3.pdf"))
    assert [(d.original_name, d.file_number, d.version) for d in documents] == [
        ("发票1.pdf", 1, 1),
        ("发票2.jpg", 2, 1),
        ("发票3.pdf", 3, 1),
    ]
    uploads = [r.opinion for r in step_records_of(claim) if r.action == Action.UPLOAD]
    assert uploads == [
        str(document_services.FILE_NOTE) % {"document": "发票", "name": n, "number": i}
        for i, n in enumerate(("发票1.pdf", "发票2.jpg", "发票3.pdf"), start=1)
    ]
    assert len(files_in(media)) == 3


def test_a_batch_with_a_refused_file_stores_none_and_names_each_refused_file(claim, media):
    with pytest.raises(ValidationError) as refused:
        add(
            claim,
            "invoices",
            pdf("好.pdf"),
            upload("坏.pdf", b"MZ\x90\x00" + b"\x00" * 64),
            upload("空.png", b""),
        )
    assert refused.value.messages == [
        str(document_services.SOME_REFUSED) % {"refused": 2, "count": 3},
        str(validation.PROGRAM_NOT_DOCUMENT) % {"name": "坏.pdf"},
        str(validation.EMPTY_FILE) % {"name": "空.png"},
    ]
    assert not documents_of(claim).exists()
    assert files_in(media) == []
    assert [r.action for r in step_records_of(claim)] == [Action.CREATE]


def test_a_batch_whose_records_do_not_commit_leaves_no_file(claim, media, monkeypatch):
    recorded = []

    def record_then_fail(*args, **kwargs):
        recorded.append(kwargs)
        if len(recorded) == 2:
            raise RuntimeError("the database went away")

    monkeypatch.setattr(document_services, "step_record", record_then_fail)
    with pytest.raises(RuntimeError):
        add(claim, "invoices", pdf("一.pdf"), pdf("二.pdf"), pdf("三.pdf"))
    assert not documents_of(claim).exists()
    assert files_in(media) == []


def test_a_batch_whose_third_file_cannot_be_written_leaves_neither_files_nor_rows(
    claim, media, monkeypatch
):
    storage = type(document_storage())
    save = storage.save
    calls = []

    def save_twice(self, *args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise OSError("disk full")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(storage, "save", save_twice)
    with pytest.raises(OSError):
        add(claim, "invoices", pdf("一.pdf"), pdf("二.pdf"), pdf("三.pdf"))
    assert not documents_of(claim).exists()
    assert files_in(media) == []


def test_replacing_one_invoice_adds_a_version_of_that_invoice_only(claim, media):
    _first, second = add(claim, "invoices", pdf("发票1.pdf"), pdf("发票2.pdf"))
    (clearer,) = add(claim, "invoices", picture("发票2-清晰.jpg"), replaces=second.pk)
    assert (clearer.file_number, clearer.version) == (2, 2)
    assert [(d.file_number, d.version) for d in documents_of(claim)] == [(1, 1), (2, 1), (2, 2)]
    assert step_records_of(claim).last().opinion == str(document_services.FILE_VERSION_NOTE) % {
        "document": "发票",
        "name": "发票2-清晰.jpg",
        "number": 2,
        "version": 2,
    }


@pytest.mark.parametrize(
    ("kind", "uploads", "replaces", "message", "params"),
    [
        ("medical_record_certificate", 2, False, document_services.ONE_FILE_ONLY, True),
        ("invoices", 2, True, document_services.ONE_FILE_REPLACES, False),
        ("invoices", 0, False, document_services.NO_FILE, False),
    ],
)
def test_how_many_files_an_upload_may_have(world, media, kind, uploads, replaces, message, params):
    claim = (
        open_emergency(world) if kind == "invoices" else open_referral_claim(open_referral(world))
    )
    (existing,) = add(claim, kind, pdf())
    with pytest.raises(ValidationError) as refused:
        add(
            claim,
            kind,
            *[pdf() for _ in range(uploads)],
            replaces=existing.pk if replaces else None,
        )
    shown = {"document": "病历证明"} if params else {}
    assert refused.value.messages == [str(message) % shown if shown else str(message)]
    assert len(files_in(media)) == 1


def test_a_batch_larger_than_the_room_left_is_refused_whole(claim, media):
    add(claim, "other", *[pdf() for _ in range(document_services.MAX_PER_CASE - 2)])
    with pytest.raises(ValidationError) as refused:
        add(claim, "invoices", pdf(), pdf(), pdf())
    params = {"count": 38, "limit": 40, "room": 2, "chosen": 3}
    assert refused.value.messages == [str(document_services.NOT_ENOUGH_ROOM) % params]
    assert len(files_in(media)) == 38


def test_a_document_the_checklist_does_not_ask_for_is_refused(claim, media):
    with pytest.raises(ValidationError):
        services.claim_add_documents(
            claim_id=claim.pk, kind="prescription", uploads=[pdf()], by=claim.person.user
        )
    assert files_in(media) == []


def test_the_forty_first_document_is_refused_and_the_forty_are_kept(claim, media):
    for _ in range(document_services.MAX_PER_CASE):
        services.claim_add_documents(
            claim_id=claim.pk, kind="other", uploads=[pdf()], by=claim.person.user
        )
    with pytest.raises(ValidationError) as refused:
        services.claim_add_documents(
            claim_id=claim.pk, kind="invoices", uploads=[pdf()], by=claim.person.user
        )
    assert refused.value.messages == [str(document_services.TOO_MANY) % {"count": 40}]
    assert len(files_in(media)) == 40


def test_no_documents_are_added_once_submitted(claim, media):
    upload_required(claim)
    submit(claim)
    with pytest.raises(ValidationError) as refused:
        services.claim_add_documents(
            claim_id=claim.pk, kind="other", uploads=[pdf()], by=claim.person.user
        )
    assert refused.value.code == services.ALREADY_HANDLED_CODE
    assert len(files_in(media)) == 4


def test_a_claim_is_not_submitted_while_a_required_document_is_missing(claim):
    services.claim_add_documents(
        claim_id=claim.pk, kind="invoices", uploads=[pdf()], by=claim.person.user
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


@pytest.mark.parametrize("typed", ["", "   ", " - "])
def test_an_empty_bank_account_is_asked_for_not_quoted(claim, typed):
    upload_required(claim)
    values = {"payee": "黄小红", "bank_name": "中国银行", "bank_account": typed}
    with pytest.raises(ValidationError) as refused:
        services.claim_submit(claim_id=claim.pk, by=claim.person.user, **values)
    assert refused.value.message_dict["bank_account"] == [said(rules.BANK_ACCOUNT_REQUIRED)]


def test_a_wrong_bank_account_is_quoted_as_typed_without_its_spaces_around(claim):
    upload_required(claim)
    values = {"payee": "黄小红", "bank_name": "中国银行", "bank_account": " 6222-02 "}
    with pytest.raises(ValidationError) as refused:
        services.claim_submit(claim_id=claim.pk, by=claim.person.user, **values)
    assert refused.value.message_dict["bank_account"] == [
        said(rules.BAD_BANK_ACCOUNT, value="6222-02")
    ]
