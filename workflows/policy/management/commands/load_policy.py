"""Load a reimbursement policy from its JSON file (README, "Reimbursement policy")."""

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand

from workflows.policy import services
from workflows.policy.files import REFUSED_NOTHING_LOADED, read_json, refusal


class Command(BaseCommand):
    help = (
        "Load a reimbursement policy from a JSON file. A policy of the same region, scheme and "
        "effective_from is updated in place. A bad file is refused whole (exit status 2)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the policy's JSON file")

    def handle(self, *args, file: str, **options) -> None:
        try:
            policy, created = services.policy_load(document=read_json(file))
        except ValidationError as error:
            raise refusal(file, error, heading=REFUSED_NOTHING_LOADED) from None
        if options["verbosity"]:
            self.stdout.write(
                f"{'Loaded' if created else 'Updated'} the {policy.scheme} policy of "
                f"{policy.region.code} in force from {policy.effective_from}."
            )
