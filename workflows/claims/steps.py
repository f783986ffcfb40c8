"""A claim's step mechanics (``workflows.casekit.CaseSteps``), and the check of who reviews
that every decision of the center makes first."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from workflows.casekit import CaseSteps

from . import permissions
from .choices import STEP_OF_STATE, State
from .flows import ClaimFlow
from .models import Claim

ALREADY_HANDLED = _(
    "This claim has already been handled (%(action)s by %(name)s, %(time)s). Nothing was changed."
)
NOT_A_REVIEWER = _(
    "Only a reviewer of the municipal center of the claimant's insured city can do this."
)

STEPS = CaseSteps(
    model=Claim, flow_class=ClaimFlow, step_of_state=STEP_OF_STATE, already_handled=ALREADY_HANDLED
)


def under_review(claim_id: int, by) -> Claim:
    """The claim, locked, if it awaits review and ``by`` reviews for its city; else why not."""
    return STEPS.awaiting(
        claim_id,
        state=State.SUBMITTED,
        allowed=lambda claim: permissions.may_review(user=by, case=claim),
        refusal=NOT_A_REVIEWER,
    )


def check_reviewer(claim: Claim, by) -> None:
    if not permissions.may_review(user=by, case=claim):
        raise PermissionDenied(NOT_A_REVIEWER)
