"""Running the policy commands in tests: files in a temporary folder, output and refusals."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.pages import said
from workflows.policy.files import REFUSED_STATUS


def later(message, **params):
    """The message as said when the test runs, in the language active then (not at import:
    a parametrize list is built before another test may switch the language)."""
    return lambda: said(message, **params)


def write_json(folder, name: str, document) -> str:
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def refusal(*args, **options) -> list[str]:
    """The problems a refused command names, one a line (the heading left out)."""
    with pytest.raises(CommandError) as refused:
        run(*args, **options)
    assert refused.value.returncode == REFUSED_STATUS
    _heading, *problems = str(refused.value).splitlines()
    assert all(line.startswith("- ") for line in problems), problems
    return [line[2:] for line in problems]


def overlap_message(policy) -> str:
    """What the refusal of a policy overlapping ``policy`` says."""
    from workflows.policy.models import POLICY_OVERLAPS, POLICY_WITHOUT_END_OVERLAPS

    params = {
        "scheme": policy.get_scheme_display(),
        "region": policy.region.name,
        "start": policy.effective_from.isoformat(),
    }
    if policy.effective_to is None:
        return said(POLICY_WITHOUT_END_OVERLAPS, **params)
    return said(POLICY_OVERLAPS, **params, end=policy.effective_to.isoformat())
