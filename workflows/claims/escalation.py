"""Escalation of claims: a review or a payment of the center past its due date, found by the
workflow timers' sweep and recorded as a step by the system (``workflows.escalation``)."""

from workflows.escalation import Escalation

from .choices import STEP_OF_STATE
from .models import Claim
from .selectors import DEADLINES

ESCALATION = Escalation(
    model=Claim, deadlines=DEADLINES, step_of_state=STEP_OF_STATE, joins=("person",)
)
