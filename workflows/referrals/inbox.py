"""The referral tab of the staff inbox: the signatures waiting for the user."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workflows.web import Column, InboxQueue

from . import selectors

TAB = InboxQueue(
    slug="referrals",
    label=_("Referrals"),
    queue=selectors.QUEUE,
    number=_("Case number"),
    person=_("Patient"),
    about=Column(
        _("Referral"),
        lambda referral: f"{referral.institution.name} → {referral.target_institution.name}",
    ),
    deadlines=selectors.DEADLINES,
    link=lambda referral: reverse("referrals:decide", args=[referral.pk]),
)
