"""Time the printed documents: warm render of each, median over many, against the issues' targets.

Run alone with ``.venv/bin/python bench/bench_forms.py [renders]`` (default 40 renders each).
"""

import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings_test")

import django

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)  # one progress line per render step

from forms import samples  # noqa: E402
from forms.render import render_pdf  # noqa: E402
from workflows import textlimits  # noqa: E402

AT_EVERY_LIMIT = samples.referral_form_filled(
    diagnosis=textlimits.DIAGNOSIS,
    reason=textlimits.REASON,
    case_summary=textlimits.CASE_SUMMARY,
    opinion=textlimits.OPINION,
)

# (figure, document, target in ms: issues 3 and 5; the off-site form is held to the one-page one)
CASES = [
    ("referral approval form", samples.referral_form(), 150),
    ("referral approval form, every text at its limit", AT_EVERY_LIMIT, 150),
    ("reimbursement statement (one page)", samples.reimbursement_statement(), 200),
    ("off-site filing form", samples.offsite_filing_form(), 150),
    ("reimbursement statement (125 lines)", samples.reimbursement_statement(extra_lines=120), None),
]


def medians_ms(document, renders: int) -> tuple[float, float]:
    """Median wall-clock and CPU time of a warm render."""
    render_pdf(document)  # warm-up: fonts, stylesheet, templates
    wall, cpu = [], []
    for _ in range(renders):
        start, start_cpu = time.perf_counter(), time.process_time()
        render_pdf(document)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> int:
    renders = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    # A shared machine's load shows in wall-clock time; CPU time tells it apart.
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    missed = 0
    for figure, document, target in CASES:
        median, cpu = medians_ms(document, renders)
        goal = f"target <= {target}" if target else "no target"
        print(f"{figure}, median render: {median:.0f} ms ({goal})")
        print(f"{figure}, median CPU time: {cpu:.0f} ms", flush=True)
        missed += bool(target and median > target)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
