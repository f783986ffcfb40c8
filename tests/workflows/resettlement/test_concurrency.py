"""Two reviewers deciding one filing (or one change) at the same moment: one decision counts."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import make_staff
from tests.workflows.concurrency import run_at_once
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.casekit import ALREADY_HANDLED_CODE
from workflows.registry.models import Region
from workflows.registry.roles import Role
from workflows.resettlement import changes, review
from workflows.resettlement.choices import ChoiceState, State
from workflows.resettlement.models import Filing, InstitutionChoice

from .conftest import MEILAN, approved_filing, change_to, submitted_filing

DECISIONS = [Action.APPROVE, Action.RETURN, Action.REJECT]


def deciding(service, user, filing, decision):
    def call():
        with translation.override("en"):
            return service(filing_id=filing.pk, by=user, decision=decision, reason="理由")

    return call


def outcome_of(outcomes):
    decided = [outcome for outcome in outcomes if isinstance(outcome, Filing)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(decided) == 1 and len(refused) == 1, outcomes
    assert refused[0].code == ALREADY_HANDLED_CODE
    assert "has already been handled" in refused[0].messages[0]
    return decided[0]


def colleague():
    return make_staff(Role.CENTER_REVIEWER, city=Region.objects.get(code="420100"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("second", ["approve", "return", "reject"])
def test_two_reviewers_deciding_a_filing_at_once_record_exactly_one_decision(world, media, second):
    filing = submitted_filing(world)
    service = review.filing_decide
    decided = outcome_of(
        run_at_once(
            deciding(service, world.users["center_chen"], filing, "approve"),
            deciding(service, colleague(), filing, second),
        )
    )
    filing.refresh_from_db()
    assert filing.state == decided.state
    assert len([r for r in step_records_of(filing) if r.action in DECISIONS]) == 1
    open_tasks = filing.task_set.filter(flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"])
    assert open_tasks.count() == (0 if filing.state == State.REJECTED else 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_deciding_a_change_at_once_leave_one_choice_in_force(world, media):
    filing = change_to(world, approved_filing(world), MEILAN)
    service = changes.filing_decide_change
    outcome_of(
        run_at_once(
            deciding(service, world.users["center_chen"], filing, "approve"),
            deciding(service, colleague(), filing, "reject"),
        )
    )
    in_force = InstitutionChoice.objects.filter(filing=filing, state=ChoiceState.IN_FORCE)
    assert in_force.count() == 1
    assert not InstitutionChoice.objects.filter(filing=filing, state=ChoiceState.PROPOSED).exists()
