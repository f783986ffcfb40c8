"""The demo written back from its snapshot is, row for row, what loading it makes."""

from django.apps import apps
from django.db import transaction

from tests.conftest import load_world
from tests.snapshots import Snapshot


def every_row() -> dict[str, list[tuple]]:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
    }


def test_the_rows_written_back_are_the_rows_the_load_made(db):
    snapshot = Snapshot(load_world)
    before = transaction.savepoint()
    snapshot()
    made = every_row()
    transaction.savepoint_rollback(before)
    assert every_row() != made

    snapshot()

    assert every_row() == made
    assert len(made["registry.User"]) >= 9
