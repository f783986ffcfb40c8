"""The worker takes the workflow timers' work: due timers fire as `workflow_timers` fires them."""

import pytest

from tests.worker import eventually
from workflows.audit.tasks import fire_workflow_timers
from workflows.referrals.choices import State


@pytest.mark.postgres
def test_the_worker_fires_the_workflow_timers_that_are_due(worker, approved_long_ago):
    referral = approved_long_ago
    assert referral.state == State.APPROVED
    fire_workflow_timers.apply_async(queue=worker)

    def lapsed() -> bool:
        referral.refresh_from_db()
        return referral.state == State.LAPSED

    assert eventually(lapsed), "the worker did not lapse the referral"
