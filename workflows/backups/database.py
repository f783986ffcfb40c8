"""The database's part of a copy: which vendor's way to copy and restore it, and what is in it."""

from dataclasses import dataclass
from types import ModuleType

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext_lazy as _

from .errors import Refused
from .manifest import Table

UNSUPPORTED = _("Backups copy PostgreSQL and SQLite databases, not %(vendor)s.")
OTHER_VENDOR = _(
    "This copy is of a %(copy)s database and the database to restore it into is %(target)s: "
    "set DATABASE_URL to an empty %(copy)s database."
)
NOT_EMPTY = _(
    "The database to restore into is not empty: it has tables (%(table)s among them). Restore "
    "into a new, empty database, or give --replace to replace what it holds. Nothing was "
    "restored."
)


@dataclass(frozen=True)
class DatabaseCopy:
    """What copying the database wrote, besides the file: all of it from one snapshot."""

    tool: str
    migrations: list[str]
    tables: dict[str, Table]


def engine() -> ModuleType:
    """The module that copies and restores this vendor's databases."""
    from . import postgres, sqlite

    engines = {"postgresql": postgres, "sqlite": sqlite}
    if connection.vendor not in engines:
        raise Refused(UNSUPPORTED, vendor=connection.vendor)
    return engines[connection.vendor]


def refuse_other_vendor(vendor: str) -> None:
    if vendor != connection.vendor:
        raise Refused(OTHER_VENDOR, copy=vendor, target=connection.vendor)


def refuse_unless_empty() -> None:
    """Refused if the database has any table or view."""
    tables = sorted(connection.introspection.table_names(include_views=True))
    if tables:
        raise Refused(NOT_EMPTY, table=", ".join(tables[:3]))


def migrations_unapplied() -> int:
    """How many of this code's migrations the (restored) database has not applied."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def migrations_of(rows) -> list[str]:
    """``app.name`` of each row (app, name) of ``django_migrations``, in order."""
    return sorted(f"{app}.{name}" for app, name in rows)
