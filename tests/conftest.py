"""Shared fixtures: the PostgreSQL marker, the demo region and its personas."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.pages import DEMO_PASSWORD, give_authenticator
from tests.snapshots import Snapshot
from workflows.registry.models import Department, Institution, InsuredPerson, User

# The worker fixture, for the tests of background work.
pytest_plugins = ["tests.worker"]

# The property tests judge results, not speed: on a shared machine under load, hypothesis's
# clocks (its deadline per example, its health check of slow generation) would fail them for
# the machine's business. Speed is measured in bench/.
hypothesis_settings.register_profile(
    "shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("shared-machine")


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="needs PostgreSQL; this run is on SQLite")
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back rows may give their keys to new ones."""
    cache.clear()


@pytest.fixture(autouse=True)
def no_failed_after_commit(caplog):
    """What runs after a commit (a step's notifications, where no broker takes them) is run
    robustly: a failure is logged, and the step stands. A test fails on such a log line,
    where it would otherwise pass unaware."""
    yield
    failed = [
        record.getMessage()
        for record in caplog.get_records("call")
        if "in on_commit()" in record.getMessage()
    ]
    assert not failed, failed


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, whatever the previous request activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def load_demo() -> None:
    call_command("load_demo", verbosity=0)


def load_world() -> None:
    load_demo()
    # The demo's PBKDF2 hashes take a third of a second per sign-in; the same password under
    # the test settings' fast hasher keeps the sign-ins real and the suite quick.
    User.objects.update(password=make_password(DEMO_PASSWORD))
    # As if every persona had chosen their own password at their first sign-in (the demo asks
    # them to, workflows/registry/passwords): the tests of that change ask it again.
    User.objects.update(must_change_password=False)
    # Each persona whose role signs in with two steps has an authenticator, so that every test
    # that signs them in gives its code (tests.pages.sign_in, the browser's Person.sign_in).
    for user in User.objects.filter(staff_profile__role__in=settings.TWO_STEP_REQUIRED_ROLES):
        give_authenticator(user)


# Loaded once per test process, written back for each test (tests/snapshots.py).
DEMO = Snapshot(load_demo)
WORLD = Snapshot(load_world)


@pytest.fixture
def demo(db):
    """The demo region and its personas, as `make run` loads them."""
    DEMO()


@pytest.fixture
def world(db):
    """The demo region with the tests' password for every persona, and an authenticator for
    each whose role signs in with two steps."""
    WORLD()
    users = {user.username: user for user in User.objects.all()}
    return SimpleNamespace(
        users=users,
        patient=InsuredPerson.objects.get(name="张建国"),
        yichang_cardiology=Department.objects.get(institution__code="H42050200001", code="CARD"),
        guangzhou_cardiology=Department.objects.get(institution__code="H44010400001", code="CARD"),
        wuhan_grade_two=Institution.objects.get(code="H42010500002"),
    )


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a folder of this test's own, so it can see every file it left."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
