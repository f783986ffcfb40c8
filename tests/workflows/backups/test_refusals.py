"""A restore refuses, naming why, and changes nothing: no copy there, a copy that is not whole
or was changed (the file named), a database or media folder that is not empty."""

import io
import json
import sqlite3
from contextlib import closing

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from tests.pages import said
from workflows.backups import database, manifest, media
from workflows.backups.errors import Refused
from workflows.backups.media import media_storage
from workflows.registry.models import User

from .conftest import Target

pytestmark = pytest.mark.usefixtures("transactional_db")
UPLOAD = "documents/ab/ab0123456789abcdef0123456789abcd"


@pytest.fixture
def copy(media, tmp_path):
    """A copy of the suite's database (migrated, one user) and of one uploaded file."""
    User.objects.create(username="kept")
    media_storage().save(UPLOAD, ContentFile(b"%PDF-1.7 an upload\n%%EOF\n"))
    call_command("backup", str(tmp_path / "copies"), verbosity=0)
    (folder,) = (tmp_path / "copies").iterdir()
    return folder


def refusal(*arguments: str) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", *arguments, stdout=io.StringIO())
    assert refused.value.returncode == Refused.status
    return str(refused.value)


def test_a_folder_that_does_not_exist_is_refused(tmp_path):
    missing = tmp_path / "20261202T023000Z"
    assert refusal(str(missing)) == said(manifest.NO_SUCH_FOLDER, folder=missing)


def test_a_folder_without_a_manifest_is_not_a_copy(tmp_path):
    assert refusal(str(tmp_path)) == said(
        manifest.NOT_A_COPY, folder=tmp_path, manifest="manifest.json"
    )


def test_a_changed_media_file_is_named_and_nothing_is_restored(copy):
    changed = copy / "media" / UPLOAD
    changed.write_bytes(changed.read_bytes().replace(b"upload", b"UPLOAD"))
    assert refusal(str(copy), "--replace") == said(manifest.FILE_CHANGED, file=changed)
    assert User.objects.filter(username="kept").exists()


def test_a_changed_database_file_is_named(copy):
    dump = next(path for path in copy.iterdir() if path.name.startswith("database."))
    with dump.open("r+b") as file:
        file.seek(-1, 2)
        last = file.read(1)
        file.seek(-1, 2)
        file.write(bytes([last[0] ^ 1]))
    assert refusal(str(copy), "--replace") == said(manifest.FILE_CHANGED, file=dump)


def test_a_missing_file_is_named(copy):
    gone = copy / "media" / UPLOAD
    gone.unlink()
    assert refusal(str(copy), "--replace") == said(manifest.FILE_MISSING, file=gone)


def test_a_manifest_that_names_a_file_outside_the_copy_is_refused(copy):
    path = copy / "manifest.json"
    document = json.loads(path.read_text())
    document["files"]["media/../../elsewhere"] = {"sha256": "0" * 64, "size": 1}
    path.write_text(json.dumps(document))
    assert refusal(str(copy)) == said(manifest.UNSAFE_NAME, file=path, name="media/../../elsewhere")


def test_a_database_that_is_not_empty_is_refused_and_left_as_it_was(copy, media):
    users = list(User.objects.values_list("username", flat=True))
    first_tables = sorted(connection.introspection.table_names(include_views=True))[:3]
    assert refusal(str(copy)) == said(database.NOT_EMPTY, table=", ".join(first_tables))
    assert list(User.objects.values_list("username", flat=True)) == users
    assert media_storage().exists(UPLOAD)


def test_a_media_folder_that_is_not_empty_is_refused_and_the_database_left_empty(copy, target):
    target.media.mkdir()
    (target.media / "left-here.pdf").write_bytes(b"%PDF-1.7\n")
    result = target.restore(str(copy))
    assert result.returncode == Refused.status
    assert said(media.NOT_EMPTY, file="left-here.pdf") in result.stderr
    with closing(target.open()) as restored, closing(restored.cursor()) as cursor:
        if isinstance(restored, sqlite3.Connection):
            cursor.execute("SELECT count(*) FROM sqlite_master")
        else:
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert cursor.fetchone() == (0,)


@pytest.mark.postgres
def test_a_copy_of_postgresql_is_refused_by_a_sqlite_database(copy, tmp_path):
    target = Target(f"sqlite:///{tmp_path / 'other.sqlite3'}", tmp_path / "other-media")
    result = target.restore(str(copy))
    assert result.returncode == Refused.status
    assert said(database.OTHER_VENDOR, copy="postgresql", target="sqlite") in result.stderr


def test_the_refusals_are_said_in_the_language_of_the_installation(tmp_path):
    missing = tmp_path / "nothing-here"
    assert refusal(str(missing)) == f"没有文件夹 {missing}。"
