"""Referrals in the admin: to look up, never to change (changes go through the services)."""

from django.contrib import admin

from workflows.readonly_admin import ReadOnlyAdmin

from .models import Referral


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
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
