"""Escalation of filings: a review of the center past its due date, found by the workflow
timers' sweep and recorded as a step by the system (``workflows.escalation``)."""

from workflows.escalation import Escalation

from .choices import STEP_OF_STATE
from .models import Filing
from .selectors import DEADLINES

ESCALATION = Escalation(
    model=Filing, deadlines=DEADLINES, step_of_state=STEP_OF_STATE, joins=("person",)
)
