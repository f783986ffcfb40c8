"""Who may see and do what with an off-site filing: the role (a Django group with its
permission) and the scope (the filing unit, the person, their insured city). Every view,
selector and service asks here; nothing else decides it."""

from django.db.models import Q

from workflows import clock
from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of
from workflows.scoping import (
    center_city_of,
    person_case_visibility,
    reads_as_center_staff,
    supervised_city_of,
)

VIEW = "resettlement.view_filing"
PREPARE = "resettlement.prepare_filing"
REVIEW = "resettlement.review_filing"
ROLE_PERMISSIONS = {
    Role.INSURED_PERSON: [VIEW, PREPARE],
    Role.UNIT_AGENT: [VIEW, PREPARE],
    Role.CENTER_REVIEWER: [VIEW, REVIEW],
    Role.SUPERVISOR: [VIEW],
}


def unit_exists(unit, *, today=None) -> bool:
    """A unit that has not been dissolved (by ``today``)."""
    today = today or clock.today()
    return unit is not None and (unit.dissolved_on is None or unit.dissolved_on > today)


def files_for_themself(person, *, today=None) -> bool:
    """A person files for themself only without a unit: it was dissolved, or they have none."""
    return not unit_exists(person.unit, today=today)


def visible(*, user) -> Q | None:
    """The filings ``user`` may see, as a filter: the person's own, the filing unit's, and
    those of the city a reviewer or supervisor serves; None when they see none at all."""
    return person_case_visibility(user, VIEW)


def may_open(*, user) -> bool:
    """Agents of a unit that exists; insured people whose unit no longer exists (or who have
    none)."""
    if not user.has_perm(PREPARE):
        return False
    actor = actor_of(user)
    if actor.role == Role.UNIT_AGENT:
        return unit_exists(actor.profile.unit)
    return actor.role == Role.INSURED_PERSON and files_for_themself(actor.person)


def may_file_for(*, user, person) -> bool:
    """An agent of an existing unit (whether the person is its member is a rule, with its own
    message), or the person themself (whether they have a unit left is a rule too)."""
    if not user.has_perm(PREPARE):
        return False
    actor = actor_of(user)
    if actor.role == Role.INSURED_PERSON:
        return actor.person.pk == person.pk
    if actor.role == Role.UNIT_AGENT:
        return unit_exists(actor.profile.unit)
    return False


def may_prepare(*, user, case) -> bool:
    """The applicant: the filing unit's agents (the person once the unit is gone), or the
    person where they filed for themself."""
    if not user.has_perm(PREPARE):
        return False
    actor = actor_of(user)
    if actor.role == Role.INSURED_PERSON:
        return actor.person.pk == case.person_id and (
            case.unit_id is None or not unit_exists(case.unit)
        )
    if actor.role == Role.UNIT_AGENT:
        unit = actor.profile.unit
        return case.unit_id is not None and case.unit_id == unit.pk and unit_exists(unit)
    return False


def overdue_watched_city(*, user) -> int | None:
    """The city whose filings' overdue reviews ``user`` watches over (a supervisor's);
    None for anyone else."""
    return supervised_city_of(user, VIEW)


def reviewed_city(*, user) -> int | None:
    """The city whose filings ``user`` reviews (their queue); None for others."""
    return center_city_of(user, REVIEW)


def may_review(*, user, case) -> bool:
    """A reviewer of the municipal center of the person's insured city."""
    city = reviewed_city(user=user)
    return city is not None and city == case.insured_city_id


def may_read_as_staff(*, user) -> bool:
    """Center reviewers and supervisors, who read a filing's review."""
    return reads_as_center_staff(user, VIEW)
