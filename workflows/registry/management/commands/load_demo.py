"""Load the demo region (Wuhan and Yichang): personas, catalogues, policies; safe to run again."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import transaction

from workflows.registry.models import User
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
            # The fixtures give every persona the demo password, which the README prints:
            # each is asked to choose their own at their first sign-in.
            User.objects.filter(pk__in=_personas()).update(must_change_password=True)
            for catalogue, name in DEMO_CATALOGUES.items():
                call_command("import_catalogue", catalogue, str(FIXTURES_DIR / name), verbosity=0)
            for path in DEMO_POLICIES:
                call_command("load_policy", str(path), verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo region loaded. Every persona's password: {DEMO_PASSWORD}, "
                "to be changed at their first sign-in."
            )
        )


def _personas() -> list[int]:
    """The users of the demo fixtures, by primary key."""
    rows = []
    for name in DEMO_FIXTURES:
        rows += json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))
    return [row["pk"] for row in rows if row["model"] == "registry.user"]
