"""The flows' shared pieces: a task's own page is its case's page."""

from django.test import RequestFactory

from workflows.flowkit import case_page

from .referrals.conftest import open_referral


def test_a_tasks_page_is_its_cases_page(world):
    referral = open_referral(world)
    task = referral.task_set.filter(flow_task_type="HUMAN").first()
    response = case_page(RequestFactory().get("/"), process_pk=referral.pk, task_pk=task.pk)
    assert response.status_code == 302
    assert response["Location"] == referral.get_absolute_url()
