"""What the filing flow's timers do when they fire. The flow calls these; they never import
the flow (a flow is topology, and its services import it)."""

from django.db import transaction

from workflows.audit.models import Action
from workflows.audit.services import step_record
from workflows.casekit import CaseLock, save_state

from .choices import State, Step
from .models import Filing

_locked = CaseLock(Filing)


@transaction.atomic
def filing_expire(*, filing_id: int) -> Filing:
    """A temporary filing's last day has passed: a step by the system."""
    filing = _locked(filing_id)
    if filing.state != State.TEMPORARY_IN_FORCE:
        return filing  # withdrawn meanwhile: its timer was cancelled with its task
    filing.expire()
    save_state(filing, "ended_on")
    step_record(
        case=filing,
        actor=None,
        action=Action.EXPIRE,
        state_before=State.TEMPORARY_IN_FORCE,
        step=Step.HOLD_TEMPORARY,
    )
    return filing
