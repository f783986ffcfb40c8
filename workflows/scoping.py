"""Scopes every case type shares: who sees a person's case, which city a reviewer serves, and
a case list or case read through such a scope."""

from django.db.models import Q, QuerySet

from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of


def person_case_visibility(user, permission: str) -> Q | None:
    """Cases about an insured person (claims, filings): the person, their employer unit's
    agents, and the center reviewers and supervisors of their insured city. As a filter on
    the case's ``person``, ``unit`` and ``insured_city``; None when the user sees none."""
    if not user.is_authenticated or not user.has_perm(permission):
        return None
    actor = actor_of(user)
    if actor.role == Role.INSURED_PERSON:
        return Q(person=actor.person)
    if actor.role == Role.UNIT_AGENT:
        return Q(unit_id=actor.profile.unit_id)
    if actor.role in (Role.CENTER_REVIEWER, Role.SUPERVISOR):
        return Q(insured_city_id=actor.profile.city_id)
    return None


def center_city_of(user, permission: str) -> int | None:
    """The city a municipal center reviewer with ``permission`` serves; None for anyone else."""
    actor = actor_of(user)
    if actor.role != Role.CENTER_REVIEWER or not user.has_perm(permission):
        return None
    return actor.profile.city_id


def supervised_city_of(user, permission: str) -> int | None:
    """The city a supervisor with ``permission`` supervises; None for anyone else."""
    if not user.is_authenticated or not user.has_perm(permission):
        return None
    actor = actor_of(user)
    return actor.profile.city_id if actor.role == Role.SUPERVISOR else None


def reads_as_center_staff(user, permission: str) -> bool:
    """Center reviewers and supervisors with ``permission``: they read a case's review."""
    return user.has_perm(permission) and actor_of(user).role in (
        Role.CENTER_REVIEWER,
        Role.SUPERVISOR,
    )


def visible_list(model, visible: Q | None, *, joins, states, state: str = "") -> QuerySet:
    """The cases a ``visible`` filter allows, newest first, narrowed to ``state`` if it is one
    of ``states``."""
    if visible is None:
        return model.objects.none()
    cases = model.objects.filter(visible).select_related(*joins)
    if state in states:
        cases = cases.filter(state=state)
    return cases.order_by("-created", "-pk")


def visible_one(model, visible: Q | None, pk: int, *, joins=()):
    """The case ``pk`` if the ``visible`` filter allows it (with ``joins``), else None."""
    if visible is None:
        return None
    cases = model.objects.filter(visible, pk=pk)
    if joins:
        cases = cases.select_related(*joins)
    return cases.first()
