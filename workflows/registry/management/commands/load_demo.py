"""Load the demo region (Hubei: Wuhan and Yichang) and its personas; safe to run again."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction

from workflows.registry.roles import sync_roles

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
# In dependency order. Every object has a fixed primary key, so loading again updates the
# same rows instead of adding new ones.
DEMO_FIXTURES = ["demo_region.json"]
DEMO_PASSWORD = "yibao2026"  # every persona's; listed in the README


class Command(BaseCommand):
    help = "Load the demo region and its personas (idempotent)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            sync_roles()
            for name in DEMO_FIXTURES:
                call_command("loaddata", str(FIXTURES_DIR / name), verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo region loaded. Every persona's password: {DEMO_PASSWORD}")
        )
