"""A center reviewer approves several referrals or filings of her queue at once, with one
opinion: each through its own service and transaction; the page says what came of each."""

import pytest
from django.urls import reverse

from tests.pages import sign_in
from tests.workflows.concurrency import run_at_once
from tests.workflows.finding.conftest import HUANG, ZHANG, referral_of
from tests.workflows.resettlement.conftest import submitted_filing
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.referrals.choices import State, Step
from workflows.referrals.models import Referral
from workflows.referrals.services import CLAIMING

APPROVE = "inbox_bulk_approve"


@pytest.fixture
def two_waiting(world):
    return (
        referral_of(world, HUANG, until=Step.CENTER_APPROVE),
        referral_of(world, ZHANG, until=Step.CENTER_APPROVE),
    )


def test_the_reviewer_ticks_two_referrals_and_both_are_approved_with_her_opinion(
    client, world, two_waiting
):
    sign_in(client, "center_chen", "zh-hans")
    queue = client.get(reverse("inbox_queue", args=["referrals"])).content.decode()
    assert 'form="bulk-approve"' in queue and "批量同意" in queue
    response = client.post(
        reverse(APPROVE, args=["referrals"]),
        {"case": [case.pk for case in two_waiting], "opinion": "材料齐全，同意转诊。"},
    )
    page = response.content.decode()
    assert "2 件中 2 件已同意" in page
    for case in two_waiting:
        case.refresh_from_db()
        assert case.state == State.APPROVED
        record = step_records_of(case).last()
        assert (record.action, record.opinion) == (Action.APPROVE, "材料齐全，同意转诊。")


def test_one_taken_by_another_and_one_decided_already_are_listed_with_why(
    client, world, two_waiting, second_reviewer
):
    taken, free = two_waiting
    CLAIMING.claim(case_id=taken.pk, by=second_reviewer)
    sign_in(client, "center_chen", "en")
    response = client.post(
        reverse(APPROVE, args=["referrals"]),
        {"case": [taken.pk, free.pk, free.pk], "opinion": "Agreed."},
    )
    page = response.content.decode()
    assert "1 of 2 approved" in page
    assert "吴敏 has taken this task" in page
    taken.refresh_from_db()
    assert taken.state == State.DEAN_SIGNED

    again = client.post(reverse(APPROVE, args=["referrals"]), {"case": [free.pk], "opinion": "x"})
    assert "has already been handled" in again.content.decode()


def test_nothing_ticked_or_no_opinion_is_said_and_nothing_is_approved(client, world, two_waiting):
    sign_in(client, "center_chen", "en")
    url = reverse(APPROVE, args=["referrals"])
    page = client.post(url, {"opinion": "Agreed."}, follow=True).content.decode()
    assert "Select the cases to approve" in page
    page = client.post(url, {"case": [two_waiting[0].pk]}, follow=True).content.decode()
    assert "Write the opinion that goes with every approval." in page
    assert not Referral.objects.filter(state=State.APPROVED).exists()


def test_a_case_outside_her_city_is_not_approved_and_nothing_of_it_is_told(client, world):
    referral = referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    sign_in(client, "center_yang", "en")
    page = client.post(
        reverse(APPROVE, args=["referrals"]), {"case": [referral.pk], "opinion": "Agreed."}
    ).content.decode()
    assert "0 of 1 approved" in page and "not waiting for you" in page
    assert referral.number not in page
    referral.refresh_from_db()
    assert referral.state == State.DEAN_SIGNED


def test_filings_are_approved_in_bulk_and_claims_have_no_bulk_approval(client, world, media):
    filing = submitted_filing(world)
    sign_in(client, "center_chen", "en")
    page = client.post(
        reverse(APPROVE, args=["filings"]), {"case": [filing.pk], "opinion": "材料齐全"}
    ).content.decode()
    assert "1 of 1 approved" in page
    filing.refresh_from_db()
    assert filing.state == "in_force"
    assert client.post(reverse(APPROVE, args=["claims"]), {"case": [1]}).status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_the_same_batch_at_once_approve_each_case_once(
    world, second_reviewer
):
    from workflows.referrals.inbox import TAB

    cases = [referral_of(world, who, until=Step.CENTER_APPROVE) for who in (HUANG, ZHANG)]
    chen = world.users["center_chen"]

    def approve_all(user):
        def call():
            done = 0
            for case in cases:
                try:
                    TAB.bulk.approve(case_id=case.pk, by=user, opinion="同意", ip_address=None)
                    done += 1
                except Exception:
                    pass
            return done

        return call

    outcomes = run_at_once(approve_all(chen), approve_all(second_reviewer))
    assert sum(outcomes) == 2
    for case in cases:
        approvals = [r for r in step_records_of(case) if r.action == Action.APPROVE]
        assert len([a for a in approvals if a.step == Step.CENTER_APPROVE]) == 1
