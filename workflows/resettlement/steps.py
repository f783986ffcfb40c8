"""The mechanics every filing step shares: lock the row, check who acts, save the new state,
record the step and complete the flow task; and the refusal of a step already taken."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from workflows import casekit
from workflows.casekit import ALREADY_HANDLED_CODE, save_state
from workflows.registry.models import User

from . import permissions
from .choices import STEP_OF_STATE, State
from .flows import FilingFlow
from .models import Filing

__all__ = ["ALREADY_HANDLED_CODE", "save_state"]

ALREADY_HANDLED = _(
    "This filing has already been handled (%(action)s by %(name)s, %(time)s). Nothing was changed."
)
NOT_A_REVIEWER = _(
    "Only a reviewer of the municipal center of the person's insured city can do this."
)
NOT_YOUR_FILING = _("Only the applicant (the filing unit's agent, or the person) can do this.")


def already_handled(filing: Filing):
    """The refusal of a step someone else has taken meanwhile, naming who and when."""
    return casekit.already_handled(filing, ALREADY_HANDLED)


locked = casekit.CaseLock(Filing)


def finish_step(filing: Filing, by: User, action: str, before: str, opinion: str, ip_address):
    """Record the step just taken and complete the flow task of the state it left."""
    return casekit.finish_step(
        filing,
        flow_class=FilingFlow,
        step=STEP_OF_STATE[before],
        by=by,
        action=action,
        before=before,
        opinion=opinion,
        ip_address=ip_address,
    )


def awaiting_decision(filing_id: int, by: User, state: State) -> Filing:
    """The filing, locked, if it is in ``state`` and ``by`` reviews for its city; else why not."""
    filing = locked(filing_id)
    if not permissions.may_review(user=by, case=filing):
        raise PermissionDenied(NOT_A_REVIEWER)
    if filing.state != state:
        raise already_handled(filing)
    return filing


def check_applicant(filing: Filing, by: User) -> None:
    if not permissions.may_prepare(user=by, case=filing):
        raise PermissionDenied(NOT_YOUR_FILING)
