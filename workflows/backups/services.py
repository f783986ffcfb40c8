"""Make a copy of the database and the uploaded documents; restore one, checking all of it."""

import datetime
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.utils.translation import gettext_lazy as _

from workflows import clock

from . import database, media
from .bucket import bucket_configured, bucket_send
from .errors import BackupError
from .manifest import Manifest, Stored, file_sha256, manifest_read, manifest_verify

CANNOT_WRITE = _("Cannot write the copy to %(folder)s: %(error)s")
CANNOT_RESTORE_FILES = _("Cannot restore the media files: %(error)s")
RESTORED_TABLE_DIFFERS = _(
    "After restoring, the table %(table)s does not hold what the copy holds (%(rows)s rows, "
    "%(expected)s in the copy)."
)


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    unapplied_migrations: int


def backup_make(*, into: Path, at: datetime.datetime | None = None) -> tuple[Path, Manifest]:
    """Copy the database, then every stored file, into a new folder under ``into`` named by the
    time; send it to the bucket when one is configured. The folder and its manifest.

    The database goes first: a document's file is stored before its row commits and never
    deleted, so every document row in the copy finds its file among the files copied after.
    The copy is made under a hidden name and given its own only once it is whole.
    """
    at = at or clock.now()
    partial, folder = folder_for(into, at)
    try:
        manifest = copy_into(partial, at=at)
        partial.rename(folder)
    except BaseException as error:
        shutil.rmtree(partial, ignore_errors=True)
        if isinstance(error, OSError):
            raise BackupError(CANNOT_WRITE, folder=into, error=error.strerror or error) from error
        raise
    if bucket_configured():
        bucket_send(folder, sorted(manifest.files))
    return folder, manifest


def copy_into(folder: Path, *, at: datetime.datetime) -> Manifest:
    engine = database.engine()
    copied = engine.dump(folder / engine.FILE)
    files = {engine.FILE: stored(folder / engine.FILE)}
    files |= media.media_copy(media.media_storage(), folder)
    manifest = Manifest(
        made_at=at,
        vendor=connection.vendor,
        tool=copied.tool,
        database_file=engine.FILE,
        migrations=copied.migrations,
        tables=copied.tables,
        files=files,
    )
    manifest.write(folder)
    return manifest


def folder_for(into: Path, at: datetime.datetime) -> tuple[Path, Path]:
    """A new hidden folder to write in, and the name it takes when whole (only its owner may
    read either: a copy holds everyone's personal data)."""
    name = at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    names = (into / f"{name}{suffix}" for suffix in ("", *(f"-{n}" for n in range(2, 100))))
    folder = next(folder for folder in names if not folder.exists())
    partial = into / f".{folder.name}.partial"
    try:
        into.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial.mkdir(mode=0o700)
    except OSError as error:
        raise BackupError(CANNOT_WRITE, folder=into, error=error.strerror or error) from error
    return partial, folder


def stored(path: Path) -> Stored:
    return Stored(sha256=file_sha256(path), size=path.stat().st_size)


def backup_restore(*, folder: Path, replace: bool = False) -> Restored:
    """Restore the copy in ``folder`` into the database and the media storage.

    Refused, with nothing changed, if the copy is not whole and unchanged (every file against
    its checksum), is of another database vendor, or, unless ``replace``, if the database or
    the media storage is not empty. After restoring, every table and file is checked again.
    """
    manifest = manifest_read(folder)
    manifest_verify(folder, manifest)
    engine = database.engine()
    database.refuse_other_vendor(manifest.vendor)
    storage = media.media_storage()
    if not replace:
        database.refuse_unless_empty()
        media.refuse_unless_empty(storage)
    tables = engine.restore(folder / manifest.database_file, made_by=manifest.tool, replace=replace)
    for table, expected in sorted(manifest.tables.items()):
        found = tables.get(table)
        if found != expected:
            rows = found.rows if found else 0
            raise BackupError(
                RESTORED_TABLE_DIFFERS, table=table, rows=rows, expected=expected.rows
            )
    files = manifest.media_files()
    try:
        media.media_restore(storage, folder, files)
    except OSError as error:
        raise BackupError(CANNOT_RESTORE_FILES, error=error) from error
    media.media_verify(storage, files)
    return Restored(manifest=manifest, unapplied_migrations=database.migrations_unapplied())
