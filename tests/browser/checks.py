"""The check every page of a browser journey passes: axe-core finds nothing serious or critical,
the browser refused nothing under the site's Content-Security-Policy, and on a phone the page
does not scroll sideways.

axe-core (npm, ``node_modules/axe-core/axe.min.js``, installed by ``make setup``) is added to
every page of a journey's browser context before the page's own scripts run, so each check is
one call, made once per shape of page (``page_shape``: a page a journey comes back to, changed
only in its words and numbers, gives what it gave before). Its "needs review" results of impact
serious or critical count as findings too: axe files a reference to an element that is not on
the page (a broken ``aria-describedby``) there, and text whose background it cannot see (under
an element that overflows) for contrast. The findings are plain data: a journey fails on them
(``Person``), the baseline tour counts them (``tour_baseline.py``).

What the policy refuses (an inline script or style, a script of another site) the browser
announces with a ``securitypolicyviolation`` event; a script added to every page before its
own (``COLLECT_VIOLATIONS``) keeps each one in a list the check reads.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

AXE_SOURCE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_MISSING = f"{AXE_SOURCE} is missing: run `make setup` (it runs `npm ci`)."
SERIOUS = ("serious", "critical")
# The rule ids the findings of the phone-width check and of the policy check carry, next to
# axe-core's own rule ids.
SCROLLS_SIDEWAYS = "scroll-width"
CONTENT_SECURITY_POLICY = "content-security-policy"
WIDEST_SHOWN = 5

# axe-core's violations and its "needs review" results (axe could not decide: a reference to
# an element that is not on the page, for one), only the nodes of impact serious or critical.
# Not its copy of the page's stylesheets: axe makes it by adding <style> elements, which the
# page's policy refuses (and the admin's stylesheets, with their @import, would report), for
# the one rule that reads it, css-orientation-lock, which is experimental and never runs.
RUN_AXE = """async (serious) => {
  const results = await axe.run(document, {
    resultTypes: ["violations", "incomplete"],
    preload: {assets: ["media"]},
  });
  const rules = (found, review) => found
    .map((rule) => ({
      rule: rule.id,
      review,
      help: rule.help,
      helpUrl: rule.helpUrl,
      nodes: rule.nodes.filter((node) => serious.includes(node.impact)),
    }))
    .filter((rule) => rule.nodes.length > 0)
    .map(({nodes, ...rule}) => ({
      ...rule,
      impact: nodes.some((node) => node.impact === "critical") ? "critical" : "serious",
      targets: nodes.map((node) => {
        const why = [...node.any, ...node.all, ...node.none].map((check) => check.message);
        return node.target.join(" ") + (review && why.length ? ": " + why.join("; ") : "");
      }),
    }));
  return [...rules(results.violations, false), ...rules(results.incomplete, true)];
}"""

# The shape of the page as axe-core's rules read it: the language, and every element with its
# attributes and whether it holds text of its own. Words, numbers and the addresses and values
# a case puts in (an href, a form's value, the CSRF token) are left out: two pages of one shape
# give axe-core the same findings.
PAGE_SHAPE = """() => {
  const valueLeftOut = new Set(["value", "href", "action", "src", "content"]);
  const parts = [document.documentElement.lang];
  for (const element of document.body.querySelectorAll("*")) {
    const attributes = [...element.attributes]
      .map((a) => (valueLeftOut.has(a.name) || a.name.startsWith("data-")
        ? a.name : a.name + "=" + a.value))
      .sort()
      .join(" ");
    const text = [...element.childNodes]
      .some((node) => node.nodeType === 3 && node.textContent.trim());
    parts.push(element.tagName + "[" + attributes + "]" + (text ? "T" : ""));
  }
  return parts.join("\\n");
}"""
# Every refusal of the page's Content-Security-Policy, from the first byte of the page on: the
# directive, what was blocked ("inline", "eval" or an address), the start of it (the policy's
# 'report-sample'), where. A page that replaces the list cannot hide one from the check, which
# reads the list under a name of its own.
COLLECT_VIOLATIONS = """(() => {
  const refused = [];
  Object.defineProperty(window, "__refusedByThePolicy", {value: refused});
  window.addEventListener("securitypolicyviolation", (event) => refused.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    source: event.sourceFile,
    line: event.lineNumber,
  }));
})();"""
# The list once the refusals already made have been announced: the browser announces each in a
# task of its own, queued before the one this waits for.
REFUSED = """() => new Promise((resolve) => {
  setTimeout(() => resolve(window.__refusedByThePolicy ?? []), 0);
})"""

# The page's width, and the elements that stick out past the screen's right edge (those
# inside a box that scrolls or clips its own overflow do not make the page scroll).
MEASURE_WIDTH = """(width) => {
  const clips = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  const describe = (element) => element.tagName.toLowerCase()
    + (element.id ? "#" + element.id : "")
    + [...element.classList].map((name) => "." + name).join("");
  const sticking = [...document.body.querySelectorAll("*")]
    .map((element) => ({element, box: element.getBoundingClientRect()}))
    .filter(({element, box}) => box.right > width + 0.5 && !clips(element))
    .sort((a, b) => b.box.right - a.box.right || a.box.width - b.box.width)
    .map(({element, box}) => ({
      selector: describe(element),
      width: Math.round(box.width),
      right: Math.round(box.right),
    }));
  return {scrollWidth: document.documentElement.scrollWidth, sticking};
}"""


@dataclass(frozen=True)
class Finding:
    """One failed rule on one page: an axe-core rule, the page's Content-Security-Policy, or
    the page scrolling sideways."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...] = ()
    help_url: str = ""
    scroll_width: int | None = None
    review: bool = False  # axe-core's "needs review": it could not tell, and says why

    def describe(self) -> str:
        impact = f"{self.impact}, axe-core: needs review" if self.review else self.impact
        lines = [f"- {self.rule} ({impact}): {self.help}"]
        lines += [f"    {target}" for target in self.targets]
        if self.help_url:
            lines.append(f"    {self.help_url}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Screen:
    """A browser window: the desktop, or a phone that scrolls down, never sideways."""

    name: str
    width: int
    height: int
    phone: bool = False
    user_agent: str | None = None

    def context_args(self) -> dict:
        args = {"viewport": {"width": self.width, "height": self.height}}
        if self.phone:
            args.update(is_mobile=True, has_touch=True, user_agent=self.user_agent)
        return args


DESKTOP = Screen("desktop", 1280, 800)
PHONE = Screen(
    "phone",
    390,
    844,
    phone=True,
    user_agent=(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/156.0.0.0 Mobile Safari/537.36"
    ),
)


@dataclass
class Reached:
    """A page a journey reached, and what the check found on it."""

    view: str
    url: str
    screen: Screen
    language: str
    findings: list[Finding] = field(default_factory=list)

    def describe(self, findings: list[Finding] | None = None) -> str:
        findings = self.findings if findings is None else findings
        head = f"page {self.view} ({self.url}) on the {self.screen.name}, in {self.language}:"
        return "\n".join([head, *(finding.describe() for finding in findings)])


@dataclass(frozen=True)
class Allowance:
    """A known defect a journey tolerates until the page is fixed: the page (its URL name) and
    the rule (an axe-core rule id, or ``SCROLLS_SIDEWAYS``), on one screen and in one language
    or on all."""

    page: str
    rule: str
    why: str
    screen: str | None = None
    language: str | None = None

    def applies_to(self, reached: Reached) -> bool:
        return (
            self.page == reached.view
            and self.screen in (None, reached.screen.name)
            and self.language in (None, reached.language)
        )

    def covers(self, reached: Reached, finding: Finding) -> bool:
        return self.applies_to(reached) and self.rule == finding.rule


def view_name(url: str) -> str:
    """The URL name of a page (``claims:detail``), the address itself when it has none."""
    path = urlsplit(url).path
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


# What axe-core found on each shape of page this test process has checked, by screen.
_found_by_shape: dict[tuple[str, str], list[Finding]] = {}


def page_shape(page) -> str:
    """A digest of the page's shape (``PAGE_SHAPE``)."""
    return hashlib.sha256(page.evaluate(PAGE_SHAPE).encode()).hexdigest()


def axe_findings(page, *, screen: Screen) -> list[Finding]:
    """axe-core's findings on the page, found once for each shape of page on each screen."""
    key = (screen.name, page_shape(page))
    if key not in _found_by_shape:
        _found_by_shape[key] = _run_axe(page)
    return _found_by_shape[key]


def _run_axe(page) -> list[Finding]:
    rules = page.evaluate(RUN_AXE, list(SERIOUS))
    return [
        Finding(
            rule=rule["rule"],
            impact=rule["impact"],
            help=rule["help"],
            targets=tuple(rule["targets"]),
            help_url=rule["helpUrl"],
            review=rule["review"],
        )
        for rule in rules
    ]


def width_findings(page, *, screen: Screen) -> list[Finding]:
    measured = page.evaluate(MEASURE_WIDTH, screen.width)
    if measured["scrollWidth"] <= screen.width:
        return []
    widest: dict[str, list[dict]] = {}
    for item in measured["sticking"]:
        widest.setdefault(item["selector"], []).append(item)
    described = [
        f"{selector} ({items[0]['width']} px wide, right edge at {items[0]['right']} px)"
        + (f" and {len(items) - 1} more like it" if len(items) > 1 else "")
        for selector, items in list(widest.items())[:WIDEST_SHOWN]
    ]
    return [
        Finding(
            rule=SCROLLS_SIDEWAYS,
            impact="serious",
            help=(
                f"the page is {measured['scrollWidth']} px wide on a {screen.width} px screen "
                "and scrolls sideways; what sticks out:"
            ),
            targets=tuple(described),
            scroll_width=measured["scrollWidth"],
        )
    ]


def refused_on(page) -> list[dict]:
    """Every refusal of its policy the page has had so far, in order."""
    return page.evaluate(REFUSED)


def policy_findings(refused: list[dict]) -> list[Finding]:
    """What the page's Content-Security-Policy refused: one finding, each different refusal a
    line of it, with how often it came."""
    if not refused:
        return []
    counted: dict[str, int] = {}
    for item in refused:
        counted[_refusal(item)] = counted.get(_refusal(item), 0) + 1
    return [
        Finding(
            rule=CONTENT_SECURITY_POLICY,
            impact="serious",
            help=f"the browser refused {len(refused)} thing(s) the site's policy does not allow:",
            targets=tuple(
                line + (f" ({count} times)" if count > 1 else "") for line, count in counted.items()
            ),
        )
    ]


# What an "inline" refusal was, by the directive that refused it.
INLINE = {
    "script-src-elem": "an inline <script>",
    "script-src-attr": "an inline event handler",
    "style-src-elem": "an inline <style>",
    "style-src-attr": "a style attribute",
}


def _refusal(item: dict) -> str:
    """One refusal as a line: the directive, what it refused, its start, where."""
    directive, blocked = item["directive"], item["blocked"]
    if blocked == "inline":
        blocked = INLINE.get(directive, f"inline {directive}")
    line = f"{directive}: {blocked or 'something'} refused"
    if item["sample"]:
        line += f": {item['sample']!r}"
    if item["source"]:
        line += f", at {item['source']}" + (f" line {item['line']}" if item["line"] else "")
    return line


def page_findings(page, *, screen: Screen, refused: list[dict] | None = None) -> list[Finding]:
    """Everything the check finds on the page now shown: axe-core's serious and critical
    violations, what the browser refused under the site's Content-Security-Policy (``refused``,
    by default every refusal the page has had), and on a phone the page scrolling sideways."""
    refused = refused_on(page) if refused is None else refused
    findings = list(axe_findings(page, screen=screen)) + policy_findings(refused)
    if screen.phone:
        findings += width_findings(page, screen=screen)
    return findings
