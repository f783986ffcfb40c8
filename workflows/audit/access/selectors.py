"""Reads of the access log, each already scoped: a city's people, or one person."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from workflows.registry import resident_id

from .models import AccessRecord

JOINS = ("person", "case_type", "document")


def access_records_search(
    *,
    city_id: int,
    person: str = "",
    user: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AccessRecord]:
    """The access records of the people insured in ``city_id``, newest first: of a ``person``
    (part of their name or resident ID), by a ``user`` (part of their name or username), from
    the day ``since`` to the day ``until`` (both included, in the installation's time zone)."""
    records = AccessRecord.objects.filter(person__insured_city_id=city_id)
    if person:
        records = records.filter(
            Q(person__name__icontains=person)
            | Q(person__resident_id__contains=resident_id.normalise(person))
        )
    if user:
        records = records.filter(Q(user_name__icontains=user) | Q(user__username__icontains=user))
    if since:
        records = records.filter(at__gte=_start_of(since))
    if until:
        records = records.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
    return records.select_related(*JOINS).order_by("-at", "-id")


def access_records_of(*, person, other_than) -> QuerySet[AccessRecord]:
    """Who looked at ``person``'s records, newest first: everyone but the user ``other_than``
    (the person themself)."""
    return (
        AccessRecord.objects.filter(person=person)
        .exclude(user=other_than)
        .select_related("case_type", "document")
        .order_by("-at", "-id")
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
