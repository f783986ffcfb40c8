"""Copy the database and the uploaded documents to a new folder (README, "Backups")."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand
from django.utils.translation import ngettext_lazy

from workflows.backups.bucket import bucket_configured
from workflows.backups.errors import BackupError
from workflows.backups.services import backup_make

WRITTEN = ngettext_lazy(
    "Backed up to %(folder)s: the database (%(tables)s tables) and %(files)s file of the "
    "media folder, each with its SHA-256 in %(manifest)s.",
    "Backed up to %(folder)s: the database (%(tables)s tables) and %(files)s files of the "
    "media folder, each with its SHA-256 in %(manifest)s.",
    "files",
)
SENT = ngettext_lazy(
    "Sent to the bucket %(bucket)s as %(name)s (%(files)s file and the manifest).",
    "Sent to the bucket %(bucket)s as %(name)s (%(files)s files and the manifest).",
    "files",
)


class Command(BaseCommand):
    help = (
        "Copy the database (pg_dump, or SQLite's backup API) and every uploaded file, with a "
        "manifest of SHA-256 checksums, to a new folder named by the time (UTC) under FOLDER "
        "or BACKUP_DIR; and to the bucket BACKUP_S3_BUCKET when it is set."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "folder", nargs="?", help="where the new copy's folder goes (default: BACKUP_DIR)"
        )

    def handle(self, *args, folder: str | None, **options) -> None:
        try:
            made, manifest = backup_make(into=Path(folder) if folder else settings.BACKUP_DIR)
        except BackupError as error:
            raise error.as_command_error() from None
        if options["verbosity"]:
            files = len(manifest.media_files())
            self.stdout.write(
                WRITTEN
                % {
                    "folder": made,
                    "tables": len(manifest.tables),
                    "files": files,
                    "manifest": made / "manifest.json",
                }
            )
            if bucket_configured():
                names = {"bucket": settings.BACKUP_S3_BUCKET, "name": made.name}
                self.stdout.write(SENT % {**names, "files": len(manifest.files)})
