"""What one approval costs the database: the statements the approval benchmark pays for.

Each is needed: the case locked, its task read, the transition saved, the step recorded, the
task completed, the next task created and linked to it. A query more (the user's profile, a
permission set, a joined read) is a regression of the approval throughput figure.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.pages import sign_in
from workflows.referrals.choices import Step

from .conftest import open_referral

EXPECTED = [
    "SELECT referrals_referral",  # the lock: the referral and its process row, nothing else
    "SELECT viewflow_task",  # the open task of the step the referral waits for
    "UPDATE referrals_referral",  # the transition, guarded by the state read
    "INSERT audit_steprecord",
    "UPDATE viewflow_task",  # the task completed by the director
    "INSERT viewflow_task",  # the office's task
    "INSERT viewflow_task_previous",
]


def statement(sql: str) -> str:
    verb = sql.split(None, 1)[0]
    table = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', sql).group(1)
    return f"{verb} {table}"


def test_an_approval_through_the_page_costs_seven_statements(client, world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    sign_in(client, "director_wang")
    client.get(reverse("inbox"))  # the signed-in user is cached from the first page on
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("referrals:decide", args=[referral.pk]),
            {"step": Step.DIRECTOR_REVIEW, "decision": "approve", "opinion": "同意"},
        )
    assert response.status_code == 302 and response["Location"] == reverse("inbox")
    # Besides transaction control, and the session where it is kept in the database (with
    # REDIS_URL, as in production and the benchmark, it is read from Redis).
    statements = [
        statement(q["sql"])
        for q in queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))
    ]
    assert [s for s in statements if s != "SELECT django_session"] == EXPECTED


def test_the_approval_s_notifications_cost_the_request_no_statement(
    client, world, django_capture_on_commit_callbacks
):
    """What the approval tells the office is made by the worker: the request only hands it the
    step record's number once the transaction commits (a message to Redis, no statement)."""
    from workflows.notifications.tasks import announce

    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    sign_in(client, "director_wang")
    client.get(reverse("inbox"))
    with (
        django_capture_on_commit_callbacks(execute=False) as after_commit,
        CaptureQueriesContext(connection) as queries,
    ):
        client.post(
            reverse("referrals:decide", args=[referral.pk]),
            {"step": Step.DIRECTOR_REVIEW, "decision": "approve", "opinion": "同意"},
        )
    assert [callback.func for callback in after_commit] == [announce]
    assert not any("notification" in q["sql"] for q in queries)
