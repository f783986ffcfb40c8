"""Sessions in the browser: a staff member signed in in two browsers ends the other from the
first, whose next click goes to the sign-in page; an insured person reads her sessions on the
phone and ends the other; a session left idle past its limit sends its next click to the
sign-in page, which says why and, signed in again, comes back to the page clicked."""

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from tests.clocks import StoppedClock
from tests.pages import DEMO_PASSWORD
from workflows.registry.forms import InsuredSignInForm, StaffSignInForm
from workflows.registry.sessions.middleware import SIGNED_OUT_IDLE
from workflows.registry.sessions.views import OTHERS_ENDED, SESSION_ENDED

from .checks import DESKTOP, PHONE

WANG = "director_wang"  # 王芳, department director
HUANG = "420102198503122046"  # 黄小红, insured person


@pytest.fixture
def hands(monkeypatch):
    """The server's clock, moved on by the test (the live server runs in this process)."""
    return StoppedClock(monkeypatch)


def said(person, message, **params) -> str:
    with translation.override(person.language):
        return str(message % params)


def device(person, browser: str, system: str) -> str:
    return said(
        person,
        translation.gettext_lazy("%(browser)s on %(system)s"),
        browser=browser,
        system=system,
    )


def sessions(person):
    return person.page.locator("table.sessions tbody tr")


def signs_in_again(person, who: str, *, label) -> None:
    """On the sign-in page the person was sent to: type and press, as they do (and the
    two-step code, for whoever has an authenticator)."""
    person.fill(person.gettext(label), who)
    person.fill(person.gettext("Password"), DEMO_PASSWORD)
    person.press(person.gettext("Sign in"))
    person.give_the_code_if_asked(who)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_staff_member_ends_her_other_session_and_it_is_signed_out(visit, world, language):
    first, second = visit(DESKTOP), visit(DESKTOP)
    first.sign_in(WANG, language=language)
    second.sign_in(WANG, language=language)

    first.follow(first.gettext("Sessions"))
    assert first.heading() == first.gettext("Your sessions")
    expect(sessions(first)).to_have_count(2)
    this_one = sessions(first).filter(has_text=first.gettext("This session"))
    expect(this_one).to_have_count(1)
    expect(this_one.get_by_role("button")).to_have_count(0)
    first.press(first.gettext("End session"))
    chrome = device(first, "Chrome", "Linux")
    expect(first.page.locator(".messages")).to_have_text(said(first, SESSION_ENDED, device=chrome))
    expect(sessions(first)).to_have_count(1)
    expect(sessions(first)).to_contain_text(first.gettext("This session"))

    second.follow(second.gettext("Home"))
    assert second.heading() == second.gettext("Sign in")
    expect(second.page.get_by_role("button", name=second.gettext("Sign out"))).to_have_count(0)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_insured_person_reads_her_sessions_on_the_phone_and_ends_the_other(
    visit, world, hands, language
):
    at_home, huang = visit(DESKTOP), visit(PHONE)
    at_home.sign_in(HUANG, language=language)
    hands.move(minutes=5)
    huang.sign_in(HUANG, language=language)

    huang.follow(huang.gettext("Sessions"))
    assert huang.heading() == huang.gettext("Your sessions")
    expect(huang.page.locator("main p").first).to_contain_text(f"{settings.INSURED_IDLE_MINUTES}")
    this_one = sessions(huang).filter(has_text=huang.gettext("This session"))
    expect(this_one).to_contain_text(device(huang, "Chrome", "Android"))
    other = sessions(huang).filter(has_not_text=huang.gettext("This session"))
    expect(other).to_contain_text(device(huang, "Chrome", "Linux"))
    expect(other).to_contain_text("127.0.0.1")

    huang.press(huang.gettext("End all other sessions"))
    expect(huang.page.locator(".messages")).to_have_text(said(huang, OTHERS_ENDED, count=1))
    expect(sessions(huang)).to_have_count(1)
    at_home.follow(at_home.gettext("Home"))
    assert at_home.heading() == at_home.gettext("Sign in")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_staff_session_left_idle_goes_to_sign_in_and_comes_back_to_the_page(
    visit, world, hands, language
):
    chen = visit(DESKTOP)
    chen.sign_in("center_chen", language=language)
    hands.move(minutes=settings.STAFF_IDLE_MINUTES - 1)
    chen.follow(chen.gettext("Referrals"))
    assert chen.heading() == chen.gettext("Referrals")

    hands.move(minutes=settings.STAFF_IDLE_MINUTES)
    chen.follow(chen.gettext("Sessions"))
    assert chen.heading() == chen.gettext("Sign in")
    minutes = settings.STAFF_IDLE_MINUTES
    expect(chen.page.locator(".messages")).to_have_text(
        said(chen, SIGNED_OUT_IDLE, minutes=minutes)
    )
    signs_in_again(chen, "center_chen", label=StaffSignInForm().fields["username"].label)
    assert chen.heading() == chen.gettext("Your sessions")
    expect(sessions(chen)).to_have_count(1)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_insured_session_left_idle_on_the_phone_signs_in_again_as_insured(
    visit, world, hands, language
):
    huang = visit(PHONE)
    huang.sign_in(HUANG, language=language)
    huang.follow(huang.gettext("Sessions"))
    hands.move(minutes=settings.INSURED_IDLE_MINUTES)

    huang.follow(huang.gettext("Home"))
    assert huang.heading() == huang.gettext("Sign in")
    expect(huang.page.locator(".messages")).to_have_text(
        said(huang, SIGNED_OUT_IDLE, minutes=settings.INSURED_IDLE_MINUTES)
    )
    signs_in_again(huang, HUANG, label=InsuredSignInForm.base_fields["resident_id"].label)
    expect(huang.page.get_by_role("button", name=huang.gettext("Sign out"))).to_be_visible()
    assert huang.page.url.endswith("/")
