"""Sending a document: only ever as a download, after the case app has checked who asks."""

from django.http import FileResponse

from .models import Document
from .storage import document_storage


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
