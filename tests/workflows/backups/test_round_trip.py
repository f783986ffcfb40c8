"""A copy of the demo, with its cases and documents, restored into a fresh database and media
folder by another process, holds every row of every table and every file, byte for byte."""

import hashlib
import json
from contextlib import closing
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests.pages import said
from workflows.backups.management.commands.restore import UNAPPLIED
from workflows.backups.manifest import MANIFEST
from workflows.documents.models import Document

from .conftest import Target, every_file, every_row, source_connection

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="this run is on PostgreSQL")
# Tables the cases live in: a restore that lost any of them would not be a restore.
CASE_TABLES = (
    "referrals_referral",
    "claims_claim",
    "resettlement_filing",
    "audit_steprecord",
    "documents_document",
    "viewflow_task",
)


def backed_up(tmp_path) -> Path:
    call_command("backup", str(tmp_path / "copies"), verbosity=0)
    (folder,) = (tmp_path / "copies").iterdir()
    return folder


def assert_restored_as_it_was(target, media):
    with closing(source_connection()) as source, closing(target.open()) as restored:
        before, after = every_row(source), every_row(restored)
    assert all(before[table] for table in CASE_TABLES), "the demo has cases in every table"
    assert sorted(after) == sorted(before)
    for table in before:
        assert after[table] == before[table], f"{table} differs after the restore"
    files = every_file(media)
    assert len(files) == Document.objects.count() > 0
    assert every_file(target.media) == files
    for document in Document.objects.all():
        restored_file = (target.media / document.stored_name).read_bytes()
        assert hashlib.sha256(restored_file).hexdigest() == document.sha256


def round_trip(tmp_path, media, target):
    folder = backed_up(tmp_path)
    result = target.restore(str(folder))
    assert result.returncode == 0, result.stderr
    assert_restored_as_it_was(target, media)
    return folder


@pytest.mark.postgres
def test_on_postgresql_the_demo_restores_into_a_fresh_database_byte_identical(
    transactional_db, demo_cases, media, target, tmp_path
):
    folder = round_trip(tmp_path, media, target)
    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["vendor"] == "postgresql"
    assert manifest["tool"].startswith("pg_dump (PostgreSQL) ")
    assert "audit.0002_append_only_trigger" in manifest["migrations"]


@pytest.mark.postgres
def test_on_postgresql_a_restore_keeps_the_append_only_triggers_and_replaces_with_them_in_place(
    transactional_db, demo_cases, media, target, tmp_path
):
    folder = round_trip(tmp_path, media, target)
    again = target.restore(str(folder), "--replace")
    assert again.returncode == 0, again.stderr
    assert_restored_as_it_was(target, media)
    with closing(target.open()) as restored, pytest.raises(Exception, match="append-only"):
        restored.execute("DELETE FROM documents_document")


@on_sqlite
def test_on_sqlite_the_demo_restores_into_a_fresh_database_byte_identical(
    transactional_db, demo_cases, media, target, tmp_path
):
    folder = round_trip(tmp_path, media, target)
    assert json.loads((folder / MANIFEST).read_text())["vendor"] == "sqlite"


@on_sqlite
def test_on_sqlite_replace_restores_over_a_database_that_has_rows(
    transactional_db, demo_cases, media, target, tmp_path
):
    folder = round_trip(tmp_path, media, target)
    with closing(target.open()) as restored, restored:
        restored.execute("DELETE FROM audit_steprecord")
    again = target.restore(str(folder), "--replace")
    assert again.returncode == 0, again.stderr
    assert_restored_as_it_was(target, media)


@on_sqlite
def test_a_copy_of_older_code_is_restored_and_the_migrations_it_lacks_are_counted(tmp_path):
    older = Target(f"sqlite:///{tmp_path / 'older.sqlite3'}", tmp_path / "older-media")
    assert older.manage("migrate", "registry", "--verbosity", "0").returncode == 0
    assert older.manage("backup", str(tmp_path / "copies")).returncode == 0
    (folder,) = (tmp_path / "copies").iterdir()
    applied = set(json.loads((folder / MANIFEST).read_text())["migrations"])
    on_disk = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    fresh = Target(f"sqlite:///{tmp_path / 'fresh.sqlite3'}", tmp_path / "fresh-media")
    result = fresh.restore(str(folder))
    assert result.returncode == 0, result.stderr
    assert said(UNAPPLIED, count=len(on_disk - applied)) in result.stdout
    assert fresh.manage("migrate", "--verbosity", "0").returncode == 0
