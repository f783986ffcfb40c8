"""The documents app: files uploaded to a case, checked, versioned, never replaced or deleted."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "workflows.documents"
    label = "documents"
    verbose_name = _("Case documents")
