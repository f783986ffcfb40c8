"""Files are stored under random names, each file of a kind and each version of a file kept; no
row without its file, and no file without its row."""

import datetime
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction

from tests.files import pdf, picture
from workflows import clock
from workflows.documents import services, storage
from workflows.documents.models import Document
from workflows.documents.selectors import checklist, documents_of
from workflows.documents.storage import stored
from workflows.documents.validation import check_upload
from workflows.registry.models import InsuredPerson, User

KINDS = ("invoices", "expense_list", "diagnosis", "other")


@pytest.fixture
def case(demo, media):
    """Any saved model stands for a case here: documents attach by content type and id."""
    return InsuredPerson.objects.get(name="黄小红")


@pytest.fixture
def uploader(demo):
    return User.objects.get(username="unit_sun")


def add(case, uploader, kind="invoices", file=None, replaces=None):
    checked = check_upload(file or pdf())
    with stored(checked) as stored_file, transaction.atomic():
        return services.document_add(
            case=case, kind=kind, stored=stored_file, by=uploader, kinds=KINDS, replaces=replaces
        )


def files_on_disk(media) -> list[str]:
    return sorted(
        os.path.relpath(os.path.join(folder, name), media)
        for folder, _dirs, names in os.walk(media)
        for name in names
    )


def test_a_document_is_stored_under_a_random_name_in_the_private_folder(case, uploader, media):
    document = add(case, uploader, file=pdf("发票 2026.pdf"))
    assert files_on_disk(media) == [document.stored_name]
    assert document.stored_name.startswith("documents/")
    assert "发票" not in document.stored_name and "." not in document.stored_name
    assert len(document.stored_name.rsplit("/", 1)[1]) == 32
    assert document.original_name == "发票 2026.pdf"
    assert (media / document.stored_name).read_bytes() == pdf().read()


def test_each_upload_to_a_kind_of_several_files_is_a_file_of_its_own(case, uploader, media):
    first = add(case, uploader)
    second = add(case, uploader, file=picture("invoice.jpg"))
    other = add(case, uploader, kind="expense_list")
    assert [(d.file_number, d.version) for d in (first, second, other)] == [(1, 1), (2, 1), (1, 1)]
    assert len(files_on_disk(media)) == 3
    items = checklist(case, required=["invoices", "expense_list"], optional=["other"])
    assert [(i.kind, [f.number for f in i.files], i.missing) for i in items] == [
        ("invoices", [1, 2], False),
        ("expense_list", [1], False),
        ("other", [], False),
    ]
    assert [f.latest for f in items[0].files] == [first, second]


def test_replacing_one_file_adds_a_version_of_that_file_only(case, uploader, media):
    first = add(case, uploader)
    second = add(case, uploader)
    clearer = add(case, uploader, file=picture("清晰.jpg"), replaces=second.pk)
    again = add(case, uploader, file=picture("更清晰.jpg"), replaces=second.pk)
    assert [(d.file_number, d.version) for d in (first, second, clearer, again)] == [
        (1, 1),
        (2, 1),
        (2, 2),
        (2, 3),
    ]
    (item,) = checklist(case, required=["invoices"])
    assert [[d.version for d in f.versions] for f in item.files] == [[1], [1, 2, 3]]
    assert item.files[1].latest == again
    assert item.files[1].earlier == [clearer, second]
    assert len(files_on_disk(media)) == 4


def test_uploading_a_kind_of_one_file_again_adds_a_version_of_it(case, uploader, media):
    first = add(case, uploader, kind="diagnosis")
    second = add(case, uploader, kind="diagnosis", file=picture("诊断证明.jpg"))
    assert [(d.file_number, d.version) for d in (first, second)] == [(1, 1), (1, 2)]
    (item,) = checklist(case, required=["diagnosis"])
    assert len(item.files) == 1 and item.files[0].latest == second


def test_a_file_of_another_kind_or_case_is_not_replaced(case, uploader, media):
    invoice = add(case, uploader)
    elsewhere = add(InsuredPerson.objects.get(name="王强"), uploader)
    for replaces in (invoice.pk, elsewhere.pk):
        kind = "expense_list" if replaces == invoice.pk else "invoices"
        with pytest.raises(ValidationError) as refused:
            add(case, uploader, kind=kind, replaces=replaces)
        assert refused.value.messages == [str(services.NO_SUCH_FILE)]
    assert len(files_on_disk(media)) == 2


def test_documents_are_never_changed_or_deleted(case, uploader):
    document = add(case, uploader)
    document.original_name = "other.pdf"
    with pytest.raises(ValueError):
        document.save()
    with pytest.raises(ValueError):
        document.delete()


@pytest.mark.postgres
def test_postgresql_refuses_to_update_or_delete_a_document(case, uploader):
    document = add(case, uploader)
    from django.db import InternalError, ProgrammingError

    for statement in ("UPDATE documents_document SET size = 1", "DELETE FROM documents_document"):
        with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
            connection.cursor().execute(statement)
    assert Document.objects.get(pk=document.pk).size == document.size


def test_a_row_that_fails_leaves_no_file(case, uploader, media, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Document.objects, "create", fail)
    with pytest.raises(RuntimeError):
        add(case, uploader)
    assert files_on_disk(media) == []


def test_a_refused_row_leaves_no_file(case, uploader, media):
    with pytest.raises(ValidationError):
        add(case, uploader, kind="prescription")  # not on this case's checklist
    assert files_on_disk(media) == []
    assert not documents_of(case).exists()


def test_a_file_that_cannot_be_written_leaves_no_row(case, uploader, media, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(type(storage.document_storage()), "save", fail)
    with pytest.raises(OSError):
        add(case, uploader)
    assert not documents_of(case).exists()


def test_at_most_forty_documents_per_case(case, uploader, media):
    for _ in range(services.MAX_PER_CASE):
        add(case, uploader, kind="other")
    with pytest.raises(ValidationError) as refused:
        add(case, uploader)
    assert refused.value.messages == [str(services.TOO_MANY) % {"count": 40}]
    assert len(files_on_disk(media)) == services.MAX_PER_CASE


def test_the_sweep_deletes_old_files_without_a_row_and_nothing_else(case, uploader, media):
    kept = add(case, uploader)
    orphan = media / "documents" / "ab" / ("ab" + "0" * 30)
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"%PDF-")
    young = media / "documents" / "cd" / ("cd" + "0" * 30)
    young.parent.mkdir(parents=True, exist_ok=True)
    young.write_bytes(b"%PDF-")
    old = (clock.now() - datetime.timedelta(hours=2)).timestamp()
    os.utime(orphan, (old, old))
    os.utime(media / kept.stored_name, (old, old))
    call_command("sweep_documents", verbosity=0)
    assert files_on_disk(media) == sorted([kept.stored_name, str(young.relative_to(media))])


def test_the_download_name_carries_the_real_type(case, uploader):
    assert add(case, uploader, file=pdf("发票.PDF")).download_name == "发票.PDF"
    assert add(case, uploader, file=pdf("发票")).download_name == "发票.pdf"
    assert add(case, uploader, file=picture("scan.exe")).download_name == "scan.exe.jpg"
