"""Sessions: one ends after its user's minutes without activity, says so in the user's language
and comes back to the page asked for; a user sees their sessions and ends one or all the
others, and nobody else's."""

from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.clocks import StoppedClock
from tests.pages import DEMO_PASSWORD, said, sign_in
from workflows.registry.sessions.middleware import SIGNED_OUT_IDLE
from workflows.registry.sessions.models import SignIn
from workflows.registry.sessions.services import THE_SESSION_IN_USE
from workflows.registry.sessions.views import OTHERS_ENDED, SESSION_ENDED

STAFF = "director_wang"  # 王芳
HUANG = "420102198503122046"  # 黄小红, insured person
FIREFOX_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
)
WECHAT_ON_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; V2307A) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47"
)


@pytest.fixture
def hands(monkeypatch):
    return StoppedClock(monkeypatch)


def signed_out_idle(minutes: int, language: str) -> str:
    with translation.override(language):
        return SIGNED_OUT_IDLE % {"minutes": minutes}


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def browser(**request) -> Client:
    """A client of its own: another browser, with its ``User-Agent`` and address."""
    return Client(**request)


def sign_in_again(client, who: str, *, next: str, kind: str = "staff"):
    field = "resident_id" if kind == "insured" else "username"
    return client.post(
        reverse("login"), {"kind": kind, field: who, "password": DEMO_PASSWORD, "next": next}
    )


# Idle expiry.


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_staff_session_ends_after_30_minutes_without_a_request_and_says_so(
    client, world, hands, language
):
    assert settings.STAFF_IDLE_MINUTES == 30
    sign_in(client, STAFF, language)
    page = reverse("referrals:list") + "?state=submitted"
    hands.move(minutes=30)

    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={quote(page, safe='/')}"
    assert not signed_in(client)
    login_page = client.get(response["Location"]).content.decode()
    assert signed_out_idle(30, language) in login_page
    assert f'name="next" value="{page}"' in login_page

    again = sign_in_again(client, STAFF, next=page)
    assert again["Location"] == page
    assert client.get(page).status_code == 200


def test_a_staff_session_a_moment_short_of_its_limit_stays_open(client, world, hands):
    sign_in(client, STAFF)
    hands.move(minutes=29, seconds=59)
    assert client.get(reverse("home")).status_code == 200
    assert signed_in(client)


def test_each_request_starts_the_minutes_without_activity_again(client, world, hands):
    sign_in(client, STAFF)
    for _ in range(6):  # two hours, a page every 20 minutes
        hands.move(minutes=20)
        assert client.get(reverse("home")).status_code == 200
    hands.move(minutes=30)
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_insured_persons_session_ends_after_15_minutes_on_the_insured_sign_in(
    client, world, hands, language
):
    assert settings.INSURED_IDLE_MINUTES == 15
    sign_in(client, HUANG, language)
    hands.move(minutes=14)
    assert client.get(reverse("claims:list")).status_code == 200
    hands.move(minutes=15)

    response = client.get(reverse("claims:list"))
    assert response["Location"] == f"{reverse('login')}?as=insured&next=/claims/"
    login_page = client.get(response["Location"]).content.decode()
    assert signed_out_idle(15, language) in login_page
    assert 'name="kind" value="insured"' in login_page

    again = sign_in_again(client, HUANG, kind="insured", next="/claims/")
    assert again["Location"] == "/claims/"


def test_the_settings_set_each_limit(client, world, hands, settings):
    settings.STAFF_IDLE_MINUTES = 5
    sign_in(client, STAFF, "en")
    hands.move(minutes=5)
    response = client.get(reverse("home"), follow=True)
    assert signed_out_idle(5, "en") in response.content.decode()
    assert "after 5 minutes without activity" in response.content.decode()


def test_a_form_sent_after_the_limit_comes_back_to_the_page_it_was_sent_from(client, world, hands):
    sign_in(client, STAFF)
    hands.move(minutes=31)
    response = client.post(
        reverse("set_language"),
        {"language": "en", "next": "/referrals/"},
        HTTP_REFERER="http://testserver/referrals/?state=approved",
    )
    assert response["Location"] == f"{reverse('login')}?next=/referrals/%3Fstate%3Dapproved"


def test_a_form_from_another_site_is_not_where_the_sign_in_comes_back_to(client, world, hands):
    sign_in(client, STAFF)
    hands.move(minutes=31)
    response = client.post(
        reverse("set_language"), {"language": "en"}, HTTP_REFERER="https://elsewhere.example/"
    )
    assert response["Location"] == reverse("login")


