"""Add demo cases to the demo region (``make run`` does): only to a database that has none."""

from django.core.management import BaseCommand

from workflows.demo_cases import load_demo_cases


class Command(BaseCommand):
    help = "Add referrals, claims and a filing at different steps to the demo region."

    def handle(self, *args, **options) -> None:
        added = load_demo_cases()
        if added:
            self.stdout.write(self.style.SUCCESS(f"Demo cases added: {added}."))
        else:
            self.stdout.write("The database has cases already; no demo cases added.")
