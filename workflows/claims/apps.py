"""The claims app: reimbursement of emergency and referred treatment, from upload to payment."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "workflows.claims"
    label = "claims"
    verbose_name = _("Reimbursement claims")

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
