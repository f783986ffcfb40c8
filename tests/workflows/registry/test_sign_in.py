"""Every persona of the README signs in and sees where they stand, in Chinese and in English."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.pages import sign_in_response
from workflows.registry.models import User
from workflows.registry.roles import Role

README = Path(settings.BASE_DIR) / "README.md"


def readme_personas() -> list[dict]:
    """Rows of the README's persona table: sign-in, password, role, scope."""
    text = README.read_text(encoding="utf-8")
    table = text.split("## Demo personas", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and re.fullmatch(r"\w+", cells[0]) and cells[0] != "Sign-in":
            rows.append(
                dict(zip(("login", "password", "name", "role", "scope"), cells, strict=False))
            )
    return rows


PERSONAS = readme_personas()


def role_named(english_label: str) -> Role:
    with translation.override("en"):
        return next(role for role in Role if str(role.label) == english_label)


def test_the_readme_lists_a_persona_for_every_role():
    assert {role_named(row["role"]) for row in PERSONAS} == set(Role)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("persona", PERSONAS, ids=[p["login"] for p in PERSONAS])
def test_persona_signs_in_and_sees_role_and_scope(client, world, persona, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = sign_in_response(client, persona["login"], persona["password"])
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("home")

    page = client.get(reverse("home")).content.decode()
    role = role_named(persona["role"])
    with translation.override(language):
        assert str(role.label).capitalize() in page
        assert persona["name"] in page
    for scope_part in persona["scope"].split(" "):
        if scope_part and scope_part != "—":
            assert scope_part in page
    if role == Role.INSURED_PERSON:
        assert persona["login"] not in page  # the ID is shown masked
        assert persona["login"][:6] + "********" + persona["login"][-4:] in page


def test_the_page_language_follows_the_browser_then_defaults_to_chinese(client, demo):
    english = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Sign in" in english.content.decode()
    chinese = client.get(reverse("login"))
    assert "登录" in chinese.content.decode()


def test_the_switcher_choice_beats_the_browser_and_is_remembered_at_next_sign_in(client, world):
    client.post(
        reverse("login"), {"kind": "staff", "username": "doctor_li", "password": "yibao2026"}
    )
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert User.objects.get(username="doctor_li").language == "en"
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "Welcome" in page

    client.post(reverse("logout"))
    client.cookies.clear()
    response = client.post(
        reverse("login"), {"kind": "staff", "username": "doctor_li", "password": "yibao2026"}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_wrong_password_is_refused_with_a_clear_message(client, demo):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.post(
        reverse("login"), {"kind": "staff", "username": "doctor_li", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "用户名和密码" in response.content.decode()


def test_an_insured_person_cannot_sign_in_with_someone_elses_id(client, demo):
    response = client.post(
        reverse("login"),
        {"kind": "insured", "resident_id": "420111199006150717", "password": "wrong-password"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_pages_need_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_changed_role_takes_effect_at_once_despite_the_permission_cache(db):
    from tests.factories import CityFactory, make_staff
    from workflows.registry.services import staff_profile_save

    city = CityFactory()
    user = make_staff(Role.SUPERVISOR, city=city)
    assert not User.objects.get(pk=user.pk).has_perm("referrals.approve_referral_as_center")
    staff_profile_save(user=user, role=Role.CENTER_REVIEWER, city=city)
    assert User.objects.get(pk=user.pk).has_perm("referrals.approve_referral_as_center")
