from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingConfig(AppConfig):
    name = "workflows.finding"
    label = "finding"
    verbose_name = _("Finding cases")
