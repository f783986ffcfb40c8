"""Notifications in the admin: read only, to see what was told to whom and whether it was mailed."""

from django.contrib import admin

from workflows.readonly_admin import ReadOnlyAdmin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "recipient", "kind", "case_number", "mail", "mail_attempts")
    list_filter = ("kind", "mail")
    search_fields = ("case_number", "recipient__username")
