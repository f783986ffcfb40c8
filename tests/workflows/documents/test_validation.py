"""Every upload is checked by its content: only real PDFs, JPEGs and PNGs of sane size pass."""

import os

import pytest
from django.core.exceptions import ValidationError

from tests.files import PDF, pdf, picture, png_claiming, upload
from tests.pages import said
from workflows.documents import validation
from workflows.documents.choices import ContentType
from workflows.documents.uploads import CappedTemporaryFileUploadHandler
from workflows.documents.validation import check_upload, display_name


def refusal(file) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(file)
    return caught.value


@pytest.mark.parametrize(
    ("file", "content_type"),
    [
        (pdf(), ContentType.PDF),
        (picture("scan.jpg"), ContentType.JPEG),
        (picture("scan.png", kind="PNG"), ContentType.PNG),
        (picture("no-extension", kind="PNG"), ContentType.PNG),
    ],
)
def test_pdfs_jpegs_and_pngs_pass_with_their_type_read_from_the_content(file, content_type):
    checked = check_upload(file)
    assert checked.content_type == content_type
    assert checked.size == file.size
    assert len(checked.sha256) == 64


def test_a_renamed_program_is_refused_as_a_program():
    error = refusal(upload("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200))
    assert error.messages == [said(validation.PROGRAM_NOT_DOCUMENT, name="invoice.pdf")]
    elf = refusal(upload("scan.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 100))
    assert elf.code == "type"


def test_a_pdf_that_is_really_html_is_refused():
    error = refusal(upload("invoice.pdf", b"<!DOCTYPE html><html><script>alert(1)</script>"))
    assert error.messages == [said(validation.NOT_ACCEPTED, name="invoice.pdf")]


@pytest.mark.parametrize(
    "content", [b"GIF89a\x01\x00\x01\x00", b"PK\x03\x04word", b"plain text", b"{\\rtf1"]
)
def test_other_types_are_refused_whatever_their_name(content):
    assert refusal(upload("receipt.jpg", content)).code == "type"


def test_an_empty_file_is_refused():
    error = refusal(upload("empty.pdf", b""))
    assert error.messages == [said(validation.EMPTY_FILE, name="empty.pdf")]


def test_a_file_over_10_mb_is_refused_and_one_of_10_mb_passes():
    assert check_upload(pdf(size=validation.MAX_BYTES)).size == validation.MAX_BYTES
    error = refusal(pdf("big.pdf", size=validation.MAX_BYTES + 1))
    assert error.code == "too_large"
    assert "big.pdf" in error.messages[0] and "10.0" in error.messages[0]


def test_a_pdf_that_does_not_end_like_one_is_refused():
    error = refusal(upload("cut.pdf", PDF[:40]))
    assert error.messages == [said(validation.PDF_INCOMPLETE, name="cut.pdf")]


@pytest.mark.parametrize("size", [(100_000, 100_000), (8_000, 7_000)])
def test_a_decompression_bomb_is_refused_not_opened(size):
    error = refusal(png_claiming(*size))
    assert error.code == "pixels"
    limit = validation.MAX_PIXELS // 1_000_000
    assert error.messages == [said(validation.IMAGE_TOO_LARGE, name="bomb.png", limit=limit)]


def test_a_picture_within_the_pixel_limit_passes():
    assert check_upload(png_claiming(4_000, 3_000)).content_type == ContentType.PNG


def test_a_damaged_picture_is_refused():
    broken = upload("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 20)
    error = refusal(broken)
    assert error.messages == [said(validation.IMAGE_DAMAGED, name="photo.png", type="PNG")]
    assert refusal(upload("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 10)).code == "damaged"


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("C:\\fakepath\\发票.pdf", "发票.pdf"),
        ("../../etc/passwd", "passwd"),
        ("a\x00b\nc.pdf", "abc.pdf"),
        ("", "document"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
    ],
)
def test_the_shown_name_has_no_folder_and_no_control_characters(given, shown):
    assert display_name(given) == shown


def test_an_oversized_upload_is_not_stored_beyond_the_limit_but_keeps_its_size():
    handler = CappedTemporaryFileUploadHandler()
    handler.new_file("file", "big.pdf", "application/pdf", None)
    sent = 0
    for start in range(0, validation.MAX_BYTES + 3 * 65536, 65536):
        handler.receive_data_chunk(b"x" * 65536, start)
        sent += 65536
    upload = handler.file_complete(sent)
    assert upload.size == sent > validation.MAX_BYTES
    assert os.path.getsize(upload.temporary_file_path()) == validation.MAX_BYTES + 1
    error = refusal(upload)
    assert error.code == "too_large"
