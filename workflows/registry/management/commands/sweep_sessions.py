"""End the sessions idle past their limit and forget the sign-ins of sessions that are gone."""

from django.core.management import BaseCommand

from workflows import clock
from workflows.registry.sessions.services import sign_ins_sweep


class Command(BaseCommand):
    help = (
        "End every session idle past STAFF_IDLE_MINUTES or INSURED_IDLE_MINUTES, clear the "
        "expired sessions (as clearsessions does) and forget the sign-ins of sessions gone."
    )

    def handle(self, *args, **options) -> None:
        forgotten = sign_ins_sweep(now=clock.now())
        self.stdout.write(f"{forgotten} sign-in(s) of ended sessions forgotten.")
