"""A filing's step mechanics (``workflows.casekit.CaseSteps``), and the checks of who acts
that its steps make first."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from workflows.casekit import CaseSteps
from workflows.claiming import Claiming

from . import permissions
from .choices import STEP_OF_STATE, State
from .flows import FilingFlow
from .models import Filing

ALREADY_HANDLED = _(
    "This filing has already been handled (%(action)s by %(name)s, %(time)s). Nothing was changed."
)
NOT_A_REVIEWER = _(
    "Only a reviewer of the municipal center of the person's insured city can do this."
)
NOT_YOUR_FILING = _("Only the applicant (the filing unit's agent, or the person) can do this.")

STEPS = CaseSteps(
    model=Filing,
    flow_class=FilingFlow,
    step_of_state=STEP_OF_STATE,
    already_handled=ALREADY_HANDLED,
)

# The center's review is taken by one of the city's reviewers (workflows/claiming.py).
CLAIMING = Claiming(
    slug="filings",
    steps=STEPS,
    states=(State.SUBMITTED, State.CHANGE_REQUESTED),
    may_act=permissions.may_review,  # the state is checked first (Claiming.claimable)
    visible=permissions.visible,
)


def awaiting_decision(filing_id: int, by, state: State) -> Filing:
    """The filing, locked, if it is in ``state`` and ``by`` reviews for its city; else why not."""
    return STEPS.awaiting(
        filing_id,
        by=by,
        state=state,
        allowed=lambda filing: permissions.may_review(user=by, case=filing),
        refusal=NOT_A_REVIEWER,
    )


def check_applicant(filing: Filing, by) -> None:
    if not permissions.may_prepare(user=by, case=filing):
        raise PermissionDenied(NOT_YOUR_FILING)
