"""A copy's manifest: what it holds, and the SHA-256 of each of its files, checked before use.

A copy is a folder::

    manifest.json          this manifest
    database.dump          pg_dump's custom format (PostgreSQL), or
    database.sqlite3       a copy made by SQLite's online backup API
    media/...              every file of the default storage (MEDIA_ROOT), under its own name

The manifest names every file of the copy but itself with its SHA-256 and size, and says when
the copy was made, of which database (vendor, the tool that copied it), which migrations had
been applied, and each table's rows and checksum, which the restore checks the restored
database against.
"""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _

from .errors import Refused

MANIFEST = "manifest.json"
MEDIA = "media"
FORMAT = 1
CHUNK = 1 << 20

NO_SUCH_FOLDER = _("There is no folder %(folder)s.")
NOT_A_COPY = _("%(folder)s is not a backup: it has no %(manifest)s.")
UNREADABLE_MANIFEST = _("The manifest %(file)s cannot be read: %(error)s.")
UNSAFE_NAME = _("The manifest %(file)s names a file outside its folder: %(name)s.")
FILE_MISSING = _("%(file)s is missing: the manifest lists it. Nothing was restored.")
FILE_CHANGED = _(
    "%(file)s does not match its SHA-256 in the manifest: the copy is damaged or was changed. "
    "Nothing was restored."
)


@dataclass(frozen=True)
class Stored:
    """One file of a copy: its checksum and size."""

    sha256: str
    size: int


@dataclass(frozen=True)
class Table:
    """One table of the copied database: its rows and their order-free checksum."""

    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    made_at: datetime.datetime
    vendor: str
    tool: str
    database_file: str
    migrations: list[str]
    tables: dict[str, Table]
    files: dict[str, Stored] = field(default_factory=dict)

    def media_files(self) -> dict[str, Stored]:
        """The media files, by their name in the storage."""
        prefix = f"{MEDIA}/"
        return {
            name.removeprefix(prefix): stored
            for name, stored in self.files.items()
            if name.startswith(prefix)
        }

    def write(self, folder: Path) -> None:
        document = {"format": FORMAT, **asdict(self), "made_at": self.made_at.isoformat()}
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
        (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def manifest_read(folder: Path) -> Manifest:
    """The manifest of the copy in ``folder``; Refused if there is none or it is not one."""
    if not folder.is_dir():
        raise Refused(NO_SUCH_FOLDER, folder=folder)
    path = folder / MANIFEST
    if not path.is_file():
        raise Refused(NOT_A_COPY, folder=folder, manifest=MANIFEST)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(
            made_at=datetime.datetime.fromisoformat(document["made_at"]),
            vendor=document["vendor"],
            tool=document["tool"],
            database_file=document["database_file"],
            migrations=list(document["migrations"]),
            tables={name: Table(**table) for name, table in document["tables"].items()},
            files={name: Stored(**stored) for name, stored in document["files"].items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise Refused(UNREADABLE_MANIFEST, file=path, error=repr(error)) from None
    for name in [manifest.database_file, *manifest.files]:
        if not is_inside(name):
            raise Refused(UNSAFE_NAME, file=path, name=name)
    return manifest


def is_inside(name: str) -> bool:
    """Whether ``name`` stays inside the copy's folder (the manifest may have been edited)."""
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def manifest_verify(folder: Path, manifest: Manifest) -> None:
    """Check every file the manifest lists against its checksum; Refused naming the first
    that is missing or differs."""
    for name, stored in sorted(manifest.files.items()):
        path = folder / name
        if not path.is_file():
            raise Refused(FILE_MISSING, file=path)
        if path.stat().st_size != stored.size or file_sha256(path) != stored.sha256:
            raise Refused(FILE_CHANGED, file=path)


def file_sha256(path: Path) -> str:
    with path.open("rb") as file:
        return stream_sha256(file)


def stream_sha256(source: BinaryIO, *, into: BinaryIO | None = None) -> str:
    """The SHA-256 of what ``source`` holds, written on to ``into`` as it is read."""
    digest = hashlib.sha256()
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        if into is not None:
            into.write(chunk)
    return digest.hexdigest()


class TableDigest:
    """A table's rows and the sum of their SHA-256s (mod 2**256): a checksum that does not
    depend on the order the rows come back in, which a restored table need not keep."""

    def __init__(self) -> None:
        self.rows = 0
        self.total = 0

    def add(self, row: bytes) -> None:
        self.rows += 1
        self.total = (self.total + int.from_bytes(hashlib.sha256(row).digest())) % (1 << 256)

    def table(self) -> Table:
        return Table(rows=self.rows, sha256=f"{self.total:064x}")
