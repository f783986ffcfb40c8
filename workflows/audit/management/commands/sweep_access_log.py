"""Delete the access records older than ACCESS_LOG_RETENTION_DAYS: run it daily."""

from django.conf import settings
from django.core.management import BaseCommand
from django.utils import timezone

from workflows import clock
from workflows.audit.access.services import access_records_sweep, retention_cutoff


class Command(BaseCommand):
    help = (
        "Delete the access records of personal data older than ACCESS_LOG_RETENTION_DAYS "
        "(run daily from cron or the worker's schedule)."
    )

    def handle(self, *args, **options) -> None:
        now = clock.now()
        cutoff = timezone.localtime(retention_cutoff(now=now))
        removed = access_records_sweep(now=now)
        self.stdout.write(
            f"{removed} access record(s) older than {settings.ACCESS_LOG_RETENTION_DAYS} days "
            f"(before {cutoff:%Y-%m-%d %H:%M}) deleted."
        )
