"""What the claim journeys do on a claim's pages, shared by their tests."""

import re

from workflows.claims.models import Claim
from workflows.policy import catalogue_csv

from .person import Person


def expense_list(name: str, data: bytes) -> list[dict]:
    """A hospital's expense list as the file chooser hands it over."""
    return [{"name": name, "mimeType": "text/csv", "buffer": data}]


def row_problem(person: Person, line: int, column: str, message, **params) -> str:
    """How the page names one problem of one line of an expense list."""
    problem = person.gettext(message) % params if params else person.gettext(message)
    return person.gettext(catalogue_csv.ROW_PROBLEM) % {
        "line": line,
        "column": column,
        "problem": problem,
    }


def find_in_the_inbox(reviewer: Person, claim: Claim) -> None:
    """The reviewer opens the claims tab of the inbox and the claim from it."""
    reviewer.follow(reviewer.gettext("Inbox"))
    reviewer.follow(re.compile(rf"^{re.escape(reviewer.gettext('Claims'))}\s*\d+$"))
    reviewer.follow(claim.number)
