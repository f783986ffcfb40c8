"""Reads of the policy app: the policy in force, catalogue entries by code, the cities' own
calendar days."""

import datetime
from collections.abc import Collection, Mapping

from django.db.models import QuerySet

from workflows.registry.models import Region
from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of

from .models import CATALOGUE_MODELS, CalendarDay, CatalogueEntry, Policy


def policy_in_force(*, region: Region, scheme: str, on: datetime.date) -> Policy | None:
    """The policy of ``region`` and ``scheme`` in force on ``on``; its ``terms`` are read."""
    return (
        Policy.objects.filter(region=region, scheme=scheme)
        .in_force(on=on)
        .select_related("region")
        .first()
    )


def policies_of(*, regions: Collection[int], schemes: Collection[str]) -> list[Policy]:
    """Every policy of these cities and schemes, whatever its period (one query)."""
    return list(Policy.objects.filter(region_id__in=set(regions), scheme__in=set(schemes)))


def own_days_of(
    *, regions: Collection[int], since: datetime.date
) -> dict[int, dict[datetime.date, bool]]:
    """city id -> {day: is a working day} of the cities' own calendar days from ``since`` on,
    for each of ``regions`` (one query)."""
    days: dict[int, dict[datetime.date, bool]] = {region: {} for region in regions}
    rows = CalendarDay.objects.filter(region_id__in=set(regions), day__gte=since)
    for region, day, working in rows.values_list("region_id", "day", "is_working_day"):
        days[region][day] = working
    return days


def catalogue_entries_by_code(
    *, codes: Mapping[str, Collection[str]]
) -> dict[tuple[str, str], CatalogueEntry]:
    """(catalogue, code) -> entry for the ``codes`` of each catalogue; one query a catalogue."""
    found = {}
    for catalogue, wanted in codes.items():
        for entry in CATALOGUE_MODELS[catalogue].objects.filter(code__in=set(wanted)):
            found[catalogue, entry.code] = entry
    return found


def policies_visible_to(user) -> QuerySet[Policy] | None:
    """The policies ``user`` may read: every city's for an administrator, their own city's for
    a center reviewer or a supervisor; None for anyone else."""
    if not user.is_authenticated or not user.has_perm("policy.view_policy"):
        return None
    policies = Policy.objects.select_related("region__parent")
    actor = actor_of(user)
    if actor.role == Role.ADMINISTRATOR:
        return policies
    if actor.role in (Role.CENTER_REVIEWER, Role.SUPERVISOR):
        return policies.filter(region_id=actor.profile.city_id)
    return None
