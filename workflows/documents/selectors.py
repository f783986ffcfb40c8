"""Reads of documents: a case's files, and its checklist with every file of each item and every
version of each file."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType as CaseType
from django.db.models import QuerySet

from .choices import Kind, holds_several_files
from .models import Document


@dataclass
class DocumentFile:
    """One file of a checklist item and its versions, oldest first: the latest is the one that
    counts, the earlier ones stay in the record."""

    number: int
    versions: list[Document] = field(default_factory=list)

    @property
    def latest(self) -> Document:
        return self.versions[-1]

    @property
    def earlier(self) -> list[Document]:
        """The versions it replaced, the most recent first."""
        return self.versions[-2::-1]


@dataclass
class ChecklistItem:
    """One item a case asks for, and the files uploaded for it (in the order they were added)."""

    kind: Kind
    required: bool
    files: list[DocumentFile] = field(default_factory=list)

    @property
    def holds_several(self) -> bool:
        return holds_several_files(self.kind)

    @property
    def missing(self) -> bool:
        return self.required and not self.files

    @property
    def documents(self) -> list[Document]:
        """Every version of every file."""
        return [document for file in self.files for document in file.versions]

    def added_to_since(self, moment: datetime.datetime) -> bool:
        """Whether a file or a version of one was uploaded for this item at ``moment`` or after."""
        return any(document.uploaded_at >= moment for document in self.documents)


def documents_of(case) -> QuerySet[Document]:
    """Every document of ``case``, by checklist item, then file, then version."""
    return Document.objects.filter(
        case_type=CaseType.objects.get_for_model(case, for_concrete_model=True), case_id=case.pk
    ).order_by("kind", "file_number", "version")


def document_of(case, pk: int) -> Document | None:
    """The document ``pk`` if it belongs to ``case`` (checked, so no id reaches another case)."""
    return documents_of(case).filter(pk=pk).first()


def checklist(
    case, *, required: Iterable[str], optional: Iterable[str] = ()
) -> list[ChecklistItem]:
    """The case's checklist in the order given, each item with its files and their versions."""
    items = {kind: ChecklistItem(Kind(kind), True) for kind in required}
    items.update({kind: ChecklistItem(Kind(kind), False) for kind in optional})
    for document in documents_of(case).select_related("uploaded_by"):
        item = items.get(document.kind)
        if item is None:
            continue
        if not item.files or item.files[-1].number != document.file_number:
            item.files.append(DocumentFile(document.file_number))
        item.files[-1].versions.append(document)
    return list(items.values())
