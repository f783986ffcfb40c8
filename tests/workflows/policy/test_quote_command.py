"""quote_reimbursement: the breakdown as JSON; a bad claim file is refused with exit status 2."""

import copy
import json
import subprocess
import sys

import pytest
from django.conf import settings

from workflows.policy import claim_file
from workflows.policy import values as v

from .examples import EXAMPLE_POLICY
from .helpers import later, refusal, run, said, write_json

ISSUE_CLAIM = {
    "status": "retired",
    "grade": "II",
    "scope": "referral",
    "pooled_paid": "0.00",
    "lines": [
        {"class": "A", "amount": "1200.00", "over_limit": "0.00"},
        {"class": "B", "amount": "800.00", "over_limit": "50.00"},
        {"class": "out", "amount": "300.00", "over_limit": "0.00"},
    ],
}


# Worked out in test_calculation.py, the first example; the keys in the issue's order.
ISSUE_BREAKDOWN = {
    "total": "2300.00",
    "self_paid_out_of_list": "300.00",
    "over_price_limit": "50.00",
    "class_b_first_share": "75.00",
    "eligible": "1875.00",
    "deductible_applied": "500.00",
    "ratio": "0.81",
    "pooled_fund_pays": "1113.75",
    "personal_pays": "1186.25",
}
COMMAND = [sys.executable, "manage.py", "quote_reimbursement"]


@pytest.fixture
def policy_file(tmp_path):
    return write_json(tmp_path, "policy.json", EXAMPLE_POLICY)


def quote(policy_file, claim, tmp_path, *options) -> str:
    claim_path = write_json(tmp_path, "claim.json", claim)
    return run("quote_reimbursement", "--policy", policy_file, "--claim", claim_path, *options)


def test_the_breakdown_is_printed_as_json_with_amounts_as_strings(policy_file, tmp_path):
    output = json.loads(quote(policy_file, ISSUE_CLAIM, tmp_path))
    assert output == ISSUE_BREAKDOWN
    assert list(output) == list(ISSUE_BREAKDOWN)


def test_explanations_are_added_on_request_in_the_language_asked_for(policy_file, tmp_path):
    output = json.loads(quote(policy_file, ISSUE_CLAIM, tmp_path, "--explain", "--language", "en"))
    assert output["explanations"]["total"] == "Your bills for this stay add up to 2,300.00 yuan."
    assert list(output["explanations"]) == list(output)[:-1]


def test_every_problem_of_a_bad_claim_is_named(policy_file, tmp_path):
    claim = copy.deepcopy(ISSUE_CLAIM)
    claim.update(grade="IV", scope="abroad")
    claim["lines"][0]["class"] = "C"
    claim["lines"][1]["amount"] = "-800.00"
    claim["lines"][2]["over_limit"] = "300.01"
    claim_path = write_json(tmp_path, "claim.json", claim)
    problems = refusal("quote_reimbursement", "--policy", policy_file, "--claim", claim_path)
    assert problems == [
        said(v.NOT_ONE_OF, key="grade", value='"IV"', choices='"III", "II", "I"'),
        said(
            v.NOT_ONE_OF,
            key="scope",
            value='"abroad"',
            choices='"local", "referral", "emergency", "offsite_filed", "offsite_unfiled"',
        ),
        said(v.NOT_ONE_OF, key="lines[1].class", value='"C"', choices='"A", "B", "out"'),
        said(v.NEGATIVE_AMOUNT, key="lines[2].amount", value='"-800.00"'),
        said(
            claim_file.OVER_LIMIT_ABOVE_AMOUNT,
            key="lines[3].over_limit",
            over_limit="300.01",
            amount="300.00",
        ),
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"status": "working"},
            later(v.NOT_ONE_OF, key="status", value='"working"', choices='"employed", "retired"'),
        ),
        ({"pooled_paid": 0}, later(v.NOT_AN_AMOUNT, key="pooled_paid", value="0")),
        ({"lines": []}, later(v.NOT_A_LIST, key="lines", value="[]")),
        (
            {"lines": [{"class": "A", "amount": "1.00"}]},
            later(v.MISSING_KEY, key="lines[1].over_limit"),
        ),
    ],
)
def test_other_bad_claims_are_refused_too(policy_file, tmp_path, change, expected):
    claim_path = write_json(tmp_path, "claim.json", {**ISSUE_CLAIM, **change})
    problems = refusal("quote_reimbursement", "--policy", policy_file, "--claim", claim_path)
    assert problems == [expected()]


def test_a_bad_policy_file_is_refused_too(tmp_path):
    policy_path = write_json(tmp_path, "policy.json", {**EXAMPLE_POLICY, "annual_cap": "-1"})
    claim_path = write_json(tmp_path, "claim.json", ISSUE_CLAIM)
    problems = refusal("quote_reimbursement", "--policy", policy_path, "--claim", claim_path)
    assert problems == [said(v.NEGATIVE_AMOUNT, key="annual_cap", value='"-1"')]


def test_from_the_shell_a_bad_claim_exits_with_status_2_and_a_good_one_with_0(
    policy_file, tmp_path
):
    def shell(claim):
        claim_path = write_json(tmp_path, "claim.json", claim)
        return subprocess.run(
            [*COMMAND, "--policy", policy_file, "--claim", claim_path],
            cwd=settings.BASE_DIR,
            env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "project.settings_test"},
            capture_output=True,
            text=True,
            check=False,
        )

    good = shell(ISSUE_CLAIM)
    assert (good.returncode, json.loads(good.stdout)["pooled_fund_pays"]) == (0, "1113.75")
    bad = shell({**ISSUE_CLAIM, "grade": "IV"})
    assert bad.returncode == 2
    assert '"IV"' in bad.stderr
    assert bad.stdout == ""
