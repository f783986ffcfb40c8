"""The fixed vocabularies of the policy app: catalogue classes, catalogues, care scopes and the
staff's steps a policy gives a time limit."""

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


class TimedStep(models.TextChoices):
    """The steps of the staff that a policy's ``step_time_limits`` gives a time limit, by the
    name of the case type's flow node (prefixed for claims and filings, whose nodes share the
    names "review" and "pay"). Each case type maps its own steps onto these."""

    DIRECTOR_REVIEW = "director_review", _("referral: opinion of the department director")
    OFFICE_REVIEW = "office_review", _("referral: review by the medical-insurance office")
    DEAN_SIGN = "dean_sign", _("referral: signature of the dean in charge")
    CENTER_APPROVE = "center_approve", _("referral: approval by the municipal center")
    CLAIM_REVIEW = "claim_review", _("claim: review by the municipal center")
    CLAIM_PAY = "claim_pay", _("claim: payment by the municipal center")
    FILING_REVIEW = "filing_review", _("off-site filing: review by the municipal center")
    FILING_CHANGE_REVIEW = (
        "filing_change_review",
        _("off-site filing: review of a change of institutions"),
    )
