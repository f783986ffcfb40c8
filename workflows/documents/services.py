"""Writes of documents: the row of a stored file, as the next version of its checklist item."""

from collections.abc import Collection

from django.contrib.contenttypes.models import ContentType as CaseType
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from workflows import clock
from workflows.registry.models import User

from .models import Document
from .selectors import documents_of
from .storage import StoredFile

MAX_PER_CASE = 40

TOO_MANY = _(
    "This case already has %(count)s documents, the most it may have. Nothing was uploaded."
)
KIND_NOT_ASKED = _("Choose which document of the checklist this file is.")


def check_room_for_one_more(case, *, limit: int = MAX_PER_CASE) -> None:
    """ValidationError when ``case`` already holds ``limit`` documents."""
    count = documents_of(case).count()
    if count >= limit:
        raise ValidationError(TOO_MANY, code="too_many", params={"count": count})


def document_add(
    *,
    case,
    kind: str,
    stored: StoredFile,
    by: User,
    kinds: Collection[str],
    limit: int = MAX_PER_CASE,
) -> Document:
    """Record ``stored`` as the next version of ``kind`` for ``case``.

    The caller has locked the case's row, so two uploads to one case are counted and numbered
    one after the other; the unique version constraint is the last guard.
    """
    if kind not in kinds:
        raise ValidationError({"kind": ValidationError(KIND_NOT_ASKED, code="kind")})
    check_room_for_one_more(case, limit=limit)
    last = documents_of(case).filter(kind=kind).aggregate(last=Max("version"))["last"] or 0
    upload = stored.upload
    return Document.objects.create(
        case_type=CaseType.objects.get_for_model(case, for_concrete_model=True),
        case_id=case.pk,
        kind=kind,
        version=last + 1,
        original_name=upload.original_name,
        stored_name=stored.name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
        uploaded_by=by,
        uploaded_at=clock.now(),
    )
