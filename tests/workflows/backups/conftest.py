"""Copies made in this process and restored in another, as an operator does, into fresh places."""

import os
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

SECRET_KEY = "tests-only-restore-" + "r" * 40


@pytest.fixture
def demo_cases(world, media):
    """The demo region with the cases ``make run`` adds, their documents in ``media``."""
    call_command("load_demo_cases", verbosity=0)
    return world


@dataclass(frozen=True)
class Target:
    """A database and a media folder of their own, for a restore in another process."""

    database_url: str
    media: Path

    def restore(self, *arguments: str) -> subprocess.CompletedProcess:
        """``manage.py restore`` as an operator runs it: production settings, this target."""
        return self.manage("restore", *arguments)

    def manage(self, *arguments: str) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
        env.update(
            ENV_FILE="",
            SECRET_KEY=SECRET_KEY,
            DATABASE_URL=self.database_url,
            MEDIA_ROOT=str(self.media),
        )
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    def open(self):
        """A plain connection to the target's database (no Django in between)."""
        if self.database_url.startswith("sqlite:"):
            return sqlite3.connect(self.database_url.removeprefix("sqlite:///"))
        return psycopg.connect(self.database_url)


def server_url(name: str) -> str:
    """The URL of database ``name`` on the server the suite's PostgreSQL database is on."""
    db = connection.settings_dict
    user = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
    return f"postgres://{user}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def target(tmp_path):
    """A fresh, empty database of the suite's vendor (SQLite: a new file; PostgreSQL: a new
    database on the same server, dropped after the test) and a fresh media folder."""
    media = tmp_path / "restored-media"
    if connection.vendor == "sqlite":
        yield Target(f"sqlite:///{tmp_path / 'restored.sqlite3'}", media)
        return
    name = f"yibao_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url("postgres"), autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Target(server_url(name), media)
    finally:
        with psycopg.connect(server_url("postgres"), autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def source_connection():
    """A plain connection to the suite's own database, to read it as a target is read."""
    if connection.vendor == "sqlite":
        return sqlite3.connect(connection.settings_dict["NAME"], uri=True)
    return psycopg.connect(server_url(connection.settings_dict["NAME"]))


def every_row(database) -> dict[str, list[tuple]]:
    """Every table's rows, in an order of their own (a table has none)."""
    with closing(database.cursor()) as cursor:
        if isinstance(database, sqlite3.Connection):
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        else:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        tables = sorted(name for (name,) in cursor.fetchall())
        rows = {}
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def every_file(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
