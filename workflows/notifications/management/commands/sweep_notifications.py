"""Notify the steps whose message to the worker was lost, and send again the mails whose wait
after a failure is over: what the worker's schedule does every minute, for cron instead."""

from django.core.management import BaseCommand

from workflows.notifications.tasks import sweep_notifications


class Command(BaseCommand):
    help = (
        "Notify the recent steps not yet notified and send the mails due again (run every "
        "minute from cron when the worker runs without its schedule)."
    )

    def handle(self, *args, **options) -> None:
        found = sweep_notifications()
        if options["verbosity"] > 1 or found:
            self.stdout.write(f"{found} step(s) notified or mail(s) sent again")
