"""Writes of the policy app: saving and loading policies, importing catalogues."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from workflows.registry.models import Region

from .catalogue_csv import CatalogueRow
from .models import CATALOGUE_MODELS, NO_OVERLAP_CONSTRAINT, Policy
from .terms import parse_policy_document


@dataclass(frozen=True)
class ImportCount:
    created: int
    updated: int


def policy_lock_region(*, region_id: int | None) -> None:
    """Make this transaction the only one writing ``region_id``'s policies until it ends.

    The overlap check reads the other policies before the save writes; holding the region's
    row makes the two one step. On PostgreSQL the exclusion constraint of migration 0002 also
    refuses an overlap that got past this (a write outside these services).
    """
    if region_id is not None:
        list(Region.objects.select_for_update().filter(pk=region_id).values_list("pk"))


@transaction.atomic
def policy_save(*, policy: Policy) -> Policy:
    """Validate ``policy`` (terms, dates, no overlap) and save it; ValidationError says why not."""
    policy_lock_region(region_id=policy.region_id)
    policy.full_clean()
    try:
        with transaction.atomic():
            policy.save()
    except IntegrityError as error:
        if _constraint_of(error) == NO_OVERLAP_CONSTRAINT:
            policy.clean()  # names the policy in the way
        raise
    return policy


@transaction.atomic
def policy_load(*, document: object) -> tuple[Policy, bool]:
    """Load a policy file's ``document``; a policy of the same region, scheme and first day is
    updated in place. Returns the policy and whether it is new. ValidationError lists problems.
    """
    parsed = parse_policy_document(document, is_city=_is_city)
    region = Region.objects.get(code=parsed.region)
    policy_lock_region(region_id=region.pk)  # before looking for the policy to update
    policy = Policy.objects.filter(
        region=region, scheme=parsed.scheme, effective_from=parsed.effective_from
    ).first()
    created = policy is None
    if created:
        policy = Policy(region=region, scheme=parsed.scheme, effective_from=parsed.effective_from)
    policy.effective_to = parsed.effective_to
    policy.terms_json = parsed.terms.as_document()
    return policy_save(policy=policy), created


@transaction.atomic
def catalogue_import(*, catalogue: str, rows: Sequence[CatalogueRow]) -> ImportCount:
    """Add or update (by code) the ``rows`` of one catalogue; entries not in them stay."""
    model = CATALOGUE_MODELS[catalogue]
    known = set(model.objects.values_list("code", flat=True))
    model.objects.bulk_create(
        [
            model(
                code=row.code,
                name=row.name,
                catalogue_class=row.catalogue_class,
                price_limit=row.price_limit,
                unit=row.unit,
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "catalogue_class", "price_limit", "unit"],
        batch_size=500,
    )
    updated = sum(row.code in known for row in rows)
    return ImportCount(created=len(rows) - updated, updated=updated)


def _is_city(code: str) -> bool:
    return Region.objects.filter(code=code, level=Region.Level.CITY).exists()


def _constraint_of(error: IntegrityError) -> str | None:
    diagnostics = getattr(error.__cause__, "diag", None)
    return getattr(diagnostics, "constraint_name", None)
