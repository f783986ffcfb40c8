"""The baseline tour: how far every page is from passing the browser suite's page check.

Every persona of the README's table signs in, in Chinese and in English, and visits every page
they reach by following links from their home page (the admin, sign-out and downloads left
out), on the desktop and, for insured people and the unit agent, on a 390 px phone. Each page
is checked as a journey checks it (``checks.page_findings``), but nothing fails: the findings
are counted, printed and written to ``bench/out/a11y-baseline.txt``.

Not part of ``make test`` (its name does not start with ``test_``); run it on its own::

    .venv/bin/pytest tests/browser/tour_baseline.py -q -s
"""

import re
from collections import Counter, defaultdict, deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from django.conf import settings

from .checks import DESKTOP, PHONE, SCROLLS_SIDEWAYS, Reached, view_name

REPORT = Path(settings.BASE_DIR) / "bench" / "out" / "a11y-baseline.txt"
README = Path(settings.BASE_DIR) / "README.md"
LANGUAGES = ("zh-hans", "en")
PHONE_ROLES = ("insured person", "employer unit agent")
# Links that do not lead to a page of the application's own.
NOT_PAGES = {"logout", "set_language"}
DOWNLOADS = {
    "referrals:approval_form",
    "claims:statement",
    "claims:document",
    "resettlement:document",
    "resettlement:form",
}
MAX_PAGES = 80  # per persona, language and screen: a guard against a link that never ends
LINKS = "() => [...document.querySelectorAll('a[href]')].map((link) => link.href)"
# A date field whose value the browser cannot read (not YYYY-MM-DD) shows as empty.
UNREADABLE_DATES = """() => [...document.querySelectorAll('input[type=date]')]
  .filter((input) => input.getAttribute('value') && !input.value)
  .map((input) => `${input.name}="${input.getAttribute('value')}"`)"""


def personas() -> list[tuple[str, str, str]]:
    """(sign-in, name, role) of each row of the README's "Demo personas" table."""
    row = re.compile(r"^\| `([^`]+)` \| `[^`]+` \| ([^|]+) \| ([^|]+) \|", re.MULTILINE)
    return [
        (login, name.strip(), role.strip()) for login, name, role in row.findall(README.read_text())
    ]


def test_baseline_tour(visit, demo_cases):
    visits = []
    for login, name, role in personas():
        screens = (DESKTOP, PHONE) if role in PHONE_ROLES else (DESKTOP,)
        for screen in screens:
            for language in LANGUAGES:
                person = visit(screen, record_only=True)
                person.sign_in(login, language=language)
                notes = _walk(person)
                visits.append((login, name, screen.name, language, person.reached, notes))
                person.page.context.close()
    report = _report(visits)
    print("\n" + report)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(report + "\n")


def _walk(person) -> list[str]:
    """Visit, breadth first, every page linked from the pages already visited."""
    origin = urlsplit(person.page.url).netloc
    seen = {urldefrag(person.page.url).url}
    queue = deque(_links(person, origin, seen))
    notes = _dates(person)
    while queue and len(person.reached) < MAX_PAGES:
        address = queue.popleft()
        status = person.open(address)
        if status != 200:
            notes.append(f"{view_name(address)} {address}: HTTP {status}")
        notes += _dates(person)
        queue.extend(_links(person, origin, seen))
    if queue:
        notes.append(f"stopped after {MAX_PAGES} pages; {len(queue)} links not followed")
    return notes


def _links(person, origin: str, seen: set[str]) -> list[str]:
    found = []
    for href in person.page.evaluate(LINKS):
        address = urldefrag(href).url
        if address in seen or urlsplit(address).netloc != origin:
            continue
        seen.add(address)
        view = view_name(address)
        if view in NOT_PAGES or view in DOWNLOADS or view.startswith("admin:"):
            continue
        found.append(address)
    return found


def _dates(person) -> list[str]:
    unreadable = person.page.evaluate(UNREADABLE_DATES)
    if not unreadable:
        return []
    view = view_name(person.page.url)
    return [f"{view} {person.page.url}: date field shows empty: {', '.join(unreadable)}"]


class Tally:
    """Findings of one kind (axe-core's violations, or its "needs review") by rule id."""

    def __init__(self, title: str):
        self.title = title
        self.visits, self.elements = Counter(), Counter()
        self.pages: dict[str, set[str]] = defaultdict(set)
        self.example: dict[str, str] = {}

    def add(self, page: Reached, finding) -> None:
        self.visits[finding.rule] += 1
        self.elements[finding.rule] += len(finding.targets)
        self.pages[finding.rule].add(page.view)
        self.example.setdefault(finding.rule, finding.targets[0])

    def lines(self) -> list[str]:
        lines = [
            f"{self.title} in all: {self.visits.total()} (a rule failing on a page visited), "
            f"{self.elements.total()} elements; per rule id:"
        ]
        for rule, count in self.visits.most_common():
            where = ", ".join(sorted(self.pages[rule]))
            lines.append(f"  {rule}: {count} page visits, {self.elements[rule]} elements; {where}")
            lines.append(f"    e.g. {self.example[rule]}")
        return lines if self.visits else [*lines, "  none"]


def _report(visits) -> str:
    violations = Tally("axe-core serious/critical violations")
    reviews = Tally("axe-core serious/critical 'needs review' (axe could not tell)")
    overflowing: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    lines = ["Baseline tour: axe-core serious/critical results and the phone's width", ""]
    lines.append("Pages checked and findings (rule: pages with it), by persona, screen, language:")
    for login, name, screen, language, reached, notes in visits:
        own = Counter()
        for page in reached:
            for finding in page.findings:
                own[finding.rule + (" (needs review)" if finding.review else "")] += 1
                if finding.rule == SCROLLS_SIDEWAYS:
                    overflowing[(page.view, _path(page))][language].add(finding.scroll_width)
                else:
                    (reviews if finding.review else violations).add(page, finding)
        summary = ", ".join(f"{rule}: {count}" for rule, count in sorted(own.items())) or "none"
        lines.append(f"  {login} {name} · {screen} · {language}: {len(reached)} pages; {summary}")
        lines += [f"      note: {note}" for note in notes]
    checked = sum(len(reached) for *_, reached, _notes in visits)
    lines += ["", f"Pages checked in all: {checked}", *violations.lines(), *reviews.lines()]
    lines += ["", "Phone pages (390 px) that scroll sideways, and their scrollWidth:"]
    lines += [f"  {view} {path}: {_widths(by)}" for (view, path), by in sorted(overflowing.items())]
    return "\n".join(lines)


def _widths(by_language: dict[str, set[int]]) -> str:
    return "; ".join(
        f"{language} {', '.join(f'{width} px' for width in sorted(by_language[language]))}"
        for language in LANGUAGES
        if language in by_language
    )


def _path(page: Reached) -> str:
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
