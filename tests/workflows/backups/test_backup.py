"""A backup is a new folder named by the time, readable by its owner only, with the database,
every uploaded file and a manifest that lists them all; one that cannot be written says where."""

import datetime
import io
import json
import stat

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from tests.pages import said
from workflows.backups import services
from workflows.backups.manifest import manifest_read, manifest_verify
from workflows.backups.media import media_storage

pytestmark = pytest.mark.usefixtures("transactional_db")
AT = datetime.datetime(2026, 12, 2, 2, 30, tzinfo=datetime.UTC)


def test_a_copy_is_a_folder_named_by_the_time_that_only_its_owner_may_read(media, tmp_path):
    folder, _manifest = services.backup_make(into=tmp_path / "copies", at=AT)
    assert folder == tmp_path / "copies" / "20261202T023000Z"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [path.name for path in (tmp_path / "copies").iterdir()] == [folder.name]


def test_two_copies_in_the_same_second_are_two_folders(media, tmp_path):
    first, _ = services.backup_make(into=tmp_path, at=AT)
    second, _ = services.backup_make(into=tmp_path, at=AT)
    assert (first.name, second.name) == ("20261202T023000Z", "20261202T023000Z-2")


def test_the_manifest_lists_every_file_with_its_checksum_and_what_was_copied(media, tmp_path):
    media_storage().save("documents/ef/ef01", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    folder, _ = services.backup_make(into=tmp_path, at=AT)
    document = json.loads((folder / "manifest.json").read_text())
    assert document["made_at"] == "2026-12-02T02:30:00+00:00"
    assert sorted(document["files"]) == sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and path.name != "manifest.json"
    )
    assert "media/documents/ef/ef01" in document["files"]
    assert document["tables"]["registry_user"] == {"rows": 0, "sha256": "0" * 64}
    assert "registry.0001_initial" in document["migrations"]
    manifest_verify(folder, manifest_read(folder))


def test_the_command_says_where_the_copy_is(media, tmp_path):
    output = io.StringIO()
    call_command("backup", str(tmp_path), stdout=output)
    (folder,) = tmp_path.iterdir()
    assert str(folder) in output.getvalue()


def test_a_folder_that_cannot_be_written_is_named(media, tmp_path):
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    with pytest.raises(CommandError) as failed:
        call_command("backup", str(in_the_way / "copies"), stdout=io.StringIO())
    assert str(failed.value) == said(
        services.CANNOT_WRITE, folder=in_the_way / "copies", error="Not a directory"
    )
