"""The referral tab of the staff inbox (the signatures waiting for the user) and of the overdue
lists (the signatures past their due dates that the user watches over)."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from workflows.web import OVERDUE_STEP, Bulk, Column, InboxQueue

from . import selectors, services
from .choices import Decision, Step
from .finding import FINDER
from .models import Referral

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
    finder=FINDER,
    link="referrals:decide",
    bulk=Bulk(
        model=Referral,
        steps=(Step.CENTER_APPROVE,),
        approve=lambda *, case_id, by, opinion, ip_address: services.referral_decide(
            referral_id=case_id,
            by=by,
            step=Step.CENTER_APPROVE,
            decision=Decision.APPROVE,
            opinion=opinion,
            ip_address=ip_address,
        ),
    ),
)

# Its overdue list, for those who watch over its steps: a row leads to the case page.
OVERDUE_TAB = replace(
    TAB,
    queue=selectors.OVERDUE,
    link="referrals:detail",
    step_header=OVERDUE_STEP,
    default_sort="-waiting",  # those waiting longest first
    without_filters=("overdue",),  # every one of them is
    bulk=None,
)
