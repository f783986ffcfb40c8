"""PostgreSQL: pg_dump of one snapshot, pg_restore in one transaction (Debian's postgresql-client).

The dump holds the schema and the data, and is restored whole into an empty database: the
tables are created, their rows copied in, and only then are the indexes, constraints and
triggers made (pg_dump's "post-data"). So the append-only triggers of the step records and the
documents (workflows/audit/append_only.py) are in place after a restore and never in its way;
they refuse UPDATE and DELETE, and a restore does neither: with --replace, pg_restore drops the
tables whole (DROP TABLE, not DELETE) before it makes them again.

The checksums of the tables are read in the very snapshot pg_dump copies (exported from this
connection's transaction), so a copy made while people work still agrees with its manifest.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _
from psycopg import sql

from .database import DatabaseCopy, migrations_of
from .errors import BackupError, Refused
from .manifest import Table, TableDigest

FILE = "database.dump"

TOOL_MISSING = _(
    "%(tool)s is not installed: install Debian's postgresql-client (scripts/system-deps.sh does)."
)
OLDER_THAN_SERVER = _(
    "%(tool)s is of PostgreSQL %(client)s, older than the server (PostgreSQL %(needed)s), which "
    "it cannot copy: install postgresql-client-%(needed)s (the PostgreSQL project's own Debian "
    "packages have it) and try again."
)
OLDER_THAN_COPY = _(
    "%(tool)s is of PostgreSQL %(client)s, older than the pg_dump of PostgreSQL %(needed)s that "
    "made this copy: install postgresql-client-%(needed)s (the PostgreSQL project's own Debian "
    "packages have it) and try again."
)
TOOL_FAILED = _("%(tool)s failed: %(error)s")

# The text a row is checksummed in must not depend on a server's or a session's settings.
STABLE_TEXT = (
    "SET LOCAL datestyle = 'ISO'",
    "SET LOCAL intervalstyle = 'postgres'",
    "SET LOCAL timezone = 'UTC'",
    "SET LOCAL extra_float_digits = 1",
    "SET LOCAL bytea_output = 'hex'",
)


def dump(path: Path) -> DatabaseCopy:
    """pg_dump the database to ``path``, with its tables' checksums from the same snapshot."""
    tool = client("pg_dump", needed=connection.pg_version // 10000, older=OLDER_THAN_SERVER)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        run(tool, "--format=custom", f"--snapshot={snapshot}", f"--file={path}", database())
        tables = table_checksums(cursor)
        cursor.execute("SELECT app, name FROM django_migrations")
        migrations = migrations_of(cursor.fetchall())
    return DatabaseCopy(tool=version_of(tool), migrations=migrations, tables=tables)


def restore(path: Path, *, made_by: str, replace: bool) -> dict[str, Table]:
    """pg_restore the dump at ``path``, all or nothing; the restored tables' checksums."""
    tool = client("pg_restore", needed=major(made_by), older=OLDER_THAN_COPY)
    # Objects are owned by whoever restores, as the copy's owners and grants may not exist here.
    options = ["--no-owner", "--no-acl", "--single-transaction", "--exit-on-error"]
    if replace:
        options += ["--clean", "--if-exists"]
    run(tool, *options, database(), str(path))
    with transaction.atomic(), connection.cursor() as cursor:
        return table_checksums(cursor)


def table_checksums(cursor) -> dict[str, Table]:
    """Each table's rows and checksum: every row as PostgreSQL writes it out in COPY's text."""
    for statement in STABLE_TEXT:
        cursor.execute(statement)
    tables = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        digest = TableDigest()
        query = sql.SQL("COPY (SELECT * FROM {}) TO STDOUT").format(sql.Identifier(table))
        with cursor.copy(query) as copy:
            for row in copy:  # libpq hands COPY's output over one row at a time
                digest.add(bytes(row))
        tables[table] = digest.table()
    return tables


def client(name: str, *, needed: int, older) -> str:
    """The path of the client program ``name``, if it is of PostgreSQL ``needed`` or later."""
    tool = shutil.which(name)
    if tool is None:
        raise Refused(TOOL_MISSING, tool=name)
    version = major(version_of(tool))
    if version < needed:
        raise Refused(older, tool=name, client=version, needed=needed)
    return tool


def version_of(tool: str) -> str:
    """What ``tool --version`` says, such as ``pg_dump (PostgreSQL) 15.20 (Debian ...)``."""
    return subprocess.run(  # noqa: S603 (a program found on PATH, no shell)
        [tool, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


def major(version: str) -> int:
    """The major version in what a client's ``--version`` said."""
    found = re.search(r"\) (\d+)", version)
    return int(found.group(1)) if found else 0


def run(tool: str, *arguments: str) -> None:
    result = subprocess.run(  # noqa: S603 (a program found on PATH, no shell)
        [tool, "--no-password", *arguments],
        env=libpq_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(TOOL_FAILED, tool=Path(tool).name, error=result.stderr.strip())


def database() -> str:
    return f"--dbname={connection.settings_dict['NAME']}"


def libpq_environment() -> dict[str, str]:
    """The environment that points libpq's programs at Django's database."""
    settings_dict = connection.settings_dict
    _arguments, extra = connection.client.settings_to_cmd_args_env(settings_dict, [])
    environment = {**os.environ, **(extra or {})}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    return environment
