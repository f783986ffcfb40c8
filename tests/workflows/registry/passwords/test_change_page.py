"""A signed-in person changes their password on /account/password/: the current one first,
the new one twice; they stay signed in there, and their other sign-ins end."""

import html

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.pages import DEMO_PASSWORD, said, sign_in
from workflows.registry.models import User
from workflows.registry.passwords import forms, views
from workflows.registry.passwords.validators import NO_SYMBOL

NEW_PASSWORD = "Changjiang#2027"
LANGUAGES = ["zh-hans", "en"]


def changes_password(client, *, current=DEMO_PASSWORD, new=NEW_PASSWORD, again=None, **more):
    data = {"current_password": current, "new_password": new, "new_password_again": again or new}
    return client.post(reverse("password_change"), {**data, **more})


@pytest.fixture
def li(world):
    """李明, asked to change the demo password."""
    user = world.users["doctor_li"]
    user.must_change_password = True
    user.save()
    return user


def signed_in_as(client) -> User | None:
    pk = client.session.get("_auth_user_id")
    return User.objects.get(pk=pk) if pk else None


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_current_password_is_refused_and_nothing_changes(client, li, language):
    sign_in(client, "doctor_li", language)
    response = changes_password(client, current="yibao2025")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert said(forms.WRONG_CURRENT_PASSWORD, language=language) in page
    li.refresh_from_db()
    assert li.check_password(DEMO_PASSWORD) and li.must_change_password


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_weak_new_password_is_refused_and_nothing_changes(client, li, language):
    sign_in(client, "doctor_li", language)
    response = changes_password(client, new="Changjiang2027")
    assert said(NO_SYMBOL, language=language) in html.unescape(response.content.decode())
    li.refresh_from_db()
    assert li.check_password(DEMO_PASSWORD) and li.must_change_password


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_different_new_passwords_are_refused(client, li, language):
    sign_in(client, "doctor_li", language)
    response = changes_password(client, again="Changjiang#2028")
    page = html.unescape(response.content.decode())
    assert said(forms.NEW_PASSWORDS_DIFFER, language=language) in page
    assert User.objects.get(pk=li.pk).check_password(DEMO_PASSWORD)


def test_the_password_one_has_is_no_new_one(client, world):
    sign_in(client, "doctor_li", "en")
    changes_password(client)
    response = changes_password(client, current=NEW_PASSWORD, new=NEW_PASSWORD)
    page = html.unescape(response.content.decode())
    assert said(forms.SAME_AS_CURRENT, language="en") in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_good_password_is_set_the_flag_cleared_and_the_person_stays_signed_in(
    client, li, language
):
    elsewhere = Client()
    sign_in(elsewhere, "doctor_li")
    sign_in(client, "doctor_li", language)
    response = changes_password(client, next="/inbox/")
    assert response["Location"] == "/inbox/"

    li.refresh_from_db()
    assert li.check_password(NEW_PASSWORD) and not li.must_change_password
    assert signed_in_as(client) == li
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert said(views.PASSWORD_CHANGED, language=language) in home.content.decode()
    # Wherever else the old password had signed in, the person is signed out.
    assert elsewhere.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_a_page_of_another_site_is_not_where_the_change_leads(client, world):
    sign_in(client, "doctor_li")
    response = changes_password(client, next="https://example.org/inbox/")
    assert response["Location"] == reverse("home")


def test_the_top_bar_leads_every_signed_in_person_to_the_page(client, world):
    link = f'href="{reverse("password_change")}"'
    for who in ("doctor_li", "unit_sun", "420102198503122046"):
        sign_in(client, who)
        assert link in client.get(reverse("home")).content.decode()
        client.post(reverse("logout"))


def test_the_page_needs_sign_in(client, db):
    response = client.get(reverse("password_change"))
    assert response["Location"].startswith(reverse("login"))


def test_the_page_is_not_kept_by_a_browser_or_a_proxy(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sign_in(client, "doctor_li")
    assert "no-store" in client.get(reverse("password_change"))["Cache-Control"]
