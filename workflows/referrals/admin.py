"""Referrals in the admin: to look up, never to change (changes go through the services)."""

from django.contrib import admin

from .models import Referral


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "person",
        "institution",
        "target_institution",
        "scope",
        "state",
        "valid_until",
        "created",
    )
    list_filter = ("state", "scope", "insured_city")
    search_fields = ("number", "person__name", "person__insurance_number")
    list_select_related = ("person", "institution", "target_institution")
    date_hierarchy = "created"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
