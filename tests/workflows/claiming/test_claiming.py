"""A city's reviewers take the center's tasks: the holder is the only one who acts, releases it
or has it given to another reviewer by the city's supervisor; each change is on the case."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from tests.pages import sign_in
from tests.workflows.claims.conftest import submitted_emergency
from tests.workflows.concurrency import run_at_once
from tests.workflows.referrals.conftest import open_referral
from tests.workflows.resettlement.conftest import submitted_filing
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.claims.review import services as review
from workflows.claims.steps import CLAIMING as CLAIMS
from workflows.referrals import services
from workflows.referrals.choices import State, Step
from workflows.referrals.services import CLAIMING
from workflows.resettlement import review as filing_review
from workflows.resettlement.steps import CLAIMING as FILINGS


@pytest.fixture
def waiting(world):
    return open_referral(world, until=Step.CENTER_APPROVE)


def approve(referral, by):
    with translation.override("en"):
        return services.referral_decide(
            referral_id=referral.pk,
            by=by,
            step=Step.CENTER_APPROVE,
            decision="approve",
            opinion="同意",
        )


def test_a_taken_task_is_refused_to_the_other_reviewer_naming_its_holder(
    world, waiting, second_reviewer
):
    chen = world.users["center_chen"]
    CLAIMING.claim(case_id=waiting.pk, by=chen)

    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            approve(waiting, second_reviewer)
        assert "陈静 has taken this task" in refused.value.messages[0]
    waiting.refresh_from_db()
    assert waiting.state == State.DEAN_SIGNED

    approved = approve(waiting, chen)
    assert approved.state == State.APPROVED
    actions = [record.action for record in step_records_of(waiting)]
    assert actions[-2:] == [Action.CLAIM, Action.APPROVE]


def test_taking_a_task_someone_holds_says_who_and_taking_ones_own_again_changes_nothing(
    world, waiting, second_reviewer
):
    chen = world.users["center_chen"]
    CLAIMING.claim(case_id=waiting.pk, by=chen)
    CLAIMING.claim(case_id=waiting.pk, by=chen)
    with translation.override("en"), pytest.raises(ValidationError, match="陈静"):
        CLAIMING.claim(case_id=waiting.pk, by=second_reviewer)
    claims = [r for r in step_records_of(waiting) if r.action == Action.CLAIM]
    assert len(claims) == 1


def test_only_the_holder_or_the_supervisor_releases_and_the_task_is_free_again(
    world, waiting, second_reviewer
):
    chen, zhao = world.users["center_chen"], world.users["supervisor_zhao"]
    CLAIMING.claim(case_id=waiting.pk, by=chen)
    with translation.override("en"), pytest.raises(PermissionDenied):
        CLAIMING.release(case_id=waiting.pk, by=second_reviewer)
    CLAIMING.release(case_id=waiting.pk, by=chen)
    with translation.override("en"), pytest.raises(ValidationError, match="Nobody has taken"):
        CLAIMING.release(case_id=waiting.pk, by=zhao)
    assert approve(waiting, second_reviewer).state == State.APPROVED


def test_the_supervisor_gives_the_task_to_a_reviewer_of_the_city_only(
    world, waiting, second_reviewer
):
    chen, zhao = world.users["center_chen"], world.users["supervisor_zhao"]
    CLAIMING.claim(case_id=waiting.pk, by=chen)
    with translation.override("en"), pytest.raises(PermissionDenied, match="supervisor"):
        CLAIMING.reassign(case_id=waiting.pk, by=chen, to=second_reviewer)
    elsewhere = world.users["center_yang"]
    with translation.override("en"), pytest.raises(ValidationError, match="not a reviewer"):
        CLAIMING.reassign(case_id=waiting.pk, by=zhao, to=elsewhere)

    CLAIMING.reassign(case_id=waiting.pk, by=zhao, to=second_reviewer)
    with translation.override("en"), pytest.raises(ValidationError, match="吴敏"):
        approve(waiting, chen)
    record = step_records_of(waiting).last()
    assert (record.action, record.actor_name, record.opinion) == (Action.REASSIGN, "赵磊", "吴敏")
    assert approve(waiting, second_reviewer).state == State.APPROVED


def test_a_claim_under_review_taken_by_one_reviewer_is_not_calculated_by_another(
    world, media, second_reviewer
):
    claim = submitted_emergency(world)
    chen = world.users["center_chen"]
    CLAIMS.claim(case_id=claim.pk, by=chen)
    with translation.override("en"), pytest.raises(ValidationError, match="陈静"):
        review.claim_calculate(claim_id=claim.pk, by=second_reviewer)


def test_on_the_pages_the_reviewer_takes_the_task_and_the_queue_filters_by_who_has_it(
    client, world, waiting, second_reviewer
):
    sign_in(client, "center_chen", "zh-hans")
    page = client.get(reverse("referrals:decide", args=[waiting.pk])).content.decode()
    assert "还没有人领取这项任务" in page
    response = client.post(
        reverse("task_hold", args=["referrals", waiting.pk, "claim"]), follow=True
    )
    page = response.content.decode()
    assert "你已领取这项任务" in page

    client.logout()
    sign_in(client, "center_wu", "en")
    queue = reverse("inbox_queue", args=["referrals"])
    assert waiting.number in client.get(queue, {"claimed": "others"}).content.decode()
    assert "taken by 陈静" in client.get(queue).content.decode()
    assert waiting.number not in client.get(queue, {"claimed": "unclaimed"}).content.decode()
    page = client.get(reverse("referrals:decide", args=[waiting.pk])).content.decode()
    assert "陈静 took this task on" in page
    assert "Take this task" not in page


def test_the_supervisor_gives_the_task_from_the_case_page(client, world, waiting, second_reviewer):
    sign_in(client, "supervisor_zhao", "en")
    page = client.get(waiting.get_absolute_url()).content.decode()
    assert "Give the task to" in page and "吴敏" in page
    response = client.post(
        reverse("task_hold", args=["referrals", waiting.pk, "reassign"]),
        {"to": second_reviewer.pk},
        follow=True,
    )
    assert "The task is now 吴敏&#x27;s." in response.content.decode()
    assert step_records_of(waiting).last().action == Action.REASSIGN


def test_someone_outside_the_city_cannot_see_the_case_through_the_buttons(client, world, waiting):
    sign_in(client, "center_yang", "en")
    response = client.post(reverse("task_hold", args=["referrals", waiting.pk, "claim"]))
    assert response.status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_taking_the_same_task_at_once_one_has_it_the_other_is_told(
    world, second_reviewer
):
    waiting = open_referral(world, until=Step.CENTER_APPROVE)
    chen = world.users["center_chen"]

    def take(user):
        def call():
            with translation.override("en"):
                return CLAIMING.claim(case_id=waiting.pk, by=user)

        return call

    outcomes = run_at_once(take(chen), take(second_reviewer))
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1, outcomes
    with translation.override("en"):
        assert "has taken this task" in refused[0].messages[0]
    claims = [r for r in step_records_of(waiting) if r.action == Action.CLAIM]
    assert len(claims) == 1


def test_a_filing_taken_by_one_reviewer_is_decided_by_her_alone(world, media, second_reviewer):
    filing = submitted_filing(world)
    chen = world.users["center_chen"]
    FILINGS.claim(case_id=filing.pk, by=chen)
    with translation.override("en"), pytest.raises(ValidationError, match="陈静"):
        filing_review.filing_decide(filing_id=filing.pk, by=second_reviewer, decision="approve")
    decided = filing_review.filing_decide(filing_id=filing.pk, by=chen, decision="approve")
    assert decided.state == "in_force"
