"""Two reviewers deciding the last two claims of a batch at once: one payment order for both."""

import pytest
from django.utils import translation

from tests.factories import make_staff
from tests.workflows.concurrency import run_at_once
from workflows.claims.batches import services as batches
from workflows.claims.choices import BatchState
from workflows.claims.models import Claim, PaymentOrder
from workflows.claims.review import services as review
from workflows.registry.models import Region
from workflows.registry.roles import Role

from .batching import (
    GUANGZHOU,
    LI,
    YECHENG,
    ZHANG,
    add_claim,
    calculate,
    file_for,
    person,
    settlement_day,  # noqa: F401 (a fixture)
    submit_batch,
    upload_documents,
)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("settlement_day")
def test_the_last_two_decisions_at_once_issue_exactly_one_order_listing_both(world, media):
    file_for(world, person(LI), YECHENG)
    batch = batches.batch_open(by=world.users["unit_sun"])
    claims = [
        add_claim(world, batch, person(LI), YECHENG),
        add_claim(world, batch, person(ZHANG), GUANGZHOU),
    ]
    for claim in claims:
        upload_documents(world, claim)
    submit_batch(world, batch)
    for claim in claims:
        calculate(world, claim)
    colleague = make_staff(Role.CENTER_REVIEWER, city=Region.objects.get(code="420100"))

    def approving(user, claim):
        def call():
            with translation.override("en"):
                return review.claim_decide(claim_id=claim.pk, by=user, decision="approve")

        return call

    outcomes = run_at_once(
        approving(world.users["center_chen"], claims[0]), approving(colleague, claims[1])
    )
    assert all(isinstance(outcome, Claim) for outcome in outcomes), outcomes
    batch.refresh_from_db()
    assert batch.state == BatchState.ORDERED
    order = PaymentOrder.objects.get(batch=batch)
    assert sorted(order.lines.values_list("claim_id", flat=True)) == sorted(c.pk for c in claims)
