"""Where document files live: a private folder under MEDIA_ROOT, under random names."""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.storage import FileSystemStorage, Storage, storages

from .validation import CheckedUpload

FOLDER = "documents"


@dataclass(frozen=True)
class StoredFile:
    """A checked upload written to storage under ``name``."""

    upload: CheckedUpload
    name: str


def document_storage() -> Storage:
    """The project's default storage: MEDIA_ROOT, never served by any URL of its own."""
    return storages["default"]


def new_name() -> str:
    """A name nobody can guess (128 random bits), spread over 256 folders, no extension."""
    token = secrets.token_hex(16)
    return f"{FOLDER}/{token[:2]}/{token}"


@contextmanager
def stored(upload: CheckedUpload) -> Iterator[StoredFile]:
    """Write ``upload`` before its row is recorded; delete it again if the block fails.

    Use it around the transaction that records the row (``with stored(u) as f,
    transaction.atomic(): ...``): the file is on disk before the row commits, so a committed
    row never lacks its file, and a row that does not commit takes its file with it. A process
    killed in between leaves a file without a row: ``manage.py sweep_documents`` removes it.
    """
    storage = document_storage()
    name = storage.save(new_name(), upload.file)
    try:
        _sync(storage, name)
        yield StoredFile(upload, name)
    except BaseException:
        storage.delete(name)
        raise


def _sync(storage: Storage, name: str) -> None:
    """Flush a local file to disk, so the row never outlives its file after a power cut."""
    if isinstance(storage, FileSystemStorage):
        descriptor = os.open(storage.path(name), os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