def test_the_session_is_written_for_its_activity_at_most_once_a_minute(client, world, hands):
    sign_in(client, STAFF)
    key = client.session.session_key
    stored = Session.objects.get(session_key=key)
    seen = SignIn.objects.get(session_key=key).last_seen_at

    hands.move(seconds=59)
    client.get(reverse("home"))
    assert Session.objects.get(session_key=key).expire_date == stored.expire_date  # not saved
    assert SignIn.objects.get(session_key=key).last_seen_at == seen

    hands.move(seconds=1)
    client.get(reverse("home"))
    assert Session.objects.get(session_key=key).session_data != stored.session_data
    assert SignIn.objects.get(session_key=key).last_seen_at == hands.now


def test_a_session_ended_for_idleness_is_no_longer_listed(client, world, hands):
    sign_in(client, STAFF)
    key = client.session.session_key
    hands.move(minutes=30)
    client.get(reverse("home"))
    assert not SignIn.objects.filter(session_key=key).exists()
    assert not Session.objects.filter(session_key=key).exists()


# The list of one's sessions.


def test_each_sign_in_is_recorded_with_its_address_and_browser(world, hands):
    wechat = browser(HTTP_USER_AGENT=WECHAT_ON_ANDROID, REMOTE_ADDR="10.7.0.4")
    sign_in(wechat, HUANG, "en")
    recorded = SignIn.objects.get(session_key=wechat.session.session_key)
    assert recorded.user.insured_person.resident_id == HUANG
    assert (recorded.signed_in_at, recorded.last_seen_at) == (hands.now, hands.now)
    assert recorded.ip_address == "10.7.0.4"
    assert recorded.device == "WeChat on Android"
    with translation.override("zh-hans"):
        assert recorded.device == "微信（Android）"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_user_sees_their_sessions_this_one_marked(world, hands, language):
    firefox = browser(HTTP_USER_AGENT=FIREFOX_ON_WINDOWS, REMOTE_ADDR="10.1.2.3")
    wechat = browser(HTTP_USER_AGENT=WECHAT_ON_ANDROID, REMOTE_ADDR="10.1.2.4")
    sign_in(firefox, STAFF, language)
    hands.move(minutes=3)
    sign_in(wechat, STAFF, language)
    sign_in(browser(), "doctor_li", language)  # someone else's

    page = firefox.get(reverse("sessions:list")).content.decode()
    with translation.override(language):
        firefox_row, wechat_row = (
            page.split(str(device))[1].split("</tr>")[0]
            for device in (
                SignIn.objects.get(session_key=firefox.session.session_key).device,
                SignIn.objects.get(session_key=wechat.session.session_key).device,
            )
        )
        this_session, end = gettext("This session"), gettext("End session")
        assert this_session in firefox_row and "10.1.2.3" in firefox_row
        assert this_session not in wechat_row and "10.1.2.4" in wechat_row
        assert end in wechat_row and end not in firefox_row
    assert page.count("<tr") == 3  # the heading's row and the two sessions: not doctor_li's


@pytest.mark.parametrize(
    "engine", ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"]
)
def test_ending_another_session_signs_it_out_on_its_next_request(world, settings, engine):
    settings.SESSION_ENGINE = engine
    here, there = browser(), browser(HTTP_USER_AGENT=FIREFOX_ON_WINDOWS)
    sign_in(here, STAFF, "en")
    sign_in(there, STAFF, "en")
    other = SignIn.objects.get(session_key=there.session.session_key)

    response = here.post(reverse("sessions:end", args=[other.pk]), follow=True)
    with translation.override("en"):
        assert said(SESSION_ENDED, device="Firefox on Windows") in response.content.decode()
    assert not SignIn.objects.filter(pk=other.pk).exists()
    assert there.get(reverse("home"))["Location"] == f"{reverse('login')}?next=/"
    assert here.get(reverse("home")).status_code == 200


