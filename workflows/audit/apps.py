"""The audit app: the append-only step trail and readable case numbers of every case type, and
the access log of personal data (``access/``)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "workflows.audit"
    label = "audit"
    verbose_name = _("Step records")
    role_permissions = {
        "administrator": ["audit.view_steprecord", "audit.view_accessrecord"],
        "supervisor": ["audit.view_steprecord", "audit.search_accessrecord"],
        "insured_person": ["audit.see_own_accessrecord"],
    }
