"""Benchmark: twenty-line claims a second through the pure reimbursement calculation, one core.

Every claim is a real call of ``reimbursement_calculate`` under the demo's Wuhan employee
policy: twenty lines of classes A, B and out, some over their price limit, a random status,
grade, scope and amount already paid this year; the breakdown is built with its explanations
(a translatable message and its parameters per step, as the function always makes them).
A second figure renders every explanation in Chinese as well, as a page showing them would.

Run alone: .venv/bin/python bench/bench_policy.py
"""

import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings_test")

POLICY_FILE = ROOT / "fixtures" / "policies" / "wuhan-employee-2026.json"
TARGET = 20_000
CLAIMS = 5_000
LINES_PER_CLAIM = 20
ROUNDS = 7


def make_claims(rng: random.Random, terms_module, line_type) -> list[dict]:
    claims = []
    for _ in range(CLAIMS):
        lines = []
        for _ in range(LINES_PER_CLAIM):
            kind = rng.choices(["A", "B", "out"], weights=[6, 3, 1])[0]
            amount = Decimal(rng.randint(50, 2_000_000)) / 100
            over = Decimal(0)
            if kind != "out" and rng.random() < 0.2:
                over = Decimal(rng.randint(0, int(amount * 100))) / 100
            lines.append(line_type(kind, amount, over))
        claims.append(
            {
                "status": rng.choice(terms_module.STATUSES),
                "grade": rng.choice(terms_module.GRADES),
                "scope": rng.choice(terms_module.SCOPES),
                "pooled_paid": Decimal(rng.randint(0, 50_000_000)) / 100,
                "lines": lines,
            }
        )
    return claims


def rate(work, claims) -> float:
    """Median claims a second over ROUNDS rounds of all the claims."""
    rates = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        work(claims)
        rates.append(len(claims) / (time.perf_counter() - started))
    return statistics.median(rates)


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    import django

    django.setup()
    from django.utils import translation

    from workflows.policy import terms as terms_module
    from workflows.policy.calculation import ExpenseLine, reimbursement_calculate

    terms = terms_module.parse_policy_document(json.loads(POLICY_FILE.read_text())).terms
    claims = make_claims(random.Random(2026), terms_module, ExpenseLine)

    def compute(batch):
        for claim in batch:
            reimbursement_calculate(terms=terms, **claim)

    def compute_and_render(batch):
        for claim in batch:
            breakdown = reimbursement_calculate(terms=terms, **claim)
            for message in breakdown.explanations.values():
                str(message)

    computed = rate(compute, claims)
    with translation.override("zh-hans"):
        rendered = rate(compute_and_render, claims)
    print(f"claims per second: {computed:.0f} (target >= {TARGET})")
    print(f"claims per second with every explanation rendered in Chinese: {rendered:.0f}")
    return 0 if computed >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
