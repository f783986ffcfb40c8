"""The claims tab of the staff inbox (the claims of the reviewer's city to review or pay) and of
the supervisor's overdue list."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from workflows.web import OVERDUE_STEP, Column, InboxQueue

from . import selectors
from .finding import FINDER

TAB = InboxQueue(
    slug="claims",
    label=_("Claims"),
    queue=selectors.QUEUE,
    number=_("Claim number"),
    person=_("Claimant"),
    about=Column(
        _("Treatment"), lambda claim: f"{claim.get_kind_display()} · {claim.institution.name}"
    ),
    deadlines=selectors.DEADLINES,
    finder=FINDER,
    link="claims:detail",
)

# Its overdue list, for those who watch over its steps: a row leads to the case page.
OVERDUE_TAB = replace(
    TAB,
    queue=selectors.OVERDUE,
    link="claims:detail",
    step_header=OVERDUE_STEP,
    default_sort="-waiting",  # those waiting longest first
    without_filters=("overdue",),  # every one of them is
)
