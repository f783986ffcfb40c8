"""Fire every due viewflow timer (approvals lapse, temporary filings expire) and record every
open step newly past its due date, or due on the next working day: run it each minute."""

from django.core.management import BaseCommand

from workflows import clock
from workflows.audit.timers import run_workflow_timers


class Command(BaseCommand):
    help = (
        "Fire the workflow timers that are due and record the steps newly past their due "
        "dates (run every minute from cron or a scheduler)."
    )

    def handle(self, *args, **options) -> None:
        fired = run_workflow_timers(now=clock.now())
        if options["verbosity"] > 1 or fired.timers or fired.overdue or fired.reminded:
            line = f"{fired.timers} timer(s) fired, {fired.overdue} step(s) overdue"
            if fired.reminded:
                line += f", {fired.reminded} step(s) due on the next working day"
            self.stdout.write(line)
