"""The fixed vocabularies of the policy app: catalogue classes, catalogues and care scopes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueClass(models.TextChoices):
    A = "A", _("class A")
    B = "B", _("class B")
    OUT = "out", _("out of list")


class Catalogue(models.TextChoices):
    DRUGS = "drugs", _("drugs")
    TREATMENTS = "treatments", _("treatment items")
    FACILITIES = "facilities", _("medical service facilities")


class Scope(models.TextChoices):
    """Where and how the person was treated; some scopes lower the ratio."""

    LOCAL = "local", _("in the insured city")
    REFERRAL = "referral", _("approved referral")
    EMERGENCY = "emergency", _("emergency")
    OFFSITE_FILED = "offsite_filed", _("off-site, filed")
    OFFSITE_UNFILED = "offsite_unfiled", _("off-site, not filed")
