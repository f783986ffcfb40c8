"""The notifications app: what the steps of a case tell the people it concerns, in the app and
by email."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "workflows.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from . import signals  # noqa: F401
