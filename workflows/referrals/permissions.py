"""Who may see and do what with a referral: the role (a Django group with its permission) and
the scope (the department, the hospital, the insured city, the person). Every view, selector
and service asks here; nothing else decides it."""

from django.db.models import Q

from workflows.registry.roles import Role
from workflows.registry.selectors import Actor, actor_of

from .choices import STATE_OF_STEP, STEP_OF_STATE, State, Step

VIEW = "referrals.view_referral"
PERMISSION_OF_STEP = {
    Step.PROPOSE: "referrals.propose_referral",
    Step.DIRECTOR_REVIEW: "referrals.review_referral_as_director",
    Step.OFFICE_REVIEW: "referrals.review_referral_as_office",
    Step.DEAN_SIGN: "referrals.sign_referral_as_dean",
    Step.CENTER_APPROVE: "referrals.approve_referral_as_center",
}
ROLE_OF_STEP = {
    Step.PROPOSE: Role.ATTENDING_PHYSICIAN,
    Step.DIRECTOR_REVIEW: Role.DEPARTMENT_DIRECTOR,
    Step.OFFICE_REVIEW: Role.INSURANCE_OFFICE,
    Step.DEAN_SIGN: Role.DEAN,
    Step.CENTER_APPROVE: Role.CENTER_REVIEWER,
}
STEP_OF_ROLE = {role: step for step, role in ROLE_OF_STEP.items()}
ROLE_PERMISSIONS = {
    **{role: [PERMISSION_OF_STEP[step], VIEW] for step, role in ROLE_OF_STEP.items()},
    Role.SUPERVISOR: [VIEW],
    Role.INSURED_PERSON: [VIEW],
    Role.ADMINISTRATOR: [VIEW],
}


def visible(*, user) -> Q | None:
    """The referrals ``user`` may see, as a filter; None when they see none at all.

    Everyone in a referral's chain (its department, its hospital, its insured city's center),
    the supervisors of that city, the patient, and administrators.
    """
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


def may_open(*, user) -> bool:
    """Attending physicians open referrals, in their own department."""
    return actor_of(user).role == Role.ATTENDING_PHYSICIAN and user.has_perm(
        PERMISSION_OF_STEP[Step.PROPOSE]
    )


def signed_step(*, user) -> tuple[Step, dict] | None:
    """The step ``user`` signs, and the referrals waiting for them at it, as field values;
    None for someone who signs no step. The one rule of whose step is whose: ``may_act``
    reads it for one referral, the inbox as a filter on its queue index."""
    actor = actor_of(user)
    step = STEP_OF_ROLE.get(actor.role)
    if step is None or not user.has_perm(PERMISSION_OF_STEP[step]):
        return None
    return step, {**_scope(actor, step), "state": STATE_OF_STEP[step]}


def may_act(*, user, case, step: Step) -> bool:
    """Whether ``step`` of the referral ``case`` is ``user``'s: its role, its permission and
    the referral in their scope (whatever state the referral is in)."""
    signed = signed_step(user=user)
    if signed is None or signed[0] != step:
        return False
    scope = _scope(actor_of(user), step)
    return all(getattr(case, field) == value for field, value in scope.items())


def may_decide(*, user, case) -> bool:
    """Whether the step the referral waits for is ``user``'s."""
    step = STEP_OF_STATE.get(case.state)
    return step is not None and may_act(user=user, case=case, step=step)


def may_withdraw(*, user, case) -> bool:
    """Only the physician who proposed it."""
    return may_open(user=user) and case.proposed_by_id == user.pk


def may_record_transfer(*, user, case) -> bool:
    """The proposing department's physicians or the hospital's insurance office."""
    actor = actor_of(user)
    if actor.role == Role.ATTENDING_PHYSICIAN:
        return actor.profile.department_id == case.department_id
    if actor.role == Role.INSURANCE_OFFICE:
        return actor.profile.institution_id == case.institution_id
    return False


# Whose lateness goes where: the hospital's medical-insurance office watches over the
# department director's and the dean's signatures; the supervisors of the insured city over
# the office's own review and the center's approval.
OFFICE_WATCHES = (Step.DIRECTOR_REVIEW, Step.DEAN_SIGN)
SUPERVISOR_WATCHES = (Step.OFFICE_REVIEW, Step.CENTER_APPROVE)


def overdue_watched(*, user) -> tuple[dict, list[State]] | None:
    """The referrals whose overdue steps ``user`` watches over: their scope, as field values,
    and the states waiting for those steps; None for someone who watches none."""
    if not user.is_authenticated or not user.has_perm(VIEW):
        return None
    actor = actor_of(user)
    if actor.role == Role.INSURANCE_OFFICE:
        scope, steps = {"institution_id": actor.profile.institution_id}, OFFICE_WATCHES
    elif actor.role == Role.SUPERVISOR:
        scope, steps = {"insured_city_id": actor.profile.city_id}, SUPERVISOR_WATCHES
    else:
        return None
    return scope, [STATE_OF_STEP[step] for step in steps]


def _scope(actor: Actor, step: Step) -> dict:
    """The referral fields that must hold the actor's own values for ``step`` to be theirs."""
    profile = actor.profile
    if step == Step.PROPOSE:
        return {"proposed_by_id": actor.user.pk, "department_id": profile.department_id}
    if step == Step.DIRECTOR_REVIEW:
        return {"department_id": profile.department_id}
    if step in (Step.OFFICE_REVIEW, Step.DEAN_SIGN):
        return {"institution_id": profile.institution_id}
    return {"insured_city_id": profile.city_id}
