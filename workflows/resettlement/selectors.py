"""Reads of filings, already scoped to what the user may see, with the joins pages need."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from viewflow.workflow.models import Task

from workflows.audit.selectors import overdue_recorded
from workflows.deadlines import Deadline, TimedSteps
from workflows.flowkit import CaseQueue, Waiting
from workflows.policy.choices import TimedStep
from workflows.registry.models import Institution, InsuredPerson, Region
from workflows.scoping import visible_list, visible_one

from . import permissions
from .choices import LIVE, QUEUE_STATES, STEP_OF_STATE, ChoiceState, State, Step
from .flows import FilingFlow
from .models import Filing, InstitutionChoice

CASE_JOINS = ("person", "insured_city__parent", "unit", "destination_city__parent", "opened_by")
LIST_JOINS = ("person", "destination_city")
CHOICE_JOINS = ("first", "second")
# Choices that were in force for some time: the one in force now and those it replaced.
ONCE_IN_FORCE = (ChoiceState.IN_FORCE, ChoiceState.SUPERSEDED)


def filing_list_for(*, user, state: str = "") -> QuerySet[Filing]:
    return visible_list(
        Filing, permissions.visible(user=user), joins=LIST_JOINS, states=State.values, state=state
    )


def filing_get_for(*, user, pk: int, with_details: bool = True) -> Filing | None:
    """The filing, if ``user`` may see it (with what its page shows, unless told not to)."""
    return visible_one(
        Filing, permissions.visible(user=user), pk, joins=CASE_JOINS if with_details else ()
    )


def filing_waiting_for(*, user) -> Waiting | None:
    """The filings and changes of institutions of the reviewer's city waiting for a decision."""
    city = permissions.reviewed_city(user=user)
    if city is None:
        return None
    cases = Filing.objects.filter(insured_city_id=city, state__in=QUEUE_STATES)
    return Waiting(cases, [FilingFlow.review, FilingFlow.change_review])


# The inbox's filings queue, read through the filing's queue index.
# What a queue's row shows of a filing (inbox.TAB) and its deadline reads (DEADLINES),
# beyond what every queue's row reads (flowkit.ROW_CASE_FIELDS).
ROW = ("category", "destination_city__name")
QUEUE = CaseQueue(waiting=filing_waiting_for, case="filing", shows=ROW)


def filing_tasks_for(*, user) -> QuerySet[Task]:
    """Open review tasks (filings and changes) of the reviewer's city."""
    return QUEUE.tasks(user=user)


# The center's reviews have a time limit; the applicant's preparing and the filing in force
# have none.
DEADLINES = TimedSteps(
    terms={
        Step.REVIEW: TimedStep.FILING_REVIEW,
        Step.CHANGE_REVIEW: TimedStep.FILING_CHANGE_REVIEW,
    }
)


def filing_deadline(filing: Filing, *, now) -> Deadline | None:
    """The deadline of the step the filing waits for, if it waits for one."""
    step = STEP_OF_STATE.get(filing.state)
    return DEADLINES.deadline(filing, step, now=now) if step else None


def live_filings_of(person: InsuredPerson, *, other_than: int | None = None) -> QuerySet[Filing]:
    """The person's filings that are pending or in force (the overlap rule reads them)."""
    return Filing.objects.filter(person=person, state__in=LIVE).exclude(pk=other_than)


def choices_of(filing: Filing) -> list[InstitutionChoice]:
    """Every version of the filing's institutions, oldest first."""
    return list(
        InstitutionChoice.objects.filter(filing=filing)
        .select_related(*CHOICE_JOINS)
        .order_by("version")
    )


def current_choice(filing: Filing) -> InstitutionChoice | None:
    """The institutions in force; before an approval, the latest proposed (or refused)."""
    choices = InstitutionChoice.objects.filter(filing=filing).select_related(*CHOICE_JOINS)
    if filing.approved_on:
        choices = choices.filter(state=ChoiceState.IN_FORCE)
    return choices.order_by("-version").first()


def proposed_change(filing: Filing) -> InstitutionChoice | None:
    """The change of institutions awaiting review, if any."""
    if filing.state != State.CHANGE_REQUESTED:
        return None
    return (
        InstitutionChoice.objects.filter(filing=filing, state=ChoiceState.PROPOSED)
        .select_related(*CHOICE_JOINS)
        .first()
    )


def covering_choices(*, person_id, institution_id, first_day, last_day):
    """The versions of approved filings' institutions that cover the treatment: in force on
    every day from ``first_day`` to ``last_day`` and naming ``institution_id``, of the
    person's filings (withdrawn or expired since: still). Each argument is a value, or an
    ``OuterRef`` to the claim of which this is a subquery (the claims' "no filing" flag)."""
    return (
        InstitutionChoice.objects.filter(
            Q(first_id=institution_id) | Q(second_id=institution_id),
            filing__person_id=person_id,
            filing__approved_on__isnull=False,
            filing__start_date__lte=first_day,
            state__in=ONCE_IN_FORCE,
            effective_from__lte=first_day,
        )
        .filter(Q(superseded_on__isnull=True) | Q(superseded_on__gt=last_day))
        .filter(Q(filing__end_date__isnull=True) | Q(filing__end_date__gte=last_day))
        .filter(Q(filing__ended_on__isnull=True) | Q(filing__ended_on__gte=last_day))
    )


def filing_covering(
    *, person_id: int, institution_id: int, first_day: datetime.date, last_day: datetime.date
) -> Filing | None:
    """The approved filing whose institutions in force on every day from ``first_day`` to
    ``last_day`` include ``institution_id``, if any (withdrawn or expired since: still)."""
    choice = (
        covering_choices(
            person_id=person_id,
            institution_id=institution_id,
            first_day=first_day,
            last_day=last_day,
        )
        .select_related("filing")
        .order_by("-filing__approved_on", "-pk")
        .first()
    )
    return choice.filing if choice else None


def naming_institution(institution) -> Exists:
    """A filter on filings: some version of its institutions names ``institution``."""
    return Exists(
        InstitutionChoice.objects.filter(filing=OuterRef("pk")).filter(
            Q(first=institution) | Q(second=institution)
        )
    )


def destination_cities() -> QuerySet[Region]:
    return Region.objects.filter(level=Region.Level.CITY).select_related("parent")


def designated_hospitals(*, outside_city_id: int | None = None) -> QuerySet[Institution]:
    """Institutions a filing may name (the rules check their city against the destination)."""
    hospitals = Institution.objects.filter(
        designated=True, kind=Institution.Kind.HOSPITAL
    ).select_related("city__parent")
    return hospitals.exclude(city_id=outside_city_id) if outside_city_id else hospitals


def filing_overdue_for(*, user) -> Waiting | None:
    """The filings of the supervisor's city whose step of the center is past its due date
    (found so by the workflow timers)."""
    city = permissions.overdue_watched_city(user=user)
    if city is None:
        return None
    cases = Filing.objects.filter(
        overdue_recorded(Filing), insured_city_id=city, state__in=QUEUE_STATES
    )
    return Waiting(cases, [FilingFlow.review, FilingFlow.change_review])


# The supervisor's overdue list: those waiting longest first.
OVERDUE = CaseQueue(
    waiting=filing_overdue_for,
    case="filing",
    shows=ROW,
    oldest_first=True,
)
