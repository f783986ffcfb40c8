"""Step records and access records in the admin: readable, never editable."""

from django.contrib import admin

from workflows.readonly_admin import ReadOnlyAdmin

from .models import AccessRecord, StepRecord


@admin.register(StepRecord)
class StepRecordAdmin(ReadOnlyAdmin):
    list_display = (
        "at",
        "case_number",
        "step",
        "action",
        "actor_name",
        "actor_role",
        "state_before",
        "state_after",
    )
    list_filter = ("action", "actor_role", "case_type")
    search_fields = ("case_number", "actor_name", "opinion")
    date_hierarchy = "at"


@admin.register(AccessRecord)
class AccessRecordAdmin(ReadOnlyAdmin):
    list_display = ("at", "user_name", "user_role", "what", "person", "case_number", "ip_address")
    list_filter = ("what", "user_role", "case_type")
    search_fields = ("case_number", "user_name", "person__name")
    list_select_related = ("person",)
    date_hierarchy = "at"
