"""What the referral flow's timers do when they fire. The flow calls these; they never import
the flow (a flow is topology, and its services import it)."""

from django.db import transaction

from workflows.audit.models import Action
from workflows.audit.services import step_record
from workflows.casekit import CaseLock, save_state

from .choices import State
from .models import Referral

_locked = CaseLock(Referral)


@transaction.atomic
def referral_lapse(*, referral_id: int) -> Referral:
    """The validity period ended without a transfer: a step by the system."""
    referral = _locked(referral_id)
    referral.lapse()
    save_state(referral)
    step_record(case=referral, actor=None, action=Action.LAPSE, state_before=State.APPROVED)
    return referral
