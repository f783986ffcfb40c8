"""Print the two-step code a user's authenticator shows now (DEBUG only: for the demo)."""

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Print the code a user's authenticator app would show now, for trying the demo "
        "without a phone. Works only with DEBUG on."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("two_step_code works only with DEBUG on: it reads a user's key.")
        # The one being set up, else the confirmed one: a user has only one of the two.
        device = (
            TOTPDevice.objects.filter(user__username=username).order_by("confirmed", "-pk").first()
        )
        if device is None:
            raise CommandError(
                f"{username} has no authenticator: sign in as them, and the two-step page "
                "sets one up."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
