"""A copy goes to an S3-compatible bucket whole and comes back the same (moto's S3, in this
process: no network), and a copy damaged in the bucket is refused like any other."""

import io
import os
import subprocess
import sys

import boto3
import pytest
from django.conf import settings as project_settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from moto import mock_aws

from tests.pages import said
from workflows.backups import bucket, database, manifest
from workflows.backups.manifest import manifest_read, manifest_verify
from workflows.backups.media import media_storage

from .conftest import every_file

pytestmark = pytest.mark.usefixtures("transactional_db")
BUCKET = "yibao-backups"
PREFIX = "nightly"
UPLOAD = "documents/cd/cd0123456789abcdef0123456789abcd"


@pytest.fixture
def s3(settings, monkeypatch):
    """An empty bucket, and the project configured to send its copies there."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.setenv(name, "testing")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.BACKUP_S3_BUCKET = BUCKET
        settings.STORAGES = {
            **settings.STORAGES,
            "backups": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "location": PREFIX, "region_name": "us-east-1"},
            },
        }
        yield client


@pytest.fixture
def copy(s3, media, tmp_path, settings):
    media_storage().save(UPLOAD, ContentFile(b"%PDF-1.7 an upload\n%%EOF\n"))
    settings.BACKUP_DIR = tmp_path / "copies"
    output = io.StringIO()
    call_command("backup", stdout=output)
    (folder,) = settings.BACKUP_DIR.iterdir()
    return folder, output.getvalue()


def in_bucket(s3, folder) -> dict[str, bytes]:
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=f"{PREFIX}/{folder.name}/")["Contents"]
    return {
        item["Key"].removeprefix(f"{PREFIX}/{folder.name}/"): s3.get_object(
            Bucket=BUCKET, Key=item["Key"]
        )["Body"].read()
        for item in listed
    }


def test_every_file_of_a_copy_is_sent_to_the_bucket_byte_for_byte(s3, copy):
    folder, output = copy
    assert in_bucket(s3, folder) == every_file(folder)
    assert f"media/{UPLOAD}" in in_bucket(s3, folder)
    assert f"{BUCKET}" in output.splitlines()[-1]


def test_a_copy_fetched_from_the_bucket_is_the_copy_that_was_sent(s3, copy, tmp_path):
    folder, _output = copy
    fetched = bucket.bucket_fetch(folder.name, tmp_path / "fetched")
    assert every_file(fetched) == every_file(folder)
    manifest_verify(fetched, manifest_read(fetched))


def test_restore_from_the_bucket_fetches_the_copy_then_checks_the_target(
    s3, copy, settings, tmp_path
):
    folder, _output = copy
    sent = every_file(folder)
    settings.BACKUP_DIR = tmp_path / "elsewhere"
    with pytest.raises(CommandError) as refused:
        call_command("restore", folder.name, "--from-bucket", stdout=io.StringIO())
    assert str(refused.value).startswith(str(database.NOT_EMPTY).split("%")[0])
    assert every_file(settings.BACKUP_DIR / folder.name) == sent


def test_a_copy_damaged_in_the_bucket_is_refused_with_the_file_named(s3, copy, settings, tmp_path):
    folder, _output = copy
    key = f"{PREFIX}/{folder.name}/media/{UPLOAD}"
    s3.put_object(Bucket=BUCKET, Key=key, Body=b"%PDF-1.7 something else\n%%EOF\n")
    settings.BACKUP_DIR = tmp_path / "elsewhere"
    with pytest.raises(CommandError) as refused:
        call_command("restore", folder.name, "--from-bucket", stdout=io.StringIO())
    damaged = settings.BACKUP_DIR / folder.name / "media" / UPLOAD
    assert str(refused.value) == said(manifest.FILE_CHANGED, file=damaged)


def test_a_copy_the_bucket_does_not_have_is_refused(s3, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    with pytest.raises(CommandError) as refused:
        call_command("restore", "20261202T023000Z", "--from-bucket", stdout=io.StringIO())
    assert str(refused.value) == said(bucket.NOT_IN_BUCKET, bucket=BUCKET, name="20261202T023000Z")


def test_a_bucket_that_fails_leaves_the_local_copy_whole_and_says_so(s3, media, settings, tmp_path):
    s3.delete_bucket(Bucket=BUCKET)
    settings.BACKUP_DIR = tmp_path / "copies"
    with pytest.raises(CommandError) as failed:
        call_command("backup", stdout=io.StringIO())
    (folder,) = settings.BACKUP_DIR.iterdir()
    assert failed.value.returncode == 1
    heading = said(bucket.SEND_FAILED, folder=folder, bucket=BUCKET, error="")
    assert str(failed.value).startswith(heading)
    manifest_verify(folder, manifest_read(folder))


def test_the_bucket_is_configured_from_the_environment():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        ENV_FILE="",
        SECRET_KEY="tests-only-" + "b" * 50,
        BACKUP_S3_BUCKET="city-backups",
        BACKUP_S3_PREFIX="yibao",
        BACKUP_S3_ENDPOINT_URL="https://s3.example.org",
        BACKUP_S3_REGION="cn-central-1",
        BACKUP_S3_ACCESS_KEY_ID="key-id",
        BACKUP_S3_SECRET_ACCESS_KEY="secret",
    )
    script = "from django.conf import settings; print(settings.STORAGES['backups'])"
    printed = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=project_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for expected in ("city-backups", "'yibao'", "s3.example.org", "cn-central-1", "key-id"):
        assert expected in printed
