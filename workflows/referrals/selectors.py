"""Reads of referrals, already scoped to what the user may see, with the joins pages need."""

from django.db.models import QuerySet
from viewflow.workflow.models import Task

from workflows.audit.selectors import overdue_recorded
from workflows.deadlines import Deadline, TimedSteps
from workflows.flowkit import CaseQueue, Waiting
from workflows.policy.choices import TimedStep
from workflows.scoping import visible_list, visible_one

from . import permissions
from .choices import STEP_OF_STATE, State, Step
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


def referral_list_for(*, user, state: str = "") -> QuerySet[Referral]:
    return visible_list(
        Referral, permissions.visible(user=user), joins=CASE_JOINS, states=State.values, state=state
    )


def referral_get_for(*, user, pk: int, with_details: bool = True) -> Referral | None:
    """The referral, if ``user`` may see it (with what its page shows, unless told not to)."""
    return visible_one(
        Referral, permissions.visible(user=user), pk, joins=CASE_JOINS if with_details else ()
    )


# A claim may follow a referral approved and still valid, or used for the transfer.
CLAIMABLE_STATES = (State.APPROVED, State.USED)


def referral_numbered(number: str) -> Referral | None:
    """The referral with the case number ``number``, whoever may see it (the claims app checks
    that it is the claimant's own)."""
    return Referral.objects.filter(number=number).first()


def referral_locked(pk: int) -> Referral:
    """The referral's own row, locked until the transaction ends: a claim that follows it
    takes this lock, so two claims opened at once cannot both follow it."""
    return Referral.objects.select_for_update(of=("self",)).get(pk=pk)


def referral_claimable(referral: Referral, *, today) -> bool:
    """Whether a claim may follow ``referral``: approved and still valid, or used for the
    transfer."""
    if referral.state == State.USED:
        return True
    return referral.state == State.APPROVED and referral.valid_until >= today


def referrals_claimable_by(*, person) -> QuerySet[Referral]:
    """The person's referrals a claim may follow, newest first (the claims app still checks
    the validity and that no other claim follows them)."""
    return (
        Referral.objects.filter(person=person, state__in=CLAIMABLE_STATES)
        .select_related("target_institution")
        .order_by("-created")
    )


def referral_waiting_for(*, user) -> Waiting | None:
    """The referrals waiting for ``user``'s signature: their step, in their scope."""
    signed = permissions.signed_step(user=user)
    if signed is None:
        return None
    step, scope = signed
    return Waiting(Referral.objects.filter(**scope), [getattr(ReferralFlow, step)])


# What a queue's row shows of a referral (inbox.TAB) and its deadline reads (DEADLINES),
# beyond what every queue's row reads (flowkit.ROW_CASE_FIELDS).
ROW = ("institution__name", "institution__city_id", "target_institution__name")

# The inbox's referral queue, read through the referral's queue indexes: a page costs the
# same whether a hundred or a hundred thousand referrals wait.
QUEUE = CaseQueue(waiting=referral_waiting_for, case="referral", shows=ROW)


def referral_tasks_for(*, user) -> QuerySet[Task]:
    """Open referral tasks that are ``user``'s to act on (their step, their scope)."""
    return QUEUE.tasks(user=user)


def working_city(referral: Referral, step: str) -> int:
    """The center's approval keeps the working days of the insured city; the steps at the
    hospital (the proposal and its three signatures), those of the hospital's city."""
    if step == Step.CENTER_APPROVE:
        return referral.insured_city_id
    return referral.institution.city_id


# The four signatures after the proposal have a time limit (the proposal is the physician's
# own draft).
DEADLINES = TimedSteps(
    terms={
        Step.DIRECTOR_REVIEW: TimedStep.DIRECTOR_REVIEW,
        Step.OFFICE_REVIEW: TimedStep.OFFICE_REVIEW,
        Step.DEAN_SIGN: TimedStep.DEAN_SIGN,
        Step.CENTER_APPROVE: TimedStep.CENTER_APPROVE,
    },
    city=working_city,
)


def referral_deadline(referral: Referral, *, now) -> Deadline | None:
    """The deadline of the step the referral waits for, if it waits for one."""
    step = STEP_OF_STATE.get(referral.state)
    return DEADLINES.deadline(referral, step, now=now) if step else None


def referral_overdue_for(*, user) -> Waiting | None:
    """The referrals whose step past its due date ``user`` watches over (found so by the
    workflow timers), in their scope."""
    watched = permissions.overdue_watched(user=user)
    if watched is None:
        return None
    scope, states = watched
    cases = Referral.objects.filter(overdue_recorded(Referral), state__in=states, **scope)
    return Waiting(cases, [getattr(ReferralFlow, STEP_OF_STATE[state]) for state in states])


# The overdue list of a hospital's insurance office or a city's supervisor: those waiting
# longest first.
OVERDUE = CaseQueue(
    waiting=referral_overdue_for,
    case="referral",
    shows=ROW,
    oldest_first=True,
)
