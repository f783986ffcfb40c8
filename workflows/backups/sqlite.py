"""SQLite: a consistent copy by SQLite's online backup API, restored the same way.

The backup API copies the database's pages in one step while holding a read lock, so the
copy is of one moment even while the site is in use; restoring copies the pages back over
the target, whole. The tables' checksums are read from the copy itself, and after a restore
from the restored database, both through a plain connection (values as SQLite stores them).
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from django.db import connection

from .database import DatabaseCopy, migrations_of
from .manifest import Table, TableDigest

FILE = "database.sqlite3"


def dump(path: Path) -> DatabaseCopy:
    """Copy the database to a new SQLite file at ``path``."""
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
        migrations = migrations_of(copy.execute("SELECT app, name FROM django_migrations"))
        return DatabaseCopy(
            tool=f"SQLite {sqlite3.sqlite_version}",
            migrations=migrations,
            tables=table_checksums(copy),
        )


def restore(path: Path, *, made_by: str, replace: bool) -> dict[str, Table]:
    """Copy the SQLite file at ``path`` over the database (it holds nothing else after)."""
    name = connection.settings_dict["NAME"]
    connection.close()  # its idea of the schema is about to be out of date
    source = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    with closing(source), closing(sqlite3.connect(name, uri=True)) as target:
        source.backup(target)
        return table_checksums(target)


def table_checksums(database: sqlite3.Connection) -> dict[str, Table]:
    """Each table's rows and checksum, every row as the values SQLite holds."""
    names = database.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    tables = {}
    for (table,) in names.fetchall():
        digest = TableDigest()
        quoted = table.replace('"', '""')
        for row in database.execute(f'SELECT * FROM "{quoted}"'):  # noqa: S608 (a table's name)
            digest.add(repr(row).encode())
        tables[table] = digest.table()
    return tables
