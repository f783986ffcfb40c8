"""Filings in the admin: to look up, never to change (changes go through the services)."""

from django.contrib import admin

from workflows.readonly_admin import ReadOnlyAdmin

from .models import Filing, InstitutionChoice


class InstitutionChoiceInline(admin.TabularInline):
    model = InstitutionChoice
    extra = 0
    can_delete = False
    readonly_fields = (
        "version",
        "first",
        "second",
        "state",
        "proposed_at",
        "effective_from",
        "superseded_on",
    )

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Filing)
class FilingAdmin(ReadOnlyAdmin):
    list_display = ("number", "category", "person", "destination_city", "state", "start_date")
    list_filter = ("state", "category", "insured_city")
    search_fields = ("number", "person__name", "person__insurance_number")
    list_select_related = ("person", "destination_city")
    date_hierarchy = "created"
    inlines = [InstitutionChoiceInline]
