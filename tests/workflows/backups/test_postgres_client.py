"""pg_dump and pg_restore come from Debian's postgresql-client, of the server's version or
later: a missing or older client is refused before anything is written, saying what to install."""

import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.pages import said
from workflows.backups import postgres
from workflows.backups.errors import Refused

pytestmark = pytest.mark.postgres


@pytest.fixture
def old_client(tmp_path, monkeypatch):
    """A PATH whose pg_dump and pg_restore say they are of PostgreSQL 9.6."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    for tool in ("pg_dump", "pg_restore"):
        script = bin_folder / tool
        script.write_text(f'#!/bin/sh\necho "{tool} (PostgreSQL) 9.6.24"\n')
        script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_folder))


def refusal(*arguments: str) -> str:
    with pytest.raises(CommandError) as refused:
        call_command(*arguments, stdout=io.StringIO())
    assert refused.value.returncode == Refused.status
    return str(refused.value)


def test_the_client_s_major_version_is_read_from_what_it_says():
    assert postgres.major("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)") == 15
    assert postgres.major("pg_restore (PostgreSQL) 17.2") == 17


def test_a_pg_dump_older_than_the_server_is_refused_and_no_copy_is_left(db, old_client, tmp_path):
    server = connection.pg_version // 10000
    assert refusal("backup", str(tmp_path / "copies")) == said(
        postgres.OLDER_THAN_SERVER, tool="pg_dump", client=9, needed=server
    )
    assert list((tmp_path / "copies").iterdir()) == []


def test_no_pg_dump_at_all_is_refused_naming_the_package(db, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert refusal("backup", str(tmp_path / "copies")) == said(
        postgres.TOOL_MISSING, tool="pg_dump"
    )


def test_a_copy_made_by_a_newer_pg_dump_is_refused_by_an_older_pg_restore(
    transactional_db, media, target, tmp_path
):
    call_command("backup", str(tmp_path / "copies"), verbosity=0)
    (folder,) = (tmp_path / "copies").iterdir()
    manifest = folder / "manifest.json"
    document = json.loads(manifest.read_text())
    document["tool"] = "pg_dump (PostgreSQL) 99.1"
    manifest.write_text(json.dumps(document))
    installed = postgres.major(postgres.version_of(shutil.which("pg_restore")))
    result = target.restore(str(folder))
    assert result.returncode == Refused.status
    expected = said(postgres.OLDER_THAN_COPY, tool="pg_restore", client=installed, needed=99)
    assert expected in result.stderr
