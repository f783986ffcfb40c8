"""Whom a claim's steps tell (workflows/notifications): the city's reviewers when it arrives
for review, its supervisors when the review is late, who opened it and the claimant."""

from workflows.notifications.audience import reviewed_by_center

from .choices import STEP_OF_STATE, State, Step
from .models import Claim
from .steps import CLAIMING

AUDIENCE = reviewed_by_center(
    model=Claim,
    claiming=CLAIMING,
    steps=Step,
    step_of_state=STEP_OF_STATE,
    approved_states=(State.APPROVED, State.CLOSED),
)
