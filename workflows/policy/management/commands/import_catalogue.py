"""Import one of the three catalogues from a CSV file: all rows or, if one is bad, none."""

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand

from workflows.policy import services
from workflows.policy.catalogue_csv import COLUMNS, parse_catalogue_csv
from workflows.policy.choices import Catalogue
from workflows.policy.files import REFUSED_NOTHING_LOADED, read_text, refusal


class Command(BaseCommand):
    help = (
        f"Import a catalogue from a UTF-8 CSV file with the columns {', '.join(COLUMNS)}. "
        "Entries are added or updated by code. If any row is bad, every bad row is reported "
        "(line, column, why) and nothing is imported (exit status 2)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("catalogue", choices=Catalogue.values)
        parser.add_argument("file", help="the CSV file")

    def handle(self, *args, catalogue: str, file: str, **options) -> None:
        try:
            rows = parse_catalogue_csv(read_text(file).splitlines(keepends=True))
        except ValidationError as error:
            raise refusal(file, error, heading=REFUSED_NOTHING_LOADED) from None
        count = services.catalogue_import(catalogue=catalogue, rows=rows)
        if options["verbosity"]:
            self.stdout.write(
                f"Imported {catalogue}: {count.created} added, {count.updated} updated."
            )
