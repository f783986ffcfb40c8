"""Reads of the policy app: the policy in force, and catalogue entries by code."""

import datetime
from collections.abc import Collection, Mapping

from django.db.models import QuerySet

from workflows.registry.models import Region
from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of

from .models import CATALOGUE_MODELS, CatalogueEntry, Policy


def policy_in_force(*, region: Region, scheme: str, on: datetime.date) -> Policy | None:
    """The policy of ``region`` and ``scheme`` in force on ``on``; its ``terms`` are read."""
    return (
        Policy.objects.filter(region=region, scheme=scheme)
        .in_force(on=on)
        .select_related("region")
        .first()
    )


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
