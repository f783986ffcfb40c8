"""Writes to the audit trail: one step record per change of a case, and case numbers."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from workflows import clock
from workflows.registry.selectors import Actor, organisation_of

from .models import CaseCounter, StepRecord


def step_record(
    *,
    case,
    actor: Actor | None,
    action: str,
    state_before: str,
    step: str = "",
    opinion: str = "",
    ip_address: str | None = None,
) -> StepRecord:
    """Record one step of ``case``, already saved in its new state (``actor`` None: the system).
    A stand-in's step names the absent person they act for too (registry/standins)."""
    user = actor.user if actor else None
    absent = actor.standing_in_for(clock.today()) if actor else []
    return StepRecord.objects.create(
        case_type=ContentType.objects.get_for_model(case, for_concrete_model=True),
        case_id=case.pk,
        case_number=case.number,
        step=step,
        action=action,
        actor=user,
        actor_name=user.get_full_name() if user else "",
        actor_role=actor.role.value if actor and actor.role else "",
        actor_organisation=organisation_of(actor) if actor else "",
        on_behalf_of=absent[0] if absent else None,
        on_behalf_of_name=absent[0].get_full_name() if absent else "",
        opinion=opinion,
        state_before=state_before,
        state_after=case.state,
        at=clock.now(),
        ip_address=ip_address or None,
    )


def next_case_number(*, prefix: str, on: datetime.date) -> str:
    """The next readable case number for ``prefix`` in ``on``'s year, e.g. ZZ2026-000042.

    Call inside the transaction that creates the case: the counter row stays locked until it
    commits, so two cases never get the same number and a rolled-back case frees its number.
    """
    with transaction.atomic():
        counter = _locked_counter(prefix, on.year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{prefix}{on.year}-{counter.last:06d}"


def _locked_counter(prefix: str, year: int) -> CaseCounter:
    counters = CaseCounter.objects.select_for_update()
    try:
        return counters.get(prefix=prefix, year=year)
    except CaseCounter.DoesNotExist:
        try:
            with transaction.atomic():
                CaseCounter.objects.create(prefix=prefix, year=year)
        except IntegrityError:
            pass  # created meanwhile by a concurrent first case of the year
        return counters.get(prefix=prefix, year=year)
