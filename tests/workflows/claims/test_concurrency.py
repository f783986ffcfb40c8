"""Two reviewers deciding one claim at the same moment: exactly one decision is recorded."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import make_staff
from tests.files import pdf
from tests.workflows.concurrency import run_at_once
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.casekit import ALREADY_HANDLED_CODE
from workflows.claims import services
from workflows.claims.choices import State
from workflows.claims.models import Claim, PaymentOrder
from workflows.claims.review import services as review
from workflows.documents.selectors import documents_of
from workflows.registry.models import Region
from workflows.registry.roles import Role

from .conftest import enter_bill, open_emergency, submitted_emergency

DECISIONS = [Action.APPROVE, Action.RETURN, Action.REJECT]


def deciding(user, claim, decision):
    def call():
        with translation.override("en"):
            return review.claim_decide(
                claim_id=claim.pk,
                by=user,
                decision=decision,
                reason="理由",
                documents=["invoices"],
            )

    return call


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("second", ["approve", "return", "reject"])
def test_two_reviewers_deciding_at_once_record_exactly_one_decision(world, media, second):
    chen = world.users["center_chen"]
    colleague = make_staff(Role.CENTER_REVIEWER, city=Region.objects.get(code="420100"))
    claim = submitted_emergency(world)
    enter_bill(claim, chen)
    review.claim_calculate(claim_id=claim.pk, by=chen)

    outcomes = run_at_once(deciding(chen, claim, "approve"), deciding(colleague, claim, second))

    decided = [outcome for outcome in outcomes if isinstance(outcome, Claim)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(decided) == 1 and len(refused) == 1, outcomes
    assert refused[0].code == ALREADY_HANDLED_CODE
    assert "has already been handled" in refused[0].messages[0]
    claim.refresh_from_db()
    records = [r for r in step_records_of(claim) if r.action in DECISIONS]
    assert len(records) == 1
    assert claim.state == decided[0].state
    assert PaymentOrder.objects.filter(claim=claim).count() == (claim.state == State.APPROVED)
    open_tasks = claim.task_set.filter(flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"])
    assert open_tasks.count() == (0 if claim.state == State.REJECTED else 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_uploads_at_once_get_their_own_files_and_keep_them_all(world, media):
    claim = open_emergency(world)
    user = claim.person.user
    outcomes = run_at_once(
        *[
            lambda: services.claim_add_documents(
                claim_id=claim.pk, kind="invoices", uploads=[pdf(), pdf()], by=user
            )
        ]
        * 2
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    numbered = sorted((d.file_number, d.version) for d in documents_of(claim))
    assert numbered == [(1, 1), (2, 1), (3, 1), (4, 1)]
    for document in documents_of(claim):
        assert (media / document.stored_name).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_replacements_of_one_file_at_once_get_two_versions_of_it(world, media):
    claim = open_emergency(world)
    user = claim.person.user
    (invoice,) = services.claim_add_documents(
        claim_id=claim.pk, kind="invoices", uploads=[pdf()], by=user
    )
    outcomes = run_at_once(
        *[
            lambda: services.claim_add_documents(
                claim_id=claim.pk, kind="invoices", uploads=[pdf()], by=user, replaces=invoice.pk
            )
        ]
        * 2
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    numbered = sorted((d.file_number, d.version) for d in documents_of(claim))
    assert numbered == [(1, 1), (1, 2), (1, 3)]
    for document in documents_of(claim):
        assert (media / document.stored_name).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_claims_cannot_follow_one_referral_opened_at_once(world, media):
    from tests.workflows.referrals.conftest import open_referral

    from .conftest import TODAY, ZHANG, person

    referral = open_referral(world)
    claimant = person(ZHANG)

    def opening():
        return services.claim_open(
            by=claimant.user,
            person=claimant,
            kind="referral",
            referral=referral,
            admission_date=TODAY,
            discharge_date=TODAY,
            diagnosis="急性心肌梗死",
        )

    outcomes = run_at_once(opening, opening)
    assert sum(isinstance(o, Claim) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1, outcomes
