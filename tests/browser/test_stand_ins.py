"""Stand-ins: the dean 刘洋, going away, names 孙立 (another dean in charge of 武汉长江医院) for a
week on his stand-in page, after naming the office's 张伟 by mistake and being told why not.
孙立 finds 刘洋's referral in his inbox, marked as 刘洋's, and signs it; the case page says
刘洋（孙某代签）. In Chinese and in English."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.workflows.finding.conftest import ZHANG, referral_of
from tests.workflows.registry.conftest import make_second_dean
from workflows import clock
from workflows.referrals.choices import Decision, State, Step
from workflows.registry.roles import Role

from .checks import DESKTOP
from .test_referral_chain import decide


@pytest.fixture
def sun(world):
    return make_second_dean(world)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_dean_names_a_stand_in_who_signs_for_him(visit, world, sun, language):
    referral = referral_of(world, ZHANG, until=Step.DEAN_SIGN)
    today = clock.today()
    liu = visit(DESKTOP)
    liu.start_signed_in("dean_liu", language=language)
    liu.follow(liu.gettext("Stand-in"))
    liu.select(liu.gettext("Stand-in"), "张伟")
    liu.fill(liu.gettext("First day"), today.isoformat())
    liu.fill(liu.gettext("Last day (included)"), (today + datetime.timedelta(days=6)).isoformat())
    liu.press(liu.gettext("Name the stand-in"))
    not_a_dean = liu.gettext("%(name)s is not a %(role)s: a stand-in has your role.") % {
        "name": "张伟",
        "role": liu.gettext(Role.DEAN.label),
    }
    expect(liu.page.get_by_role("alert").filter(has_text=not_a_dean).first).to_be_visible()
    liu.select(liu.gettext("Stand-in"), "孙立")
    liu.press(liu.gettext("Name the stand-in"))
    expect(liu.page.get_by_role("row").filter(has_text="孙立")).to_be_visible()

    sun_ = visit(DESKTOP)
    sun_.start_signed_in("dean_sun", language=language)
    sun_.follow(sun_.gettext("Inbox"))
    row = sun_.page.get_by_role("row").filter(
        has=sun_.page.get_by_role("link", name=referral.number)
    )
    expect(row).to_contain_text(sun_.gettext("for %(name)s") % {"name": "刘洋"})
    decide(sun_, referral, Decision.APPROVE, "同意转诊。")
    referral.refresh_from_db()
    assert referral.state == State.DEAN_SIGNED
    sun_.open(referral.get_absolute_url())
    signed = sun_.gettext("%(absent)s (signed by %(stand_in)s, standing in)") % {
        "absent": "刘洋",
        "stand_in": "孙某",
    }
    expect(sun_.page.get_by_text(signed)).to_be_visible()
