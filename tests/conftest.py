"""Shared fixtures: the database marker for PostgreSQL-only tests, and the demo region."""

import pytest
from django.core.management import call_command
from django.db import connection


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="needs PostgreSQL; this run is on SQLite")
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(skip)


@pytest.fixture
def demo(db):
    """The demo region and its personas, as `make run` loads them."""
    call_command("load_demo", verbosity=0)
