"""Deadlines in working days, as the signers and the office see them: the dean finds a referral
past the time the city's policy gives the dean's signature marked overdue in the inbox, with
how long it has waited and since when it was due; the hospital's medical-insurance office, to
whom the dean's lateness goes, finds it in its overdue list, and on the case page the
system's finding in the trail. The clock is moved with the project's clock seam; the workflow
timers run as the scheduler runs them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import formats, translation
from playwright.sync_api import expect

from tests.workflows.referrals.conftest import open_referral
from workflows import clock
from workflows.referrals.choices import Step

from .checks import DESKTOP
from .person import Person

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Proposed and signed up to the dean on Friday 13 February 2026, the eve of the Spring
# Festival. Wuhan gives the dean 2 working days: Saturday 14 (worked) and, after the holiday
# (15 to 23 February), Tuesday 24. On Friday 27 it has waited five working days.
OPENED = datetime.datetime(2026, 2, 13, 10, tzinfo=SHANGHAI)
NOW = datetime.datetime(2026, 2, 27, 9, tzinfo=SHANGHAI)
DUE = datetime.date(2026, 2, 24)
WAITED = 5


def counted(person: Person, singular: str, plural: str, number: int, **params) -> str:
    with translation.override(person.language):
        return translation.ngettext(singular, plural, number) % {**params}


def shown_date(person: Person, day: datetime.date) -> str:
    with translation.override(person.language):
        return formats.date_format(day, "DATE_FORMAT")


@pytest.fixture
def late_for_the_dean(world, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: OPENED)
    referral = open_referral(
        world,
        until=Step.DEAN_SIGN,
        admission_date=OPENED.date() - datetime.timedelta(days=3),
        transfer_date=OPENED.date() + datetime.timedelta(days=30),
    )
    monkeypatch.setattr(clock, "now", lambda: NOW)
    call_command("workflow_timers", verbosity=0)  # the scheduler's run, a minute ago
    return referral


def row(person: Person, number: str):
    return person.page.get_by_role("row").filter(has=person.page.get_by_role("link", name=number))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_dean_sees_the_overdue_referral_and_the_office_finds_it_in_its_list(
    visit, late_for_the_dean, language
):
    referral = late_for_the_dean
    liu = visit(DESKTOP)
    liu.start_signed_in("dean_liu", language=language)
    liu.follow(liu.gettext("Inbox"))
    waiting = row(liu, referral.number)
    expect(waiting).to_have_class("overdue")
    expect(waiting.get_by_text(liu.gettext("Overdue"), exact=True)).to_be_visible()
    expect(waiting).to_contain_text(shown_date(liu, DUE))
    expect(waiting).to_contain_text(
        counted(
            liu,
            "Waiting %(days)s working day",
            "Waiting %(days)s working days",
            WAITED,
            days=WAITED,
        )
    )
    # On the decision page, the step's due date and its time limit.
    liu.follow(referral.number)
    expect(liu.page.locator(".deadline")).to_contain_text(liu.gettext("The open step is due on"))
    expect(liu.page.locator(".deadline")).to_contain_text(shown_date(liu, DUE))

    zhang = visit(DESKTOP)
    zhang.start_signed_in("office_zhang", language=language)
    kind = zhang.gettext("Referrals")
    zhang.follow(
        counted(
            zhang,
            "%(kind)s overdue: %(counter)s step",
            "%(kind)s overdue: %(counter)s steps",
            1,
            kind=kind,
            counter=1,
        )
    )
    expect(zhang.page.get_by_role("heading", level=1)).to_have_text(zhang.gettext("Overdue steps"))
    late = row(zhang, referral.number)
    expect(late).to_contain_text(zhang.gettext(Step.DEAN_SIGN.label))
    expect(late.get_by_text(zhang.gettext("Overdue"), exact=True)).to_be_visible()
    expect(zhang.page.get_by_role("row")).to_have_count(2)  # the headings and this one

    # The row leads to the case page, where the trail says the system found it overdue.
    zhang.follow(referral.number)
    expect(zhang.page.get_by_role("heading", level=1)).to_contain_text(referral.number)
    expect(zhang.page.locator(".timeline")).to_contain_text(zhang.gettext("found the step overdue"))
    expect(zhang.page.locator(".timeline")).to_contain_text(DUE.isoformat())
