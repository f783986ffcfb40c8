"""Reads of the policy app: the policy in force, and catalogue entries by code."""

import datetime
from collections.abc import Collection, Mapping

from workflows.registry.models import Region

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
