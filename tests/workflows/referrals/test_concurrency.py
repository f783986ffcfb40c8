"""Two people approving the same step at the same moment: one step, one message, one next task."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import make_staff
from tests.workflows.concurrency import run_at_once
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.casekit import ALREADY_HANDLED_CODE
from workflows.referrals import services
from workflows.referrals.choices import State, Step
from workflows.referrals.models import Referral
from workflows.registry.models import Department
from workflows.registry.roles import Role

from .conftest import open_referral


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("second_decision", ["approve", "reject"])
def test_two_directors_deciding_at_once_record_exactly_one_step(world, second_decision):
    cardiology = Department.objects.get(institution__code="H42010200001", code="CARD")
    deputy = make_staff(
        Role.DEPARTMENT_DIRECTOR, institution=cardiology.institution, department=cardiology
    )
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)

    def decide(user, decision):
        def call():
            with translation.override("en"):
                return services.referral_decide(
                    referral_id=referral.pk,
                    by=user,
                    step=Step.DIRECTOR_REVIEW,
                    decision=decision,
                    opinion="意见",
                )

        return call

    outcomes = run_at_once(
        decide(world.users["director_wang"], "approve"), decide(deputy, second_decision)
    )

    succeeded = [o for o in outcomes if isinstance(o, Referral)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(succeeded) == 1 and len(refused) == 1, outcomes
    assert refused[0].code == ALREADY_HANDLED_CODE
    assert "has already been handled" in refused[0].messages[0]

    referral.refresh_from_db()
    decisions = [
        r for r in step_records_of(referral) if r.action in (Action.APPROVE, Action.REJECT)
    ]
    assert len(decisions) == 1
    assert referral.state in (State.DEPARTMENT_APPROVED, State.REJECTED)
    open_tasks = referral.task_set.filter(flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"])
    expected_open = 1 if referral.state == State.DEPARTMENT_APPROVED else 0
    assert open_tasks.count() == expected_open


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_withdrawing_while_the_director_approves_leaves_one_consistent_outcome(world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    outcomes = run_at_once(
        lambda: services.referral_decide(
            referral_id=referral.pk,
            by=world.users["director_wang"],
            step=Step.DIRECTOR_REVIEW,
            decision="approve",
            opinion="同意",
        ),
        lambda: services.referral_withdraw(
            referral_id=referral.pk, by=world.users["doctor_li"], reason="家属拒绝"
        ),
    )
    approve, withdraw = outcomes
    assert isinstance(withdraw, Referral), outcomes  # a pending case can always be withdrawn
    if isinstance(approve, ValidationError):  # the withdrawal came first
        assert approve.code == ALREADY_HANDLED_CODE
    else:
        assert isinstance(approve, Referral), outcomes
    referral.refresh_from_db()
    assert referral.state == State.WITHDRAWN
    assert not referral.task_set.filter(status__in=["NEW", "ASSIGNED"]).exists()
