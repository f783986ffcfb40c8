"""Documents in the admin: their records only, read-only; files are downloaded from the case."""

from django.contrib import admin

from workflows.readonly_admin import ReadOnlyAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = (
        "case_type",
        "case_id",
        "kind",
        "file_number",
        "version",
        "original_name",
        "uploaded_at",
    )
    list_filter = ("kind", "content_type", "case_type")
    search_fields = ("original_name", "sha256")
    date_hierarchy = "uploaded_at"
