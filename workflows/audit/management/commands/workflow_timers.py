"""Fire every due viewflow timer (approvals lapse, temporary filings expire): run it each minute."""

from django.core.management import BaseCommand
from viewflow.workflow.timers import fire_due_timers


class Command(BaseCommand):
    help = "Fire the workflow timers that are due (run every minute from cron or a scheduler)."

    def handle(self, *args, **options) -> None:
        fired = fire_due_timers()
        if options["verbosity"] > 1 or fired:
            self.stdout.write(f"{fired} timer(s) fired")
