"""A second place for each copy: an S3-compatible bucket, through django-storages.

Set BACKUP_S3_BUCKET (README, "Configuration") and each copy made is sent there under its
folder's name, its manifest last: a copy whose manifest is in the bucket is there whole. A copy
is fetched back file by file into a local folder, where the restore checks it as any other.
"""

import json
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.utils.translation import gettext_lazy as _

from .errors import BackupError, Refused
from .manifest import MANIFEST, is_inside

STORAGE = "backups"

NOT_CONFIGURED = _("No bucket is configured: set BACKUP_S3_BUCKET.")
SEND_FAILED = _(
    "The copy in %(folder)s is complete, but sending it to the bucket %(bucket)s failed: %(error)s"
)
NOT_IN_BUCKET = _("The bucket %(bucket)s has no copy named %(name)s.")
FETCH_FAILED = _("Fetching %(name)s from the bucket %(bucket)s failed: %(error)s")
FOLDER_EXISTS = _("%(folder)s exists already: restore it as it is, or move it away first.")


def bucket_configured() -> bool:
    return STORAGE in settings.STORAGES


def bucket_storage() -> Storage:
    if not bucket_configured():
        raise Refused(NOT_CONFIGURED)
    return storages[STORAGE]


def bucket_send(folder: Path, names: list[str]) -> None:
    """Send the copy in ``folder`` (its files ``names``, then its manifest) to the bucket."""
    storage = bucket_storage()
    try:
        for name in [*names, MANIFEST]:
            with (folder / name).open("rb") as source:
                storage.save(f"{folder.name}/{name}", File(source, name=name))
    except Exception as error:  # any failure of the network or the bucket's service
        raise BackupError(
            SEND_FAILED, folder=folder, bucket=settings.BACKUP_S3_BUCKET, error=error
        ) from error


def bucket_fetch(name: str, into: Path) -> Path:
    """Fetch the copy ``name`` from the bucket into a new folder ``into``/``name``."""
    storage = bucket_storage()
    if not is_inside(name) or "/" in name:
        raise Refused(NOT_IN_BUCKET, bucket=settings.BACKUP_S3_BUCKET, name=name)
    folder = into / name
    if folder.exists():
        raise Refused(FOLDER_EXISTS, folder=folder)
    try:
        if not storage.exists(f"{name}/{MANIFEST}"):
            raise Refused(NOT_IN_BUCKET, bucket=settings.BACKUP_S3_BUCKET, name=name)
        with storage.open(f"{name}/{MANIFEST}", "rb") as manifest:
            listed = json.load(manifest)["files"]
        for file in [*sorted(name for name in listed if is_inside(name)), MANIFEST]:
            target = folder / file
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with storage.open(f"{name}/{file}", "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy)
    except Refused:
        raise
    except Exception as error:  # any failure of the network, the bucket or its contents
        raise BackupError(
            FETCH_FAILED, name=name, bucket=settings.BACKUP_S3_BUCKET, error=error
        ) from error
    return folder
