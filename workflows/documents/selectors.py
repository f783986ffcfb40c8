"""Reads of documents: a case's files, and its checklist with every version of each item."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType as CaseType
from django.db.models import QuerySet

from .choices import Kind
from .models import Document


@dataclass
class ChecklistItem:
    """One item a case asks for, and the versions uploaded for it (oldest first)."""

    kind: Kind
    required: bool
    versions: list[Document] = field(default_factory=list)

    @property
    def latest(self) -> Document | None:
        return self.versions[-1] if self.versions else None

    @property
    def missing(self) -> bool:
        return self.required and not self.versions


def documents_of(case) -> QuerySet[Document]:
    """Every document of ``case``, by checklist item, then version."""
    return Document.objects.filter(
        case_type=CaseType.objects.get_for_model(case, for_concrete_model=True), case_id=case.pk
    ).order_by("kind", "version")


def document_of(case, pk: int) -> Document | None:
    """The document ``pk`` if it belongs to ``case`` (checked, so no id reaches another case)."""
    return documents_of(case).filter(pk=pk).first()


def checklist(
    case, *, required: Iterable[str], optional: Iterable[str] = ()
) -> list[ChecklistItem]:
    """The case's checklist in the order given, each item with its uploaded versions."""
    items = {kind: ChecklistItem(Kind(kind), True) for kind in required}
    items.update({kind: ChecklistItem(Kind(kind), False) for kind in optional})
    for document in documents_of(case).select_related("uploaded_by"):
        if document.kind in items:
            items[document.kind].versions.append(document)
    return list(items.values())
