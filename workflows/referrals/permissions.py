"""Who may do what to a referral: the role (a group with a permission) and the scope."""

from workflows.registry.roles import Role
from workflows.registry.selectors import Actor, actor_of

from .choices import STEP_OF_STATE, State, Step

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
VIEW = "referrals.view_referral"
ROLE_PERMISSIONS = {
    **{role: [PERMISSION_OF_STEP[step], VIEW] for step, role in ROLE_OF_STEP.items()},
    Role.SUPERVISOR: [VIEW],
    Role.INSURED_PERSON: [VIEW],
    Role.ADMINISTRATOR: [VIEW],
}


def in_scope_for_step(actor: Actor, referral, step: Step) -> bool:
    """Whether ``step`` of ``referral`` lies in ``actor``'s scope (not whether it is theirs)."""
    if step == Step.PROPOSE:
        return referral.proposed_by_id == actor.user.pk and _same_department(actor, referral)
    if step == Step.DIRECTOR_REVIEW:
        return _same_department(actor, referral)
    if step in (Step.OFFICE_REVIEW, Step.DEAN_SIGN):
        return actor.profile is not None and actor.profile.institution_id == referral.institution_id
    return actor.profile is not None and actor.profile.city_id == referral.insured_city_id


def may_act(user, referral, step: Step) -> bool:
    """The role of ``step``, its permission, and the scope of this referral."""
    actor = actor_of(user)
    return (
        actor.role == ROLE_OF_STEP[step]
        and user.has_perm(PERMISSION_OF_STEP[step])
        and in_scope_for_step(actor, referral, step)
    )


def may_decide_current_step(referral, user) -> bool:
    """django-fsm permission of the chain's transitions: is the open step this user's?"""
    step = STEP_OF_STATE.get(State(referral.state))
    return step is not None and may_act(user, referral, step)


def may_withdraw(referral, user) -> bool:
    """Only the physician who proposed it."""
    return (
        actor_of(user).role == Role.ATTENDING_PHYSICIAN
        and user.has_perm(PERMISSION_OF_STEP[Step.PROPOSE])
        and referral.proposed_by_id == user.pk
    )


def may_record_transfer(referral, user) -> bool:
    """The proposing department's physicians or the hospital's insurance office."""
    actor = actor_of(user)
    if actor.role == Role.ATTENDING_PHYSICIAN:
        return _same_department(actor, referral)
    if actor.role == Role.INSURANCE_OFFICE:
        return actor.profile.institution_id == referral.institution_id
    return False


def may_view(user, referral) -> bool:
    """Everyone in the chain of this referral, the supervisors of its city, the person."""
    if not user.has_perm(VIEW):
        return False
    actor = actor_of(user)
    if actor.role == Role.INSURED_PERSON:
        return actor.person.pk == referral.person_id
    if actor.role in (Role.ATTENDING_PHYSICIAN, Role.DEPARTMENT_DIRECTOR):
        return _same_department(actor, referral)
    if actor.role in (Role.INSURANCE_OFFICE, Role.DEAN):
        return actor.profile.institution_id == referral.institution_id
    if actor.role in (Role.CENTER_REVIEWER, Role.SUPERVISOR):
        return actor.profile.city_id == referral.insured_city_id
    return actor.role == Role.ADMINISTRATOR


def _same_department(actor: Actor, referral) -> bool:
    return actor.profile is not None and actor.profile.department_id == referral.department_id