def test_ending_all_the_others_signs_each_of_them_out(world):
    here, others = browser(), [browser(), browser()]
    for client in (here, *others):
        sign_in(client, STAFF, "en")
    someone_else = browser()
    sign_in(someone_else, "doctor_li")

    response = here.post(reverse("sessions:end_others"), follow=True)
    with translation.override("en"):
        assert OTHERS_ENDED % {"count": 2} in response.content.decode()
        assert "2 other sessions are signed out." in response.content.decode()
    for client in others:
        assert client.get(reverse("home")).status_code == 302
    assert here.get(reverse("home")).status_code == 200
    assert someone_else.get(reverse("home")).status_code == 200
    assert list(SignIn.objects.filter(user__username=STAFF)) == [
        SignIn.objects.get(session_key=here.session.session_key)
    ]


def test_another_users_session_is_answered_as_not_found_and_stays_open(world):
    here, theirs = browser(), browser()
    sign_in(here, STAFF)
    sign_in(theirs, "doctor_li")
    foreign = SignIn.objects.get(session_key=theirs.session.session_key)

    assert here.post(reverse("sessions:end", args=[foreign.pk])).status_code == 404
    assert here.post(reverse("sessions:end", args=[foreign.pk + 1000])).status_code == 404
    assert SignIn.objects.filter(pk=foreign.pk).exists()
    assert theirs.get(reverse("home")).status_code == 200
    listed = here.get(reverse("sessions:list")).content.decode()
    assert listed.count("<tr") == 2  # the heading's row and this session
    assert reverse("sessions:end", args=[foreign.pk]) not in listed


def test_the_session_in_use_is_not_ended_from_its_own_list(client, world):
    sign_in(client, STAFF, "en")
    mine = SignIn.objects.get(session_key=client.session.session_key)
    response = client.post(reverse("sessions:end", args=[mine.pk]), follow=True)
    with translation.override("en"):
        assert said(THE_SESSION_IN_USE) in response.content.decode()
    assert signed_in(client)


def test_a_session_is_ended_only_by_a_form_sent(client, world):
    sign_in(client, STAFF)
    other = browser()
    sign_in(other, STAFF)
    pk = SignIn.objects.get(session_key=other.session.session_key).pk
    assert client.get(reverse("sessions:end", args=[pk])).status_code == 405
    assert client.get(reverse("sessions:end_others")).status_code == 405
    assert other.get(reverse("home")).status_code == 200


def test_the_list_is_for_signed_in_users_only(client, world):
    response = client.get(reverse("sessions:list"))
    assert response["Location"] == f"{reverse('login')}?next=/account/sessions/"


def test_signing_out_forgets_the_session(client, world):
    sign_in(client, STAFF)
    key = client.session.session_key
    client.post(reverse("logout"))
    assert not SignIn.objects.filter(session_key=key).exists()


def test_the_top_bar_links_to_the_sessions(client, world):
    sign_in(client, STAFF, "en")
    page = client.get(reverse("home")).content.decode()
    assert f'<a href="{reverse("sessions:list")}">Sessions</a>' in page


def test_the_administrator_reads_the_sign_ins_never_their_keys_and_adds_none(client, world):
    other = browser(HTTP_USER_AGENT=FIREFOX_ON_WINDOWS)
    sign_in(other, STAFF, "en")
    recorded = SignIn.objects.get(session_key=other.session.session_key)
    sign_in(client, "admin")

    listing = client.get(reverse("admin:registry_signin_changelist")).content.decode()
    assert "王芳" in listing
    page = client.get(reverse("admin:registry_signin_change", args=[recorded.pk]))
    assert page.status_code == 200
    assert recorded.session_key not in listing + page.content.decode()
    assert client.get(reverse("admin:registry_signin_add")).status_code == 403


# The sweep.


def test_the_sweep_ends_idle_sessions_and_forgets_those_gone(world, hands):
    staff_idle, staff_active, insured_idle, insured_active = (browser() for _ in range(4))
    sign_in(staff_idle, STAFF)
    sign_in(insured_idle, HUANG)
    hands.move(minutes=16)
    sign_in(staff_active, "doctor_li")
    sign_in(insured_active, "420103195508201133")  # 张建国
    hands.move(minutes=14)
    gone = browser()
    sign_in(gone, "center_chen")
    Session.objects.filter(session_key=gone.session.session_key).delete()  # expired, cleared

    call_command("sweep_sessions", verbosity=0)
    assert set(SignIn.objects.values_list("user__username", flat=True)) == {
        "doctor_li",
        world.patient.user.username,
    }
    for client in (staff_idle, insured_idle):
        assert not Session.objects.filter(session_key=client.session.session_key).exists()
    for client in (staff_active, insured_active):
        assert client.get(reverse("home")).status_code == 200
