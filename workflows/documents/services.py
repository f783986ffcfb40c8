"""Writes of documents: files uploaded to a case, each recorded as a new file of its checklist
item or as the next version of one file, with the case's step, for every case type alike."""

from collections.abc import Callable, Collection, Sequence
from contextlib import ExitStack

from django.contrib.contenttypes.models import ContentType as CaseType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from workflows import clock
from workflows.audit.models import Action
from workflows.audit.services import step_record
from workflows.registry.models import User
from workflows.registry.selectors import actor_of

from .choices import Kind, holds_several_files
from .models import Document
from .selectors import documents_of
from .storage import StoredFile, stored
from .validation import CheckedUpload, check_upload

MAX_PER_CASE = 40

TOO_MANY = _(
    "This case already has %(count)s documents, the most it may have. Nothing was uploaded."
)
NOT_ENOUGH_ROOM = _(
    "This case has %(count)s documents and may have %(limit)s: %(room)s more can be added, "
    "and %(chosen)s files were chosen. Nothing was uploaded."
)
KIND_NOT_ASKED = _("Choose which document of the checklist this file is.")
NO_FILE = _("Choose a file to upload.")
ONE_FILE_ONLY = _(
    "%(document)s is one file: choose only one. Uploading it again later adds a new version."
)
ONE_FILE_REPLACES = _("A file is replaced by one new version: choose only one file.")
NO_SUCH_FILE = _("That file is not among this document's files: reload the page and try again.")
SOME_REFUSED = _(
    "Nothing was uploaded: %(refused)s of the %(count)s files chosen cannot be accepted."
)
UPLOAD_NOTE = _("%(document)s: %(name)s (version %(version)s)")
FILE_NOTE = _("%(document)s, file %(number)s: %(name)s")
FILE_VERSION_NOTE = _("%(document)s, file %(number)s: %(name)s (version %(version)s)")


def document_upload(
    *,
    model,
    case_id: int,
    locked: Callable,
    check: Callable,
    kinds_of: Callable,
    kind: str,
    uploads: Sequence[UploadedFile],
    by: User,
    replaces: int | None = None,
    ip_address: str | None = None,
) -> list[Document]:
    """Add ``uploads`` to one checklist item of the case ``case_id`` of ``model``: each a file
    of its own where the item holds several, else the next version of its one file; or, with
    ``replaces`` (the id of a version of one of its files), one upload as that file's next
    version. All of them or none.

    ``check(case)`` raises when ``by`` may not add to the case as it stands, and
    ``kinds_of(case)`` names the kinds it holds. The cheap refusals come first, so no file is
    written for them; then every file is checked on its own (each refused one is named, and
    then none is stored); then they are written, and recorded with one step each under the
    case's lock (``locked(case_id)``), where ``check`` runs again, in one transaction. If it
    does not commit, the files are deleted again (``storage.stored``).
    """
    case = model.objects.get(pk=case_id)
    check(case)
    check_request(case, kind=kind, uploads=uploads, replaces=replaces, kinds=kinds_of(case))
    checked = check_uploads(uploads)
    with ExitStack() as files:
        stored_files = [files.enter_context(stored(upload)) for upload in checked]
        with transaction.atomic():
            case = locked(case_id)
            check(case)
            documents = []
            for stored_file in stored_files:
                document = document_add(
                    case=case,
                    kind=kind,
                    stored=stored_file,
                    by=by,
                    kinds=kinds_of(case),
                    replaces=replaces,
                )
                record_upload(case, document, by=by, ip_address=ip_address)
                documents.append(document)
    return documents


