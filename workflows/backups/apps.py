"""The backups app: ``manage.py backup`` and ``manage.py restore``; it has no models."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    name = "workflows.backups"
    label = "backups"
    verbose_name = _("Backups")
