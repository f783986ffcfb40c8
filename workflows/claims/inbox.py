"""The claims tab of the staff inbox: the claims of the reviewer's city to review or pay."""

from django.utils.translation import gettext_lazy as _

from workflows.web import Column, InboxQueue

from . import selectors

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
    link=lambda claim: claim.get_absolute_url(),
)
