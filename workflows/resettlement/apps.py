"""The resettlement app: off-site medical treatment filings (异地就医备案)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResettlementConfig(AppConfig):
    name = "workflows.resettlement"
    label = "resettlement"
    verbose_name = _("Off-site filings")

    @property
    def role_permissions(self):
        from .permissions import ROLE_PERMISSIONS

        return ROLE_PERMISSIONS

    @property
    def escalation(self):
        """What the workflow timers sweep for overdue steps (workflows/audit/timers.py)."""
        from .escalation import ESCALATION

        return ESCALATION

    @property
    def audience(self):
        """Whom its steps tell what (workflows/notifications)."""
        from .notices import AUDIENCE

        return AUDIENCE
