"""The mechanics every claim step shares: lock the row, check the reviewer, save the new state,
record the step and complete the flow task; and the refusal of a step already taken."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from workflows import clock
from workflows.audit.selectors import step_records_of
from workflows.audit.services import step_record
from workflows.flowkit import finish_task, open_task
from workflows.registry.models import User
from workflows.registry.selectors import actor_of

from . import permissions
from .choices import STEP_OF_STATE, State
from .flows import ClaimFlow
from .models import Claim

ALREADY_HANDLED_CODE = "already_handled"

ALREADY_HANDLED = _(
    "This claim has already been handled (%(action)s by %(name)s, %(time)s). Nothing was changed."
)
NOT_A_REVIEWER = _(
    "Only a reviewer of the municipal center of the claimant's insured city can do this."
)


def already_handled(claim: Claim) -> ValidationError:
    """The refusal of a step someone else has taken meanwhile, naming who and when."""
    last = step_records_of(claim).last()
    message = ALREADY_HANDLED % {
        "action": last.get_action_display(),
        "name": last.actor_name or _("the system"),
        "time": formats.date_format(timezone.localtime(last.at), "DATETIME_FORMAT"),
    }
    return ValidationError(message, code=ALREADY_HANDLED_CODE)


def locked(claim_id: int) -> Claim:
    """The claim, its row (and its process row) locked until the transaction ends. No joins."""
    return Claim.objects.select_for_update(of=("self", "process_ptr")).get(pk=claim_id)


def save_state(claim: Claim, *stamped: str) -> None:
    """Save a transition: the new state, when it began, and what the transition stamped."""
    claim.state_changed_at = clock.now()
    claim.save(update_fields=["state", "state_changed_at", *stamped])


def finish_step(claim: Claim, by: User, action: str, before: str, opinion: str, ip_address):
    """Record the step just taken and complete the flow task of the state it left."""
    step_record(
        case=claim,
        actor=actor_of(by),
        action=action,
        state_before=before,
        step=STEP_OF_STATE[before],
        opinion=opinion,
        ip_address=ip_address,
    )
    finish_task(open_task(ClaimFlow, claim, STEP_OF_STATE[before]), claim, by)
    return claim


def under_review(claim_id: int, by: User) -> Claim:
    """The claim, locked, if it awaits review and ``by`` reviews for its city; else why not."""
    claim = locked(claim_id)
    check_reviewer(claim, by)
    if claim.state != State.SUBMITTED:
        raise already_handled(claim)
    return claim


def check_reviewer(claim: Claim, by: User) -> None:
    if not permissions.may_review(claim, by):
        raise PermissionDenied(NOT_A_REVIEWER)
