"""insert_row and update_row: the rows ``save`` would write, one statement each, refusals."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.nodes.view import ViewActivation

from tests.workflows.referrals.conftest import open_referral
from workflows.audit.models import StepRecord
from workflows.flowkit import RoutedViewActivation, task_of_case
from workflows.prepared import insert_row, update_row
from workflows.referrals.choices import Step
from workflows.referrals.flows import ReferralFlow
from workflows.referrals.models import Referral


def field_values(instance, *, leave_out=("id",)) -> dict:
    fields = type(instance)._meta.concrete_fields
    return {f.attname: getattr(instance, f.attname) for f in fields if f.attname not in leave_out}


@pytest.fixture
def referral(world):
    return open_referral(world, until=Step.OFFICE_REVIEW)


def a_step_record(referral, **changes) -> StepRecord:
    values = {
        "case_type": ContentType.objects.get_for_model(Referral),
        "case_id": referral.pk,
        "case_number": referral.number,
        "step": "office_review",
        "action": "approve",
        "actor_name": "王主任",
        "opinion": "同意",
        "state_before": "department_approved",
        "state_after": "office_reviewed",
        "at": timezone.now(),
        "ip_address": "10.0.0.7",
        **changes,
    }
    return StepRecord(**values)


def test_an_inserted_row_is_the_row_save_writes(referral):
    at = timezone.now()
    inserted, saved = a_step_record(referral, at=at), a_step_record(referral, at=at)
    with CaptureQueriesContext(connection) as queries:
        insert_row(inserted)
    saved.save()
    assert len(queries) == 1 and queries[0]["sql"].startswith('INSERT INTO "audit_steprecord"')
    assert inserted.pk is not None and not inserted._state.adding
    assert inserted._state.db == "default"
    assert field_values(StepRecord.objects.get(pk=inserted.pk)) == field_values(
        StepRecord.objects.get(pk=saved.pk)
    )


def test_an_insert_sends_the_signals_save_sends(referral):
    heard = []

    def before(sender, instance, **kwargs):
        heard.append(("pre", instance._state.adding))

    def after(sender, instance, created, **kwargs):
        heard.append(("post", created, instance.pk is not None))

    pre_save.connect(before, sender=StepRecord)
    post_save.connect(after, sender=StepRecord)
    try:
        insert_row(a_step_record(referral))
    finally:
        pre_save.disconnect(before, sender=StepRecord)
        post_save.disconnect(after, sender=StepRecord)
    assert heard == [("pre", True), ("post", True, True)]


def test_an_insert_takes_only_new_rows_of_one_table(referral):
    record = a_step_record(referral)
    insert_row(record)
    with pytest.raises(ValueError, match="new"):
        insert_row(record)
    with pytest.raises(ValueError, match="parents' tables"):
        insert_row(Referral(number="ZZ2026-999999"))


def test_an_update_writes_only_the_columns_named(referral):
    task = task_of_case(Task.objects.filter(process_id=referral.pk).latest("pk").pk, referral)
    task.status, task.data = "DONE", {"not": "written"}
    task.finished = timezone.now()
    with CaptureQueriesContext(connection) as queries:
        assert update_row(task, ["status", "finished"])
    assert len(queries) == 1
    stored = Task.objects.get(pk=task.pk)
    assert (stored.status, stored.finished, stored.data) == ("DONE", task.finished, {})


def test_an_update_is_guarded_by_the_values_it_is_told(referral):
    referral.state_changed_at = timezone.now() + datetime.timedelta(hours=1)
    assert not update_row(referral, ["state_changed_at"], only_if={"state": "draft"})
    assert Referral.objects.get(pk=referral.pk).state_changed_at != referral.state_changed_at
    assert update_row(referral, ["state_changed_at"], only_if={"state": referral.state})
    assert Referral.objects.get(pk=referral.pk).state_changed_at == referral.state_changed_at


def test_an_update_takes_only_the_models_own_columns(referral):
    with pytest.raises(ValueError, match="no columns of its own"):
        update_row(referral, ["finished"])  # a column of viewflow's process table


def test_a_routed_task_is_the_task_viewflow_makes(referral):
    """RoutedViewActivation.create writes, with its compiled INSERTs, what viewflow's would."""
    previous = Task.objects.filter(process_id=referral.pk).latest("pk")
    previous.process = referral
    node = ReferralFlow.director_review
    ours = RoutedViewActivation.create(node, RoutedViewActivation(previous), previous.token).task
    theirs = ViewActivation.create(node, RoutedViewActivation(previous), previous.token).task
    leave_out = ("id", "created", "finished", "started", "assigned")
    ours_stored, theirs_stored = Task.objects.get(pk=ours.pk), Task.objects.get(pk=theirs.pk)
    assert field_values(ours_stored, leave_out=leave_out) == field_values(
        theirs_stored, leave_out=leave_out
    )
    assert list(ours_stored.previous.all()) == [previous]


def test_a_link_goes_through_the_orm_when_someone_listens(referral):
    heard = []

    def listener(sender, action, **kwargs):
        heard.append(action)

    through = Task.previous.through
    m2m_changed.connect(listener, sender=through)
    try:
        previous = Task.objects.filter(process_id=referral.pk).latest("pk")
        previous.process = referral
        node = ReferralFlow.director_review
        RoutedViewActivation.create(node, RoutedViewActivation(previous), previous.token)
    finally:
        m2m_changed.disconnect(listener, sender=through)
    assert heard == ["pre_add", "post_add"]
