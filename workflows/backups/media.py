"""The uploaded documents' part of a copy: every file of the default storage (MEDIA_ROOT)."""

from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.utils.translation import gettext_lazy as _

from .errors import BackupError, Refused
from .manifest import MEDIA, Stored, stream_sha256

NOT_EMPTY = _(
    "The media folder to restore into is not empty: it holds files (%(file)s among them). "
    "Restore into an empty one, or give --replace. Nothing was restored."
)
NOT_SAVED_AS = _("%(file)s could not be restored under its own name (the storage chose %(name)s).")
RESTORED_FILE_DIFFERS = _(
    "After restoring, %(file)s in the media folder does not match its SHA-256 in the manifest."
)


def media_storage() -> Storage:
    """Where uploads are kept: MEDIA_ROOT, or whatever storage is configured as the default."""
    return storages["default"]


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name in ``storage`` under ``folder``, at any depth, in order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a MEDIA_ROOT nothing was ever uploaded to
        return
    prefix = f"{folder}/" if folder else ""
    yield from (prefix + name for name in sorted(files))
    for name in sorted(folders):
        yield from stored_names(storage, prefix + name)


def media_copy(storage: Storage, folder: Path) -> dict[str, Stored]:
    """Copy every stored file into ``folder``/media; each one's checksum, by its copy's name."""
    copied = {}
    for name in stored_names(storage):
        target = folder / MEDIA / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, target.open("wb") as into:
            checksum = stream_sha256(source, into=into)
        copied[f"{MEDIA}/{name}"] = Stored(sha256=checksum, size=target.stat().st_size)
    return copied


def refuse_unless_empty(storage: Storage) -> None:
    first = next(stored_names(storage), None)
    if first is not None:
        raise Refused(NOT_EMPTY, file=first)


def media_restore(storage: Storage, folder: Path, files: dict[str, Stored]) -> None:
    """Store each of ``files`` (by their names in the storage) from the copy in ``folder``,
    in place of any file of the same name."""
    for name in sorted(files):
        if storage.exists(name):
            storage.delete(name)
        with (folder / MEDIA / name).open("rb") as source:
            saved = storage.save(name, File(source, name=name))
        if saved != name:
            raise BackupError(NOT_SAVED_AS, file=name, name=saved)


def media_verify(storage: Storage, files: dict[str, Stored]) -> None:
    """Read every restored file back and check it against the manifest."""
    for name, stored in sorted(files.items()):
        with storage.open(name, "rb") as restored:
            if stream_sha256(restored) != stored.sha256:
                raise BackupError(RESTORED_FILE_DIFFERS, file=name)
