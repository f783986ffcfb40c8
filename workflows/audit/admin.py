"""Step records in the admin: readable, never editable."""

from django.contrib import admin

from .models import StepRecord


@admin.register(StepRecord)
class StepRecordAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
