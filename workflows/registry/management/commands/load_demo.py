"""Load the demo region (Wuhan and Yichang): personas, catalogues, policies; safe to run again."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction

from workflows.registry.roles import sync_roles

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
# In dependency order. Every object has a fixed primary key, so loading again updates the
# same rows instead of adding new ones.
DEMO_FIXTURES = ["demo_region.json"]
# Catalogue entries are matched by code and policies by region, scheme and first day, so these
# too update in place when loaded again.
DEMO_CATALOGUES = {
    "drugs": "catalogue/drugs.csv",
    "treatments": "catalogue/treatments.csv",
    "facilities": "catalogue/facilities.csv",
}
DEMO_POLICIES = sorted((FIXTURES_DIR / "policies").glob("*.json"))
DEMO_PASSWORD = "yibao2026"  # every persona's; listed in the README


class Command(BaseCommand):
    help = "Load the demo region, its personas, catalogues and policies (idempotent)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            sync_roles()
            for name in DEMO_FIXTURES:
                call_command("loaddata", str(FIXTURES_DIR / name), verbosity=0)
            for catalogue, name in DEMO_CATALOGUES.items():
                call_command("import_catalogue", catalogue, str(FIXTURES_DIR / name), verbosity=0)
            for path in DEMO_POLICIES:
                call_command("load_policy", str(path), verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo region loaded. Every persona's password: {DEMO_PASSWORD}")
        )
