"""The mechanics every claim step shares: lock the row, check the reviewer, save the new state,
record the step and complete the flow task; and the refusal of a step already taken."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from workflows import casekit
from workflows.casekit import ALREADY_HANDLED_CODE, save_state
from workflows.registry.models import User

from . import permissions
from .choices import STEP_OF_STATE, State
from .flows import ClaimFlow
from .models import Claim

__all__ = ["ALREADY_HANDLED_CODE", "save_state"]

ALREADY_HANDLED = _(
    "This claim has already been handled (%(action)s by %(name)s, %(time)s). Nothing was changed."
)
NOT_A_REVIEWER = _(
    "Only a reviewer of the municipal center of the claimant's insured city can do this."
)


def already_handled(claim: Claim):
    """The refusal of a step someone else has taken meanwhile, naming who and when."""
    return casekit.already_handled(claim, ALREADY_HANDLED)


locked = casekit.CaseLock(Claim)


def finish_step(claim: Claim, by: User, action: str, before: str, opinion: str, ip_address):
    """Record the step just taken and complete the flow task of the state it left."""
    return casekit.finish_step(
        claim,
        flow_class=ClaimFlow,
        step=STEP_OF_STATE[before],
        by=by,
        action=action,
        before=before,
        opinion=opinion,
        ip_address=ip_address,
    )


def under_review(claim_id: int, by: User) -> Claim:
    """The claim, locked, if it awaits review and ``by`` reviews for its city; else why not."""
    claim = locked(claim_id)
    check_reviewer(claim, by)
    if claim.state != State.SUBMITTED:
        raise already_handled(claim)
    return claim


def check_reviewer(claim: Claim, by: User) -> None:
    if not permissions.may_review(user=by, case=claim):
        raise PermissionDenied(NOT_A_REVIEWER)
