"""PreparedQuery: compiled once, the same instances as the ORM's, its refusals."""

from unittest import mock

import pytest
from django.db import connection, transaction
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task

from tests.workflows.referrals.conftest import open_referral
from workflows.prepared import PreparedQuery
from workflows.referrals.choices import Step
from workflows.referrals.models import Referral

REFERRAL = PreparedQuery(lambda case_id: Referral.objects.filter(pk=case_id))
TASKS = PreparedQuery(lambda case_id: Task.objects.filter(process_id=case_id).order_by("-pk"))


def field_values(instance) -> dict:
    fields = type(instance)._meta.fields
    return {field.attname: getattr(instance, field.attname) for field in fields}


@pytest.fixture
def referral(world):
    return open_referral(world, until=Step.OFFICE_REVIEW)


def test_the_instances_are_the_orms(referral):
    prepared = REFERRAL.get(case_id=referral.pk)
    assert type(prepared) is Referral and not prepared._state.adding
    assert field_values(prepared) == field_values(Referral.objects.get(pk=referral.pk))
    task = TASKS.first(case_id=referral.pk)
    latest = Task.objects.filter(process_id=referral.pk).order_by("-pk").first()
    assert field_values(task) == field_values(latest)
    assert isinstance(task.data, dict) and task.created.tzinfo is not None


def test_the_sql_is_compiled_once_per_connection(referral):
    REFERRAL.get(case_id=referral.pk)
    with (
        mock.patch.object(SQLCompiler, "as_sql", side_effect=AssertionError("compiled")),
        CaptureQueriesContext(connection) as queries,
    ):
        assert REFERRAL.get(case_id=referral.pk).pk == referral.pk
    assert len(queries) == 1


def test_get_and_first_when_nothing_matches(db):
    with pytest.raises(Referral.DoesNotExist):
        REFERRAL.get(case_id=10**9)
    assert TASKS.first(case_id=10**9) is None


def test_get_refuses_more_than_one_row(referral):
    with pytest.raises(Task.MultipleObjectsReturned):
        TASKS.get(case_id=referral.pk)


def test_locks_inside_a_transaction(referral):
    lock = PreparedQuery(lambda case_id: Referral.objects.select_for_update().filter(pk=case_id))
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert lock.get(case_id=referral.pk).pk == referral.pk
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in query["sql"] for query in queries)


def test_refuses_querysets_it_cannot_build_instances_of(db):
    for build in (
        lambda case_id: Referral.objects.select_related("person").filter(pk=case_id),
        lambda case_id: Referral.objects.filter(pk=case_id).values("pk"),
        lambda case_id: Referral.objects.filter(pk=case_id).only("number"),
    ):
        with pytest.raises(ValueError, match="plain querysets"):
            PreparedQuery(build).first(case_id=1)


def test_refuses_a_parameter_that_does_not_reach_the_sql_unchanged(db):
    with pytest.raises(ValueError, match="changed on their way"):
        PreparedQuery(lambda case_id: Referral.objects.filter(pk=case_id + 1)).first(case_id=1)
