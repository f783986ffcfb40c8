"""Step records are append-only: the model refuses changes, and PostgreSQL refuses them too."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import translation

from tests.pages import sign_in
from tests.workflows.referrals.conftest import open_referral
from workflows.audit.models import StepRecord
from workflows.audit.services import next_case_number


@pytest.fixture
def record(world):
    open_referral(world)
    return StepRecord.objects.order_by("pk").first()


def test_a_saved_step_record_cannot_be_saved_again_or_deleted(record):
    record.opinion = "changed afterwards"
    with translation.override("en"):
        with pytest.raises(ValueError, match="never changed or deleted"):
            record.save()
        with pytest.raises(ValueError, match="never changed or deleted"):
            record.delete()


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_steprecord SET opinion = 'forged' WHERE id = %s",
        "DELETE FROM audit_steprecord WHERE id = %s",
    ],
)
def test_postgresql_refuses_update_and_delete_behind_the_models_back(record, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [record.pk])
    record.refresh_from_db()
    assert record.opinion != "forged"


@pytest.mark.postgres
def test_postgresql_refuses_queryset_updates_and_deletes(record):
    with pytest.raises(DatabaseError), transaction.atomic():
        StepRecord.objects.filter(pk=record.pk).update(opinion="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        StepRecord.objects.filter(pk=record.pk).delete()
    assert StepRecord.objects.filter(pk=record.pk).exists()


def test_the_admin_shows_step_records_read_only(client, world, record):
    sign_in(client, "admin")
    listing = client.get(reverse("admin:audit_steprecord_changelist"))
    assert listing.status_code == 200
    assert record.case_number in listing.content.decode()
    change = client.get(reverse("admin:audit_steprecord_change", args=[record.pk]))
    assert change.status_code == 200
    assert 'name="opinion"' not in change.content.decode()
    assert client.get(reverse("admin:audit_steprecord_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:audit_steprecord_delete", args=[record.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert StepRecord.objects.filter(pk=record.pk).exists()


def test_case_numbers_are_sequential_per_kind_and_year(db):
    day = datetime.date(2026, 3, 1)
    assert next_case_number(prefix="ZZ", on=day) == "ZZ2026-000001"
    assert next_case_number(prefix="ZZ", on=day) == "ZZ2026-000002"
    assert next_case_number(prefix="BX", on=day) == "BX2026-000001"
    assert next_case_number(prefix="ZZ", on=datetime.date(2027, 1, 1)) == "ZZ2027-000001"