def check_request(
    case, *, kind: str, uploads: Sequence, replaces: int | None, kinds: Collection[str]
) -> None:
    """The refusals that need no file read: a kind the case does not ask for, no file, several
    for a kind of one file or for one replacement, a file to replace that is not the case's,
    more files than the case has room for."""
    if kind not in kinds:
        raise ValidationError({"kind": ValidationError(KIND_NOT_ASKED, code="kind")})
    if not uploads:
        raise ValidationError(NO_FILE, code="no_file")
    if len(uploads) > 1 and replaces is not None:
        raise ValidationError(ONE_FILE_REPLACES, code="one_file")
    if len(uploads) > 1 and not holds_several_files(kind):
        label = capfirst(Kind(kind).label)
        raise ValidationError(ONE_FILE_ONLY, code="one_file", params={"document": label})
    if replaces is not None and replaced(case, kind=kind, pk=replaces) is None:
        raise ValidationError(NO_SUCH_FILE, code="no_such_file")
    check_room(case, adding=len(uploads))


def check_room(case, *, adding: int = 1, limit: int = MAX_PER_CASE) -> None:
    """ValidationError when ``case`` has no room for ``adding`` more documents."""
    count = documents_of(case).count()
    if count >= limit:
        raise ValidationError(TOO_MANY, code="too_many", params={"count": count})
    if count + adding > limit:
        params = {"count": count, "limit": limit, "room": limit - count, "chosen": adding}
        raise ValidationError(NOT_ENOUGH_ROOM, code="too_many", params=params)


def check_uploads(uploads: Sequence[UploadedFile]) -> list[CheckedUpload]:
    """Each upload checked on its own (``validation.check_upload``); if any is refused, one
    ValidationError names every refused file and why, after how many of how many."""
    checked, refusals = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as refusal:
            refusals.append(refusal)
    if not refusals:
        return checked
    if len(uploads) == 1:
        raise refusals[0]
    params = {"refused": len(refusals), "count": len(uploads)}
    raise ValidationError([ValidationError(SOME_REFUSED, params=params), *refusals])


def replaced(case, *, kind: str, pk: int) -> Document | None:
    """The version ``pk`` of a file of ``case``'s item ``kind``, if it is one."""
    return documents_of(case).filter(kind=kind, pk=pk).first()


def document_add(
    *,
    case,
    kind: str,
    stored: StoredFile,
    by: User,
    kinds: Collection[str],
    replaces: int | None = None,
    limit: int = MAX_PER_CASE,
) -> Document:
    """Record ``stored`` for ``case``'s item ``kind``: as the next version of the file that
    ``replaces`` is a version of; else as a new file where the kind holds several; else as
    the next version of the kind's one file.

    The caller has locked the case's row, so two uploads to one case are counted and numbered
    one after the other; the unique constraint is the last guard.
    """
    if kind not in kinds:
        raise ValidationError({"kind": ValidationError(KIND_NOT_ASKED, code="kind")})
    check_room(case, limit=limit)
    of_kind = documents_of(case).filter(kind=kind)
    if replaces is not None:
        version_of = replaced(case, kind=kind, pk=replaces)
        if version_of is None:
            raise ValidationError(NO_SUCH_FILE, code="no_such_file")
        number = version_of.file_number
    elif holds_several_files(kind):
        number = (of_kind.aggregate(last=Max("file_number"))["last"] or 0) + 1
    else:
        number = 1
    last = of_kind.filter(file_number=number).aggregate(last=Max("version"))["last"] or 0
    upload = stored.upload
    return Document.objects.create(
        case_type=CaseType.objects.get_for_model(case, for_concrete_model=True),
        case_id=case.pk,
        kind=kind,
        file_number=number,
        version=last + 1,
        original_name=upload.original_name,
        stored_name=stored.name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
        uploaded_by=by,
        uploaded_at=clock.now(),
    )


def record_upload(case, document: Document, *, by: User, ip_address: str | None) -> None:
    """The step record of one uploaded file: which document, which file, which version."""
    params = {
        "document": capfirst(Kind(document.kind).label),
        "name": document.original_name,
        "number": document.file_number,
        "version": document.version,
    }
    if not holds_several_files(document.kind):
        note = UPLOAD_NOTE
    else:
        note = FILE_NOTE if document.version == 1 else FILE_VERSION_NOTE
    step_record(
        case=case,
        actor=actor_of(by),
        action=Action.UPLOAD,
        state_before=case.state,
        opinion=str(note) % params,
        ip_address=ip_address,
    )
