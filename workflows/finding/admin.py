from django.contrib import admin

from workflows.readonly_admin import ReadOnlyAdmin

from .models import SavedFilter


@admin.register(SavedFilter)
class SavedFilterAdmin(ReadOnlyAdmin):
    """Read-only: each user saves and deletes their own filters on the pages."""

    list_display = ("name", "user", "page", "created")
    list_filter = ("page",)
    search_fields = ("name", "user__username")
