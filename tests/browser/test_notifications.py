"""Notifications: the bell in the top bar counts what is unread. The department director 王芳
is told a referral waits for her, opens it from her notifications and returns it; the physician
李明 is told of the return and chooses to be told of returns in a daily email instead. The
insured 黄小红, on her phone, is told her claim was returned and opens it, then gives her email
address and confirms it from the link mailed to it. In Chinese and in English."""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from tests.workflows.claims.conftest import HUANG, submitted_emergency
from tests.workflows.finding.conftest import ZHANG, referral_of
from workflows.claims.review import services as review
from workflows.notifications import services
from workflows.notifications.choices import Delivery, Kind
from workflows.notifications.models import Notification
from workflows.referrals.choices import Decision, State, Step
from workflows.registry.models import User

from .checks import DESKTOP, PHONE
from .test_referral_chain import decide

LANGUAGES = pytest.mark.parametrize("language", ["zh-hans", "en"])


def bell(person):
    return person.page.locator("header a.bell")


def unread(person, count: int) -> str:
    """The bell's name with ``count`` unread, in the page's language."""
    with translation.override(person.language):
        text = translation.ngettext(
            "Notifications: %(count)s unread", "Notifications: %(count)s unread", count
        )
    return text % {"count": count}


def said(person, notification) -> str:
    """What ``notification`` says in the page's language."""
    with translation.override(person.language):
        return services.message_of(notification)


def open_notifications(person) -> None:
    person._navigate(bell(person).click)
    expect(person.page.get_by_role("heading", level=1)).to_have_text(
        person.gettext("Notifications")
    )


@LANGUAGES
def test_the_director_is_told_of_the_task_and_the_physician_of_its_return(visit, world, language):
    referral = referral_of(world, ZHANG, until=Step.DIRECTOR_REVIEW)
    wang = visit(DESKTOP)
    wang.start_signed_in("director_wang", language=language)
    expect(bell(wang)).to_have_attribute("aria-label", unread(wang, 1))
    open_notifications(wang)
    told = wang.page.get_by_role("link", name=referral.number, exact=False)
    expect(told).to_contain_text(wang.gettext("opinion of the department director"))
    wang._navigate(told.click)
    assert wang.on_page(referral.get_absolute_url())
    expect(bell(wang)).not_to_have_attribute("aria-label", unread(wang, 1))
    decide(wang, referral, Decision.RETURN, "请补充冠脉造影结果。")
    referral.refresh_from_db()
    assert referral.state == State.DRAFT

    li = visit(DESKTOP)
    li.start_signed_in("doctor_li", language=language)
    expect(bell(li)).to_have_attribute("aria-label", unread(li, 1))
    open_notifications(li)
    returned = li.page.get_by_role("link", name=referral.number, exact=False)
    expect(returned).to_have_text(
        said(li, Notification.objects.get(recipient__username="doctor_li"))
    )
    li.press(li.gettext("Mark all as read"))
    expect(
        li.page.get_by_text(li.gettext("All your notifications are marked as read."))
    ).to_be_visible()
    expect(bell(li)).not_to_have_attribute("aria-label", unread(li, 1))

    li.follow(li.gettext("How I am told"))
    choices = li.page.get_by_role("group", name=li.gettext(Kind.RETURNED.label))
    choices.get_by_role("radio", name=li.gettext(Delivery.DIGEST.label)).check()
    li.press(li.gettext("Save"))
    expect(li.page.get_by_text(li.gettext("Your choices are saved."))).to_be_visible()
    expect(
        li.page.get_by_role("group", name=li.gettext(Kind.RETURNED.label)).get_by_role(
            "radio", name=li.gettext(Delivery.DIGEST.label)
        )
    ).to_be_checked()


@LANGUAGES
def test_the_insured_person_is_told_on_her_phone_that_her_claim_was_returned(
    visit, world, media, language
):
    claim = submitted_emergency(world, HUANG)
    review.claim_decide(
        claim_id=claim.pk,
        by=world.users["center_chen"],
        decision="return",
        reason="请补充急诊病历。",
        documents=["emergency_records"],
    )
    assert Notification.objects.filter(recipient__insured_person__resident_id=HUANG).exists()
    huang = visit(PHONE)
    huang.start_signed_in(HUANG, language=language)
    expect(bell(huang)).to_have_attribute("aria-label", unread(huang, 1))
    open_notifications(huang)
    told = huang.page.get_by_role("link", name=claim.number, exact=False)
    huang._navigate(told.click)
    assert huang.on_page(claim.get_absolute_url())
    expect(huang.page.get_by_text("请补充急诊病历。", exact=True)).to_be_visible()

    # Her notifications by email: she gives her address, and opens the link mailed to it.
    open_notifications(huang)
    huang.follow(huang.gettext("How I am told"))
    address = "huang.xiaohong@example.cn"
    huang.fill(huang.gettext("Email address"), address)
    huang.press(huang.gettext("Save"))
    with translation.override(huang.language):
        sent_to = translation.gettext(
            "A link was sent to %(address)s: open it to have your emails sent there. Until "
            "then nothing changes."
        ) % {"address": address}
    expect(huang.page.get_by_text(sent_to)).to_be_visible()
    (sent,) = [message for message in mail.outbox if message.to == [address]]
    link = re.search(r"https?://\S+(/notifications/address/\S+/)", sent.body).group(1)
    huang.open(link)
    with translation.override(huang.language):
        in_use = translation.gettext("Your emails now go to %(address)s.") % {"address": address}
    expect(huang.page.get_by_text(in_use)).to_be_visible()
    assert User.objects.get(insured_person__resident_id=HUANG).email == address
