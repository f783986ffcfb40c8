"""A claim's step mechanics (``workflows.casekit.CaseSteps``), the check of who reviews that
every decision of the center makes first, and the step of a claim's payment, whether paid on
its own or with its unit's batch."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from workflows.audit.models import Action
from workflows.casekit import CaseSteps, save_state
from workflows.claiming import Claiming

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

# The center's review is taken by one of the city's reviewers (workflows/claiming.py).
CLAIMING = Claiming(
    slug="claims",
    steps=STEPS,
    states=(State.SUBMITTED,),
    may_act=permissions.may_review,  # the state is checked first (Claiming.claimable)
    visible=permissions.visible,
)


def under_review(claim_id: int, by) -> Claim:
    """The claim, locked, if it awaits review and ``by`` reviews for its city; else why not."""
    return STEPS.awaiting(
        claim_id,
        by=by,
        state=State.SUBMITTED,
        allowed=lambda claim: permissions.may_review(user=by, case=claim),
        refusal=NOT_A_REVIEWER,
    )


def check_reviewer(claim: Claim, by) -> None:
    if not permissions.may_review(user=by, case=claim):
        raise PermissionDenied(NOT_A_REVIEWER)


def record_payment(claim: Claim, *, by, reference: str, ip_address=None) -> Claim:
    """The approved, locked ``claim`` is paid (its own order, or its line of a batch's order
    paid with ``reference``): its step, recorded."""
    claim.mark_paid()
    save_state(claim)
    return STEPS.finish(
        claim,
        by=by,
        action=Action.PAY,
        before=State.APPROVED,
        opinion=reference,
        ip_address=ip_address,
    )
