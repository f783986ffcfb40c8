"""Who may do what to a filing: the role (a group with a permission) and the scope."""

from workflows import clock
from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of

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


def may_file_for(user, person) -> bool:
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


def may_prepare(filing, user) -> bool:
    """The applicant: the filing unit's agents (the person once the unit is gone), or the
    person where they filed for themself."""
    if not user.has_perm(PREPARE):
        return False
    actor = actor_of(user)
    if actor.role == Role.INSURED_PERSON:
        return actor.person.pk == filing.person_id and (
            filing.unit_id is None or not unit_exists(filing.unit)
        )
    if actor.role == Role.UNIT_AGENT:
        unit = actor.profile.unit
        return filing.unit_id is not None and filing.unit_id == unit.pk and unit_exists(unit)
    return False


def may_review(filing, user) -> bool:
    """A reviewer of the municipal center of the person's insured city."""
    actor = actor_of(user)
    return (
        actor.role == Role.CENTER_REVIEWER
        and user.has_perm(REVIEW)
        and actor.profile.city_id == filing.insured_city_id
    )


def may_view(user, filing) -> bool:
    """The person, the filing unit's agents, the center and the supervisors of the city."""
    if not user.has_perm(VIEW):
        return False
    actor = actor_of(user)
    if actor.role == Role.INSURED_PERSON:
        return actor.person.pk == filing.person_id
    if actor.role == Role.UNIT_AGENT:
        return filing.unit_id is not None and filing.unit_id == actor.profile.unit_id
    if actor.role in (Role.CENTER_REVIEWER, Role.SUPERVISOR):
        return actor.profile.city_id == filing.insured_city_id
    return False
