"""Who reads the access log: a supervisor searches their city's, an insured person sees who
looked at their own records. Every page of the log asks here."""

from workflows.registry.models import InsuredPerson
from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of


def searched_city(*, user) -> int | None:
    """The city whose people's access records ``user`` may search: a supervisor's own."""
    if not user.is_authenticated or not user.has_perm("audit.search_accessrecord"):
        return None
    actor = actor_of(user)
    if actor.role != Role.SUPERVISOR:
        return None
    return actor.profile.city_id


def own_records_person(*, user) -> InsuredPerson | None:
    """The insured person ``user`` is, who may see who looked at their records; else None."""
    if not user.is_authenticated or not user.has_perm("audit.see_own_accessrecord"):
        return None
    return actor_of(user).person
