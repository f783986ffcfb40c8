"""Receiving a document from a case page, and sending one: only ever as a download, after the
case app has checked who asks."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from workflows.web import client_ip

from .choices import Kind
from .forms import UploadForm
from .models import Document
from .storage import document_storage


def upload_from_page(request, *, add, back: str):
    """Read a checklist row's upload form, hand the file to ``add`` (the case type's service,
    given kind, upload, by and ip_address), say what came of it and go ``back``."""
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect(back)
    adding = functools.partial(add, by=request.user, ip_address=client_ip(request))
    try:
        document = adding(kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(document)s uploaded: %(name)s (version %(version)s).")
            % {
                "document": Kind(document.kind).label,
                "name": document.original_name,
                "version": document.version,
            },
        )
    return redirect(back)


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
