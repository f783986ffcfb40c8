"""Whom a filing's steps tell (workflows/notifications): the city's reviewers when it (or a
change of it) arrives for review, its supervisors when the review is late, who filed it and
the person it is for."""

from workflows.notifications.audience import reviewed_by_center

from .choices import STEP_OF_STATE, State, Step
from .models import Filing
from .steps import CLAIMING

AUDIENCE = reviewed_by_center(
    model=Filing,
    claiming=CLAIMING,
    steps=Step,
    step_of_state=STEP_OF_STATE,
    approved_states=(State.IN_FORCE, State.TEMPORARY_IN_FORCE),
)
