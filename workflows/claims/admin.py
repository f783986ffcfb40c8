"""Claims in the admin: to look up, never to change (changes go through the services)."""

from django.contrib import admin

from workflows.readonly_admin import ReadOnlyAdmin

from .models import Claim, ClaimBatch


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "kind",
        "person",
        "institution",
        "state",
        "pooled_fund_pays",
        "created",
    )
    list_filter = ("state", "kind", "insured_city")
    search_fields = ("number", "person__name", "person__insurance_number")
    list_select_related = ("person", "institution")
    date_hierarchy = "created"


@admin.register(ClaimBatch)
class ClaimBatchAdmin(ReadOnlyAdmin):
    list_display = ("number", "unit", "state", "submitted_on", "opened_at")
    list_filter = ("state", "city")
    search_fields = ("number", "unit__name")
    list_select_related = ("unit",)
