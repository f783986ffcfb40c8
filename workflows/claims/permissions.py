"""Who may see and do what with a claim and with a unit's batch: the role (a Django group with
its permission) and the scope (the person, their unit, their insured city). Every view,
selector and service asks here; nothing else decides it."""

from django.db.models import Q

from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of
from workflows.scoping import (
    center_city_of,
    person_case_visibility,
    reads_as_center_staff,
    supervised_city_of,
)

VIEW = "claims.view_claim"
PREPARE = "claims.prepare_claim"
REVIEW = "claims.review_claim"
ROLE_PERMISSIONS = {
    Role.INSURED_PERSON: [VIEW, PREPARE],
    Role.UNIT_AGENT: [VIEW, PREPARE],
    Role.CENTER_REVIEWER: [VIEW, REVIEW],
    Role.SUPERVISOR: [VIEW],
}
# Nobody else sees a claim: its files are medical records and bills.


def visible(*, user) -> Q | None:
    """The claims ``user`` may see, as a filter: the claimant's own, their unit's, and those
    of the city a reviewer or supervisor serves; None when they see none at all."""
    return person_case_visibility(user, VIEW)


def may_open(*, user) -> bool:
    """Insured people open claims for themselves, unit agents for the unit's people."""
    return user.has_perm(PREPARE) and actor_of(user).role in (
        Role.INSURED_PERSON,
        Role.UNIT_AGENT,
    )


def may_open_for(*, user, person) -> bool:
    """The person themself, or an agent of the employer unit the person belongs to."""
    return _claimant_or_agent(user, person_id=person.pk, unit_id=person.unit_id)


def may_prepare(*, user, case) -> bool:
    """The claimant, or an agent of the unit the claimant belonged to when it was opened."""
    return _claimant_or_agent(user, person_id=case.person_id, unit_id=case.unit_id)


def overdue_watched_city(*, user) -> int | None:
    """The city whose claims' overdue reviews and payments ``user`` watches over (a supervisor's);
    None for anyone else."""
    return supervised_city_of(user, VIEW)


def reviewed_city(*, user) -> int | None:
    """The city whose claims ``user`` reviews and pays (their queue); None for others."""
    return center_city_of(user, REVIEW)


def may_review(*, user, case) -> bool:
    """A reviewer of the municipal center of the claimant's insured city."""
    city = reviewed_city(user=user)
    return city is not None and city == case.insured_city_id


def batches_visible(*, user) -> Q | None:
    """The batches ``user`` may see: their unit's, or their city's; None when none at all."""
    if not user.is_authenticated or not user.has_perm(VIEW):
        return None
    actor = actor_of(user)
    if actor.role == Role.UNIT_AGENT:
        return Q(unit_id=actor.profile.unit_id)
    if actor.role in (Role.CENTER_REVIEWER, Role.SUPERVISOR):
        return Q(city_id=actor.profile.city_id)
    return None


def batch_unit_of(*, user):
    """The unit whose batches ``user`` prepares (they are its agent); None for others."""
    actor = actor_of(user)
    if actor.role != Role.UNIT_AGENT or not user.has_perm(PREPARE):
        return None
    return actor.profile.unit


def may_prepare_batch(*, user, batch) -> bool:
    """An agent of the batch's unit."""
    unit = batch_unit_of(user=user)
    return unit is not None and unit.pk == batch.unit_id


def may_review_batch(*, user, batch) -> bool:
    """A reviewer of the municipal center of the batch's (the unit's) city."""
    city = reviewed_city(user=user)
    return city is not None and city == batch.city_id


def may_read_as_staff(*, user) -> bool:
    """Center reviewers and supervisors, who read a claim's review (lines, flags, filings)."""
    return reads_as_center_staff(user, VIEW)


def _claimant_or_agent(user, *, person_id: int, unit_id: int | None) -> bool:
    if not user.has_perm(PREPARE):
        return False
    actor = actor_of(user)
    if actor.role == Role.INSURED_PERSON:
        return actor.person.pk == person_id
    if actor.role == Role.UNIT_AGENT:
        return unit_id is not None and unit_id == actor.profile.unit_id
    return False
