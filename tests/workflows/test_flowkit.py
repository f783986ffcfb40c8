"""flowkit: a step completes its task in one write, viewflow creates the next one, and a
task's own page is its case's page."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.workflows.referrals.conftest import open_referral
from workflows.flowkit import case_page, count_each, finish_task, task_of_case
from workflows.referrals.choices import Step
from workflows.referrals.flows import ReferralFlow
from workflows.registry.models import Institution, InsuredPerson


def test_completing_a_task_writes_its_owner_times_and_status_only(world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    referral.approve()
    referral.save_transition("state")
    task = referral.task_set.get(status=STATUS.NEW)
    task.data = {"not": "written"}
    director = world.users["director_wang"]
    with CaptureQueriesContext(connection) as queries:
        finish_task(task, referral, director)
    done = Task.objects.get(pk=task.pk)
    assert (done.status, done.owner, done.data) == (STATUS.DONE, director, {})
    assert done.assigned == done.started == done.finished is not None
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "viewflow_task"')]
    assert len(updates) == 1 and '"data"' not in updates[0]


def test_the_next_task_is_viewflows_linked_to_the_one_completed(world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    referral.approve()
    referral.save_transition("state")
    task = referral.task_set.get(status=STATUS.NEW)
    finish_task(task, referral, world.users["director_wang"])
    following = referral.task_set.get(status=STATUS.NEW)
    assert following.flow_task == ReferralFlow.office_review
    assert following.flow_task_type == "HUMAN" and following.owner is None
    assert list(following.previous.all()) == [task]


def test_a_task_is_found_only_through_its_own_case(world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    other = open_referral(world, until=Step.DIRECTOR_REVIEW)
    task = referral.task_set.get(status=STATUS.NEW)
    assert task_of_case(task.pk, referral) == task
    assert task_of_case(task.pk, other) is None


def test_a_tasks_page_is_its_cases_page(world):
    referral = open_referral(world)
    task = referral.task_set.filter(flow_task_type="HUMAN").first()
    response = case_page(RequestFactory().get("/"), process_pk=referral.pk, task_pk=task.pk)
    assert response.status_code == 302
    assert response["Location"] == referral.get_absolute_url()


def test_count_each_counts_several_querysets_in_one_statement(world):
    querysets = [
        InsuredPerson.objects.all(),
        Institution.objects.filter(designated=True),
        Institution.objects.none(),
        Institution.objects.filter(pk__in=[]),
        InsuredPerson.objects.filter(name__contains="明"),
    ]
    with CaptureQueriesContext(connection) as statements:
        counts = count_each(querysets)
    assert counts == [queryset.count() for queryset in querysets]
    assert counts[0] > counts[4] > 0 and counts[2] == counts[3] == 0
    assert len(statements) == 1
