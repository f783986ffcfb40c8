"""Delete stored document files that no document row names (left by a process killed mid-upload)."""

import datetime

from django.core.management import BaseCommand

from workflows import clock
from workflows.documents.models import Document
from workflows.documents.storage import FOLDER, document_storage


class Command(BaseCommand):
    help = "Delete document files older than --minutes that no document row names."

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=60,
            help="Leave younger files alone: their upload may still be committing (default 60).",
        )

    def handle(self, *args, minutes: int, **options) -> None:
        storage = document_storage()
        if not storage.exists(FOLDER):
            return
        cutoff = clock.now() - datetime.timedelta(minutes=minutes)
        removed = 0
        for folder in storage.listdir(FOLDER)[0]:
            names = [
                f"{FOLDER}/{folder}/{name}" for name in storage.listdir(f"{FOLDER}/{folder}")[1]
            ]
            known = set(
                Document.objects.filter(stored_name__in=names).values_list("stored_name", flat=True)
            )
            for name in names:
                if name not in known and storage.get_modified_time(name) < cutoff:
                    storage.delete(name)
                    removed += 1
        self.stdout.write(f"{removed} orphaned document file(s) deleted.")
