"""Receiving a document from a case page, and sending one: only ever as a download, after the
case app has checked who asks."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from workflows.casekit import listed
from workflows.web import client_ip

from .choices import Kind, holds_several_files
from .forms import UploadForm
from .models import Document
from .services import NO_FILE
from .storage import document_storage

FILES_UPLOADED = ngettext_lazy(
    "%(document)s: %(count)s file uploaded, %(names)s.",
    "%(document)s: %(count)s files uploaded, %(names)s.",
    "count",
)
VERSION_UPLOADED = _("%(document)s: %(name)s uploaded (version %(version)s).")
FILE_VERSION_UPLOADED = _(
    "%(document)s: %(name)s uploaded as version %(version)s of file %(number)s."
)


def upload_from_page(request, *, add, back: str):
    """Read a checklist upload form (new files of an item, or a new version of one of its
    files), hand the files to ``add`` (the case type's service, given kind, uploads, replaces,
    by and ip_address), say what came of it and go ``back``."""
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, NO_FILE)
        return redirect(back)
    adding = functools.partial(add, by=request.user, ip_address=client_ip(request))
    try:
        documents = adding(
            kind=form.cleaned_data["kind"],
            uploads=form.cleaned_data["file"],
            replaces=form.cleaned_data["replaces"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, uploaded(documents))
    return redirect(back)


def uploaded(documents: list[Document]) -> str:
    """What the person is told of the files just recorded."""
    first = documents[0]
    params = {
        "document": capfirst(Kind(first.kind).label),
        "name": first.original_name,
        "number": first.file_number,
        "version": first.version,
    }
    if first.version > 1:
        several = holds_several_files(first.kind)
        return str(FILE_VERSION_UPLOADED if several else VERSION_UPLOADED) % params
    names = listed(f"“{document.original_name}”" for document in documents)
    return FILES_UPLOADED % {**params, "count": len(documents), "names": names}


def document_response(document: Document) -> FileResponse:
    """The file as an attachment of its detected type; never shown inline by the browser."""
    response = FileResponse(
        document_storage().open(document.stored_name, "rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
