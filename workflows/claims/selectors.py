"""Reads of claims, already scoped to what the user may see, with the joins pages need."""

from decimal import Decimal

from django.db.models import QuerySet, Sum
from viewflow.workflow.models import Task

from workflows.audit.selectors import overdue_recorded
from workflows.deadlines import Deadline, TimedSteps
from workflows.flowkit import CaseQueue, Waiting
from workflows.policy.choices import TimedStep
from workflows.policy.money import ZERO
from workflows.scoping import visible_list, visible_one

from . import permissions
from .choices import PAYING_STATES, STEP_OF_STATE, State, Step
from .flows import ClaimFlow
from .models import Claim, ClaimLine

CASE_JOINS = ("person", "insured_city__parent", "institution__city", "followed_referral", "unit")
LIST_JOINS = ("person", "institution")
# The center's queue: claims waiting for a review and approved claims waiting for payment.
QUEUE_STATES = (State.SUBMITTED, State.APPROVED)


def claim_list_for(*, user, state: str = "") -> QuerySet[Claim]:
    return visible_list(
        Claim, permissions.visible(user=user), joins=LIST_JOINS, states=State.values, state=state
    )


def claim_get_for(*, user, pk: int, with_details: bool = True) -> Claim | None:
    """The claim, if ``user`` may see it (with what its page shows, unless told not to)."""
    return visible_one(
        Claim, permissions.visible(user=user), pk, joins=CASE_JOINS if with_details else ()
    )


def claim_waiting_for(*, user) -> Waiting | None:
    """The claims of the reviewer's city waiting for a review or a payment."""
    city = permissions.reviewed_city(user=user)
    if city is None:
        return None
    cases = Claim.objects.filter(insured_city_id=city, state__in=QUEUE_STATES)
    return Waiting(cases, [ClaimFlow.review, ClaimFlow.pay])


# The inbox's claims queue, read through the claim's queue index.
# What a queue's row shows of a claim (inbox.TAB) and its deadline reads (DEADLINES),
# beyond what every queue's row reads (flowkit.ROW_CASE_FIELDS).
ROW = ("kind", "institution__name")
QUEUE = CaseQueue(waiting=claim_waiting_for, case="claim", shows=ROW)


def claim_tasks_for(*, user) -> QuerySet[Task]:
    """Open review and payment tasks of the reviewer's city."""
    return QUEUE.tasks(user=user)


# The center's review and payment have a time limit; the claimant's preparing has none.
DEADLINES = TimedSteps(terms={Step.REVIEW: TimedStep.CLAIM_REVIEW, Step.PAY: TimedStep.CLAIM_PAY})


def claim_deadline(claim: Claim, *, now) -> Deadline | None:
    """The deadline of the step the claim waits for, if it waits for one."""
    step = STEP_OF_STATE.get(claim.state)
    return DEADLINES.deadline(claim, step, now=now) if step else None


def live_claim_on(referral, *, other_than: int | None = None) -> Claim | None:
    """Another claim following ``referral`` that is not refused or withdrawn."""
    return (
        Claim.objects.filter(followed_referral=referral)
        .exclude(state__in=[State.REJECTED, State.WITHDRAWN])
        .exclude(pk=other_than)
        .first()
    )


def pooled_fund_paid(*, person_id: int, year: int, other_than: int | None = None) -> Decimal:
    """What the pooled fund pays on the person's approved or paid claims for admissions in
    ``year``: the part of the annual cap already used."""
    paid = (
        Claim.objects.filter(
            person_id=person_id, state__in=PAYING_STATES, admission_date__year=year
        )
        .exclude(pk=other_than)
        .aggregate(paid=Sum("pooled_fund_pays"))["paid"]
    )
    return paid or ZERO


def lines_of(claim: Claim) -> QuerySet[ClaimLine]:
    return ClaimLine.objects.filter(claim=claim).order_by("position")


def claim_overdue_for(*, user) -> Waiting | None:
    """The claims of the supervisor's city whose step of the center is past its due date
    (found so by the workflow timers)."""
    city = permissions.overdue_watched_city(user=user)
    if city is None:
        return None
    cases = Claim.objects.filter(
        overdue_recorded(Claim), insured_city_id=city, state__in=QUEUE_STATES
    )
    return Waiting(cases, [ClaimFlow.review, ClaimFlow.pay])


# The supervisor's overdue list: those waiting longest first.
OVERDUE = CaseQueue(waiting=claim_overdue_for, case="claim", shows=ROW, oldest_first=True)
