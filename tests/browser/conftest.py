"""The browser suite: Playwright drives Debian's Chromium against pytest-django's live server.

Each journey's database is transactional (the live server's thread reads what the test
commits); ``demo_cases`` loads the demo region and its cases as ``make run`` does.
``visit(DESKTOP)`` or ``visit(PHONE)`` gives a ``Person`` in a fresh browser context of that
screen, at the live server.
"""

import functools
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from .checks import AXE_MISSING, AXE_SOURCE, COLLECT_VIOLATIONS, Screen
from .person import Person

# Debian's Chromium (scripts/system-deps.sh installs it); Playwright never downloads its own.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium calls home at start-up, and a closed network refuses it.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The people of the demo region live in China: their browsers ask for Chinese first. The
# English journeys choose English with the page's switcher.
BROWSER_LOCALE = "zh-CN"
TIMEOUT_MS = 15_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

# pytest-playwright starts Playwright and Chromium once per session. Here they live as long as
# this package's tests run on a worker, because Playwright's sync API keeps an asyncio event
# loop marked as running in the test thread, and Django refuses ORM calls from a thread with a
# running loop. The tests are synchronous code that only looks asynchronous to Django, so
# the refusal is switched off while (and only while) Playwright runs: the rest of the suite
# keeps Django's check, and no subprocess inherits the variable (`check --deploy` refuses it).


# A journey parametrized by language and screen runs on both databases, each of its
# combinations on one of them: on SQLite Chinese on the desktop and English on the phone (and
# a journey in two languages alone: Chinese), on PostgreSQL the others. What a browser sees
# does not depend on the database; what the database does is the rest of the suite's, on both.
# YIBAO_EVERY_COMBINATION=1 runs every combination on the database at hand.
EVERY_COMBINATION = "YIBAO_EVERY_COMBINATION"


def _varied(params: dict) -> int:
    """How far a combination is from Chinese on the desktop: 0, 1 or 2 steps."""
    steps = 0
    if "language" in params:
        steps += params["language"] != "zh-hans"
    if isinstance(params.get("screen"), Screen):
        steps += params["screen"].phone
    return steps


def pytest_collection_modifyitems(config, items):
    if os.environ.get(EVERY_COMBINATION) == "1":
        return
    from django.db import connection

    here = Path(__file__).parent
    wanted = 1 if connection.vendor == "postgresql" else 0
    kept, left = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        varied = "language" in params or "screen" in params
        if varied and here in item.path.parents and _varied(params) % 2 != wanted:
            left.append(item)
        else:
            kept.append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture(scope="package")
def playwright():
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    started = sync_playwright().start()
    try:
        yield started
    finally:
        started.stop()
        if previous is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="package")
def browser_type(playwright, browser_name):
    return getattr(playwright, browser_name)


@pytest.fixture(scope="package")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` (scripts/system-deps.sh).")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="package")
def launch_browser(browser_type_launch_args, browser_type):
    return lambda **kwargs: browser_type.launch(**{**browser_type_launch_args, **kwargs})


@pytest.fixture(scope="package")
def browser(launch_browser):
    chromium = launch_browser()
    yield chromium
    chromium.close()


@pytest.fixture(scope="package")
def browser_context_args():
    return {"locale": BROWSER_LOCALE, "accept_downloads": True}


@pytest.fixture
def browse(new_context):
    """Open a browser context of the given screen and give the person at it; allowances name
    the known defects that journey tolerates (``checks.Allowance``); ``javascript=False``: a
    browser with JavaScript switched off. No server: see ``visit``."""
    if not AXE_SOURCE.exists():
        pytest.fail(AXE_MISSING)
    people: list[Person] = []

    def open_browser(
        screen: Screen, *, allow=(), record_only=False, base_url=None, javascript=True
    ) -> Person:
        context = new_context(
            **screen.context_args(), base_url=base_url, java_script_enabled=javascript
        )
        context.set_default_timeout(TIMEOUT_MS)
        # Before the page's own scripts: the list of what its policy refuses, and axe-core.
        context.add_init_script(script=COLLECT_VIOLATIONS)
        context.add_init_script(path=AXE_SOURCE)
        person = Person(
            context.new_page(),
            screen=screen,
            allow=tuple(allow),
            record_only=record_only,
            javascript=javascript,
            base_url=base_url,
        )
        people.append(person)
        return person

    yield open_browser
    for person in people:
        # What the last page refused while the person was on it.
        person.check_what_the_page_refused_since()
        person.warn_of_unused_allowances()
    unchecked = [url for person in people for url in person.unchecked_pages()]
    if unchecked:
        pytest.fail(
            "pages reached without the page check (go through Person's open, follow, press "
            f"or choose_language): {', '.join(unchecked)}"
        )


@pytest.fixture
def visit(browse, live_server, settings):
    """``browse`` with the live server's address: the person types only paths."""
    # The live server speaks plain HTTP, as `make run` does.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    return functools.partial(browse, base_url=live_server.url)


@pytest.fixture
def demo_cases(world, media):
    """The demo region with the cases ``make run`` adds, made through the services."""
    call_command("load_demo_cases", verbosity=0)
    return world
