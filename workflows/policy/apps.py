"""The policy app: catalogues, dated regional policies, the reimbursement calculation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "workflows.policy"
    label = "policy"
    verbose_name = _("Reimbursement policy")

    @property
    def role_permissions(self):
        from .roles import POLICY_PERMISSIONS

        return POLICY_PERMISSIONS
