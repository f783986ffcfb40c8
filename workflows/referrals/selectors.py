"""Reads of referrals, already scoped to what the user may see, with the joins pages need."""

from django.db.models import QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.flowkit import TaskQueue
from workflows.scoping import visible_list, visible_one

from . import permissions
from .choices import State, Step
from .flows import ReferralFlow
from .models import Referral

# What a case page shows. Region parents (provinces) are left out: each extra join costs
# PostgreSQL planning time on every page, more than fetching a province row when shown.
CASE_JOINS = (
    "person",
    "insured_city",
    "institution",
    "department",
    "proposed_by",
    "target_institution__city",
    "target_department",
)
# What an inbox row shows.
TASK_JOINS = (
    "process__referral__person",
    "process__referral__institution",
    "process__referral__target_institution",
)
OPEN = (STATUS.NEW, STATUS.ASSIGNED)


def referral_list_for(*, user, state: str = "") -> QuerySet[Referral]:
    return visible_list(
        Referral, permissions.visible(user=user), joins=CASE_JOINS, states=State.values, state=state
    )


def referral_get_for(*, user, pk: int, with_details: bool = True) -> Referral | None:
    """The referral, if ``user`` may see it (with what its page shows, unless told not to)."""
    return visible_one(
        Referral, permissions.visible(user=user), pk, joins=CASE_JOINS if with_details else ()
    )


def referral_tasks_for(*, user) -> QuerySet[Task]:
    """Open referral tasks that are ``user``'s to act on (their step, their scope), newest
    arrivals first. Read through the referral's queue index, so a page costs the same
    whether a hundred or a hundred thousand referrals wait."""
    queue = permissions.signed_step(user=user)
    if queue is None:
        return Task.objects.none()
    step, scope = queue
    return (
        Task.objects.filter(
            flow_task=getattr(ReferralFlow, step),
            status__in=OPEN,
            **{f"process__referral__{name}": value for name, value in scope.items()},
        )
        .select_related(*TASK_JOINS)
        .order_by("-process__referral__state_changed_at", "-pk")
    )


def referral_queue_for(*, user) -> TaskQueue:
    """The inbox page's view of ``referral_tasks_for``: paged through the queue index."""
    queue = permissions.signed_step(user=user)
    cases = Referral.objects.none()
    step = Step.PROPOSE
    if queue is not None:
        step, scope = queue
        cases = Referral.objects.filter(**scope).order_by("-state_changed_at", "-pk")
    return TaskQueue(cases, nodes=[getattr(ReferralFlow, step)], joins=TASK_JOINS)


def referral_signer_serves(user) -> bool:
    """Whether ``user`` signs a step of referrals (so the referral queue is one of their tabs)."""
    return permissions.signed_step(user=user) is not None


def referral_tasks_count_for(*, user) -> int:
    """How many tasks ``referral_tasks_for`` lists, counted on the referral index alone: at
    each step a pending referral has exactly one open task (tests/.../test_graphs_agree)."""
    queue = permissions.signed_step(user=user)
    if queue is None:
        return 0
    return Referral.objects.filter(**queue[1]).count()
