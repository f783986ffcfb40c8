"""Send each person the day's email of the notifications they chose to have gathered: what the
worker's schedule does every morning, for cron instead."""

from django.core.management import BaseCommand

from workflows.notifications.tasks import send_digests


class Command(BaseCommand):
    help = "Send the daily email of notifications to each person who chose one (run daily)."

    def handle(self, *args, **options) -> None:
        sent = send_digests()
        if options["verbosity"] > 1 or sent:
            self.stdout.write(f"{sent} daily email(s) sent")
