"""Restore a copy made by ``manage.py backup`` into an empty database and media folder."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from workflows.backups.bucket import bucket_fetch
from workflows.backups.errors import BackupError
from workflows.backups.services import backup_restore

RESTORED = ngettext_lazy(
    "Restored the copy made %(made_at)s from %(folder)s: %(tables)s tables and %(files)s file "
    "of the media folder, each checked against the manifest.",
    "Restored the copy made %(made_at)s from %(folder)s: %(tables)s tables and %(files)s files "
    "of the media folder, each checked against the manifest.",
    "files",
)
UNAPPLIED = ngettext_lazy(
    "This code has %(count)s migration the copy had not applied: run manage.py migrate.",
    "This code has %(count)s migrations the copy had not applied: run manage.py migrate.",
    "count",
)


class Command(BaseCommand):
    help = (
        "Restore a copy made by `manage.py backup` (its folder) into the database DATABASE_URL "
        "names and the media folder, which must both be empty unless --replace is given. "
        "Every file is checked against the manifest before, and every table and file after."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "folder",
            help="the copy's folder; with --from-bucket, its name in the bucket (its time)",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="restore over a database and media folder that are not empty: the copy's "
            "tables and files replace theirs",
        )
        parser.add_argument(
            "--from-bucket",
            action="store_true",
            help="fetch the copy from the bucket BACKUP_S3_BUCKET into BACKUP_DIR first",
        )

    def handle(self, *args, folder: str, replace: bool, from_bucket: bool, **options) -> None:
        try:
            path = bucket_fetch(folder, settings.BACKUP_DIR) if from_bucket else Path(folder)
            restored = backup_restore(folder=path, replace=replace)
        except BackupError as error:
            raise error.as_command_error() from None
        if options["verbosity"]:
            manifest = restored.manifest
            made_at = timezone.localtime(manifest.made_at).strftime("%Y-%m-%d %H:%M")
            files = len(manifest.media_files())
            self.stdout.write(
                RESTORED
                % {
                    "made_at": made_at,
                    "folder": path,
                    "tables": len(manifest.tables),
                    "files": files,
                }
            )
        if restored.unapplied_migrations:
            self.stdout.write(UNAPPLIED % {"count": restored.unapplied_migrations})
