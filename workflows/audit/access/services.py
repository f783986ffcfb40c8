"""Writes to the access log: a record of each look at a person's data, and the sweep that
removes the records past their retention.

The pages call these explicitly, after deciding that the user may see what they show, and
each look is one INSERT in the request's own connection (literal SQL, statements.py): no
signal, no middleware guessing which page showed whose data, no worker queue that could lose
it.

On PostgreSQL a record is committed without waiting for the disk to flush it: the table's
trigger turns synchronous_commit off for a transaction that has written nothing before the
record (a page's INSERT in autocommit; migration audit 0007), so the page still sends one
statement. That wait is what made a record cost a page 2 to 5 ms on these machines
(bench/bench_access_log.py), and what it buys is only the last fraction of a second of
records should the database server crash (PostgreSQL flushes them within three times its
wal_writer_delay, 600 ms by default), never the database's consistency. A transaction that
has changed a case keeps its commit as it was. ACCESS_LOG_SYNCHRONOUS_COMMIT turns the wait
back on.
"""

import datetime
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from workflows import clock
from workflows.registry.models import InsuredPerson
from workflows.registry.selectors import actor_of, organisation_of
from workflows.web import client_ip

from .models import Access, AccessRecord
from .statements import insert_access_records


def personal_data_viewed(
    *, user, person: InsuredPerson, case, what: Access, request, document=None
) -> None:
    """Record that ``user`` saw ``person``'s data in ``case`` (``what``: viewed, downloaded,
    printed, exported; ``document``, the file downloaded), from ``request``'s address."""
    looked = _looked(user=user, case=case, what=what, request=request, document=document)
    with _committed():
        insert_access_records([{**looked, "person_id": person.pk}])


def personal_data_listed(*, user, people: Iterable[InsuredPerson], case, request) -> None:
    """Record that ``user`` saw a page of ``case`` listing ``people`` (a unit's batch): one
    record for each person, all in one INSERT."""
    looked = _looked(user=user, case=case, what=Access.VIEWED, request=request, document=None)
    distinct = {person.pk: person for person in people}
    if not distinct:
        return
    with _committed():
        insert_access_records([{**looked, "person_id": pk} for pk in distinct])


EXPORT_BATCH = 500  # records an INSERT holds: 13 values each, well within a statement's limit


def personal_data_exported(*, user, cases: list, request) -> None:
    """Record that ``user`` exported ``cases`` (each with its ``person_id``) in one file: one
    record for each case's person, inserted a few hundred at a time."""
    if not cases:
        return
    looked = _looked(user=user, case=cases[0], what=Access.EXPORTED, request=request, document=None)
    rows = [
        {**looked, "case_id": case.pk, "case_number": case.number, "person_id": case.person_id}
        for case in cases
    ]
    with _committed():
        for start in range(0, len(rows), EXPORT_BATCH):
            insert_access_records(rows[start : start + EXPORT_BATCH])


@contextmanager
def _committed():
    """The record's INSERT as it is (the trigger makes its commit asynchronous), or, when the
    settings ask each record to wait for the disk, in a transaction that asks for the wait."""
    if connection.vendor != "postgresql" or not settings.ACCESS_LOG_SYNCHRONOUS_COMMIT:
        yield
        return
    with transaction.atomic():
        yield
        with connection.cursor() as cursor:  # after the trigger turned it off
            cursor.execute("SET LOCAL synchronous_commit TO on")


def _looked(*, user, case, what, request, document) -> dict:
    actor = actor_of(user)
    case_type = ContentType.objects.get_for_model(case, for_concrete_model=True)
    return {
        "at": clock.now(),
        "user_id": user.pk,
        "user_name": user.get_full_name(),
        "user_role": actor.role.value if actor.role else "",
        "user_organisation": organisation_of(actor),
        "case_type_id": case_type.pk,
        "case_id": case.pk,
        "case_number": case.number,
        "what": str(what),
        "document_id": document.pk if document else None,
        "ip_address": client_ip(request),
    }


def retention_cutoff(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """The moment before which an access record is past ACCESS_LOG_RETENTION_DAYS."""
    return (now or clock.now()) - datetime.timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)


def access_records_sweep(*, now: datetime.datetime | None = None) -> int:
    """Delete the access records older than the retention; how many went.

    The one delete the log allows: on PostgreSQL its trigger lets a DELETE through only for a
    record older than MINIMUM_RETENTION_DAYS, which the retention is never shorter than.
    """
    deleted, _by_model = AccessRecord.objects.filter(at__lt=retention_cutoff(now=now)).delete()
    return deleted
