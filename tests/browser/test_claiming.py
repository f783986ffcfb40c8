"""Taking a task: the Wuhan center has two reviewers. 陈静 takes a referral waiting for the
center; 吴敏 finds it among those taken by others, is refused when she decides on it, and the
supervisor 赵磊 gives it to her; she approves it. In Chinese and in English."""

import pytest
from playwright.sync_api import expect

from tests.workflows.claiming.conftest import make_second_reviewer
from tests.workflows.finding.conftest import HUANG, ZHANG, referral_of
from workflows.claiming import CLAIM_CHOICES, OTHERS
from workflows.referrals.choices import State, Step
from workflows.referrals.services import CLAIMING

from .checks import DESKTOP


@pytest.fixture
def wu(world):
    return make_second_reviewer(world)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_one_reviewer_takes_the_task_the_other_is_refused_until_the_supervisor_gives_it(
    visit, world, wu, language
):
    referral = referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language=language)
    chen.follow(chen.gettext("Inbox"))
    chen.follow(referral.number)
    chen.press(chen.gettext("Take this task"))
    taken = chen.gettext("You have taken this task: the other reviewers see it is yours.")
    expect(chen.page.get_by_text(taken)).to_be_visible()

    wu_ = visit(DESKTOP)
    wu_.start_signed_in("center_wu", language=language)
    wu_.follow(wu_.gettext("Inbox"))
    wu_.select(wu_.gettext("Taken"), wu_.gettext(str(dict(CLAIM_CHOICES)[OTHERS])).capitalize())
    wu_.press(wu_.gettext("Search"))
    row = wu_.page.get_by_role("row").filter(has=wu_.page.get_by_role("link", name=referral.number))
    expect(row).to_contain_text(wu_.gettext("taken by %(name)s") % {"name": "陈静"})
    wu_.follow(referral.number)
    expect(wu_.page.get_by_role("button", name=wu_.gettext("Take this task"))).to_have_count(0)
    wu_.page.get_by_role("radio", name=wu_.gettext("Approve")).check()
    wu_.fill(wu_.gettext("Opinion"), "同意转诊。")
    wu_.press(wu_.gettext("Record my decision"))
    expect(wu_.page.get_by_role("alert")).to_contain_text("陈静")
    referral.refresh_from_db()
    assert referral.state == State.DEAN_SIGNED

    zhao = visit(DESKTOP)
    zhao.start_signed_in("supervisor_zhao", language=language)
    zhao.open(referral.get_absolute_url())
    zhao.select(zhao.gettext("Give the task to"), "吴敏")
    zhao.press(zhao.gettext("Give the task"))
    given = zhao.gettext("The task is now %(name)s's.") % {"name": "吴敏"}
    expect(zhao.page.get_by_text(given)).to_be_visible()

    wu_.follow(wu_.gettext("Inbox"))
    wu_.follow(referral.number)
    wu_.page.get_by_role("radio", name=wu_.gettext("Approve")).check()
    wu_.fill(wu_.gettext("Opinion"), "同意转诊。")
    wu_.press(wu_.gettext("Record my decision"))
    referral.refresh_from_db()
    assert referral.state == State.APPROVED


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_reviewer_approves_two_referrals_at_once_and_reads_what_came_of_each(
    visit, world, wu, language
):
    first = referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    second = referral_of(world, ZHANG, until=Step.CENTER_APPROVE)
    CLAIMING.claim(case_id=second.pk, by=wu)  # 吴敏 holds the second: it cannot be ticked
    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language=language)
    chen.follow(chen.gettext("Inbox"))
    tick = chen.gettext("Select %(number)s")
    expect(chen.page.get_by_role("checkbox", name=tick % {"number": second.number})).to_have_count(
        0
    )
    chen.page.get_by_role("checkbox", name=tick % {"number": first.number}).check()
    chen.fill(chen.gettext("Opinion for every approval"), "材料齐全，同意转诊。")
    chen.press(chen.gettext("Approve the selected"))
    expect(chen.page.get_by_role("heading", level=1)).to_have_text(
        chen.gettext("What came of the approvals")
    )
    expect(chen.page.get_by_role("row").filter(has_text=first.number)).to_contain_text(
        chen.gettext("approved")
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (State.APPROVED, State.DEAN_SIGNED)
