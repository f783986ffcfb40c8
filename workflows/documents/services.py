"""Writes of documents: a file uploaded to a case, recorded as the next version of its
checklist item with the case's step, for every case type alike."""

from collections.abc import Callable, Collection

from django.contrib.contenttypes.models import ContentType as CaseType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from workflows import clock
from workflows.audit.models import Action
from workflows.audit.services import step_record
from workflows.registry.models import User
from workflows.registry.selectors import actor_of

from .choices import Kind
from .models import Document
from .selectors import documents_of
from .storage import StoredFile, stored
from .validation import check_upload

MAX_PER_CASE = 40

TOO_MANY = _(
    "This case already has %(count)s documents, the most it may have. Nothing was uploaded."
)
KIND_NOT_ASKED = _("Choose which document of the checklist this file is.")
UPLOAD_NOTE = _("%(document)s: %(name)s (version %(version)s)")


def document_upload(
    *,
    model,
    case_id: int,
    locked: Callable,
    check: Callable,
    kinds_of: Callable,
    kind: str,
    upload: UploadedFile,
    by: User,
    ip_address: str | None = None,
) -> Document:
    """Add a version of one checklist item of the case ``case_id`` of ``model``.

    ``check(case)`` raises when ``by`` may not add to the case as it stands, and
    ``kinds_of(case)`` names the kinds it holds. The cheap refusals come first, so no file is
    written for them; then the file is checked, written, and recorded with its step under the
    case's lock (``locked(case_id)``), where ``check`` runs again. If the record does not
    commit, the file is deleted again (``storage.stored``).
    """
    case = model.objects.get(pk=case_id)
    check(case)
    if kind not in kinds_of(case):
        raise ValidationError({"kind": ValidationError(KIND_NOT_ASKED, code="kind")})
    check_room_for_one_more(case)
    checked = check_upload(upload)
    with stored(checked) as stored_file, transaction.atomic():
        case = locked(case_id)
        check(case)
        document = document_add(
            case=case, kind=kind, stored=stored_file, by=by, kinds=kinds_of(case)
        )
        note = str(UPLOAD_NOTE) % {
            "document": Kind(document.kind).label,
            "name": document.original_name,
            "version": document.version,
        }
        step_record(
            case=case,
            actor=actor_of(by),
            action=Action.UPLOAD,
            state_before=case.state,
            opinion=note,
            ip_address=ip_address,
        )
    return document


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
