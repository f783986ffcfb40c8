"""The demo region, loaded once per test process and then written back for each test in bulk.

``load_demo`` makes some five hundred statements through the services and the admin's rules;
most tests start from its rows. A ``Snapshot`` runs its ``load`` the first time a test asks for
it, keeps the rows the load added (every table's, the many-to-many ones included), and for the
next tests inserts the same rows with one statement per table. The rows are the load's own, so
a test sees exactly what ``load`` would have made.

A test that flushes the database (a ``transactional_db`` test, a live server's) makes Django
create the content types and permissions again, under other keys: the kept rows would point
at the old ones. So the snapshot remembers the keys it was taken under, and where they differ
it runs its ``load`` again and keeps that instead.
"""

import hashlib
from collections.abc import Callable

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction


def _models() -> list:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    ]


def _keys(model) -> set:
    return set(model._base_manager.values_list("pk", flat=True))


def _groundwork() -> str:
    """A digest of the keys of what migrating makes (content types, permissions)."""
    rows = [
        *ContentType.objects.order_by("pk").values_list("pk", "app_label", "model"),
        *Permission.objects.order_by("pk").values_list("pk", "content_type_id", "codename"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _prepared(row, fields) -> tuple:
    return tuple(
        field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields
    )


class Snapshot:
    """``load``'s rows, kept after its first run and inserted again for each later test."""

    def __init__(self, load: Callable[[], None]):
        self.load = load
        self.groundwork: str | None = None
        self.tables: list[tuple[str, list[str], list[tuple]]] = []

    def __call__(self) -> None:
        if self.groundwork is not None and self.groundwork == _groundwork():
            self._insert()
        else:
            self._take()

    def _take(self) -> None:
        before = {model: _keys(model) for model in _models()}
        self.load()
        self.tables = []
        for model, keys in before.items():
            added = model._base_manager.exclude(pk__in=keys) if keys else model._base_manager.all()
            fields = model._meta.local_concrete_fields
            rows = [_prepared(row, fields) for row in added.order_by("pk")]
            if rows:
                self.tables.append((model._meta.db_table, [field.column for field in fields], rows))
        self.groundwork = _groundwork()

    def _insert(self) -> None:
        # Foreign keys are checked when this transaction commits (Django creates them
        # deferrable), so the tables go in any order; in a test's own transaction, as a savepoint.
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for table, columns, rows in self.tables:
                names = ", ".join(quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)
