"""Reads of referrals, already scoped to what the user may see, with the joins pages need."""

from django.db.models import Q, QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of

from .choices import State, Step
from .flows import ReferralFlow
from .models import Referral
from .permissions import PERMISSION_OF_STEP, VIEW

CASE_JOINS = (
    "person__insured_city__parent",
    "person__unit",
    "insured_city__parent",
    "institution__city__parent",
    "department",
    "proposed_by",
    "target_institution__city__parent",
    "target_department",
)
OPEN = (STATUS.NEW, STATUS.ASSIGNED)


def referral_visibility(user) -> Q | None:
    """The referrals ``user`` may see, as a filter; None when none at all."""
    if not user.is_authenticated or not user.has_perm(VIEW):
        return None
    actor = actor_of(user)
    profile = actor.profile
    if actor.role == Role.INSURED_PERSON:
        return Q(person=actor.person)
    if actor.role in (Role.ATTENDING_PHYSICIAN, Role.DEPARTMENT_DIRECTOR):
        return Q(department_id=profile.department_id)
    if actor.role in (Role.INSURANCE_OFFICE, Role.DEAN):
        return Q(institution_id=profile.institution_id)
    if actor.role in (Role.CENTER_REVIEWER, Role.SUPERVISOR):
        return Q(insured_city_id=profile.city_id)
    if actor.role == Role.ADMINISTRATOR:
        return Q()
    return None


def referral_list_for(*, user, state: str = "") -> QuerySet[Referral]:
    visible = referral_visibility(user)
    if visible is None:
        return Referral.objects.none()
    referrals = Referral.objects.filter(visible).select_related(*CASE_JOINS)
    if state in State.values:
        referrals = referrals.filter(state=state)
    return referrals.order_by("-created")


def referral_get_for(*, user, pk: int) -> Referral | None:
    """The referral, if ``user`` may see it."""
    return referral_list_for(user=user).filter(pk=pk).first()


def referral_tasks_for(*, user) -> QuerySet[Task]:
    """Open referral tasks that are ``user``'s to act on: their step, their scope."""
    actor = actor_of(user)
    tasks = Task.objects.filter(status__in=OPEN).select_related(
        *(f"process__referral__{join}" for join in CASE_JOINS)
    )
    scope = _task_scope(actor)
    if scope is None or not user.has_perm(PERMISSION_OF_STEP[scope[0]]):
        return tasks.none()
    step, condition = scope
    return tasks.filter(condition, flow_task=getattr(ReferralFlow, step)).order_by("-created")


def _task_scope(actor) -> tuple[Step, Q] | None:
    profile = actor.profile
    if actor.role == Role.ATTENDING_PHYSICIAN:
        return Step.PROPOSE, Q(owner=actor.user, process__referral__state=State.DRAFT)
    if actor.role == Role.DEPARTMENT_DIRECTOR:
        return Step.DIRECTOR_REVIEW, Q(
            process__referral__department_id=profile.department_id,
            process__referral__state=State.PROPOSED,
        )
    if actor.role == Role.INSURANCE_OFFICE:
        return Step.OFFICE_REVIEW, Q(
            process__referral__institution_id=profile.institution_id,
            process__referral__state=State.DEPARTMENT_APPROVED,
        )
    if actor.role == Role.DEAN:
        return Step.DEAN_SIGN, Q(
            process__referral__institution_id=profile.institution_id,
            process__referral__state=State.OFFICE_REVIEWED,
        )
    if actor.role == Role.CENTER_REVIEWER:
        return Step.CENTER_APPROVE, Q(
            process__referral__insured_city_id=profile.city_id,
            process__referral__state=State.DEAN_SIGNED,
        )
    return None
