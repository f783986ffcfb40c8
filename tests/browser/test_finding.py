"""Finding a task: the Wuhan center's reviewer 陈静 searches her queue by a fragment of a
patient's name, narrows it by the referral's scope, saves what she found under a name, and
opens it again from the queue page the next time, in Chinese and in English."""

import re

import pytest
from playwright.sync_api import expect

from tests.workflows.finding.conftest import HUANG, ZHANG, referral_of
from workflows.referrals.choices import Scope, Step

from .checks import DESKTOP


@pytest.fixture
def at_the_center(world):
    return (
        referral_of(world, HUANG, until=Step.CENTER_APPROVE),
        referral_of(world, ZHANG, until=Step.CENTER_APPROVE),
    )


def rows(person, number: str):
    return person.page.get_by_role("row").filter(has=person.page.get_by_role("link", name=number))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_center_reviewer_finds_filters_saves_and_reopens_her_search(
    visit, at_the_center, language
):
    huang, zhang = at_the_center
    chen = visit(DESKTOP)
    chen.sign_in("center_chen", language=language)
    chen.follow(chen.gettext("Inbox"))
    expect(rows(chen, zhang.number)).to_be_visible()

    chen.fill(chen.gettext("Search"), "小红", exact=True)
    chen.press(chen.gettext("Search"))
    expect(rows(chen, huang.number)).to_be_visible()
    expect(rows(chen, zhang.number)).to_have_count(0)

    chen.select(chen.gettext("Scope"), chen.gettext(Scope.WITHIN_PROVINCE.label))
    chen.press(chen.gettext("Search"))
    expect(rows(chen, huang.number)).to_be_visible()
    assert "scope=within_province" in chen.page.url and "q=" in chen.page.url
    # The sorting links keep what she asked for, and only that.
    sorting = chen.page.get_by_role("link", name=chen.gettext("Patient"))
    expect(sorting).to_have_attribute("href", re.compile(r"^\?q=[^&]+&scope=within_province&sort="))

    chen.fill(chen.gettext("Name of this filter"), "黄小红 省内")
    chen.press(chen.gettext("Save this filter"))
    saved = chen.gettext("Filter “%(name)s” saved.") % {"name": "黄小红 省内"}
    expect(chen.page.get_by_text(saved)).to_be_visible()

    chen.follow(chen.gettext("Clear"))
    expect(rows(chen, zhang.number)).to_be_visible()
    chen.follow("黄小红 省内")
    expect(rows(chen, huang.number)).to_be_visible()
    expect(rows(chen, zhang.number)).to_have_count(0)
    search_box = chen.page.get_by_label(re.compile(rf"^{chen.gettext('Search')}[:：]$"))
    expect(search_box).to_have_value("小红")
