"""Print the reimbursement breakdown of a claim under a policy, both read from JSON files."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import BaseCommand

from workflows.policy.calculation import reimbursement_calculate
from workflows.policy.claim_file import parse_claim
from workflows.policy.files import read_json, refusal
from workflows.policy.terms import parse_policy_document


class Command(BaseCommand):
    help = (
        "Print the breakdown of a claim (--claim) under a policy (--policy) as JSON: amounts as "
        "strings with two decimals, the ratio as a string. A bad file: exit status 2."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--policy", required=True, help="the policy's JSON file")
        parser.add_argument("--claim", required=True, help="the claim's JSON file")
        parser.add_argument(
            "--explain",
            action="store_true",
            help="add 'explanations': the sentence that explains each step",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="the explanations' language (default: the site's)",
        )

    def handle(self, *args, policy: str, claim: str, explain: bool, language, **options) -> None:
        terms = self._read(policy, parse_policy_document).terms
        admission = self._read(claim, parse_claim)
        breakdown = reimbursement_calculate(
            terms=terms,
            status=admission.status,
            grade=admission.grade,
            scope=admission.scope,
            pooled_paid=admission.pooled_paid,
            lines=admission.lines,
        )
        output = breakdown.as_json()
        if explain:
            output["explanations"] = {
                key: message.render(language) for key, message in breakdown.explanations.items()
            }
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))

    def _read(self, path: str, parse):
        try:
            return parse(read_json(path))
        except ValidationError as error:
            raise refusal(path, error) from None
