"""Each rule of a new password refuses a password that breaks it, saying so in the page's
language, and the page lists every rule under the new password's field."""

import html

import pytest
from django.conf import settings
from django.urls import reverse

from tests.pages import DEMO_PASSWORD, said, sign_in
from workflows.registry.models import User
from workflows.registry.passwords import validators

HUANG = "420102198503122046"  # 黄小红, born 1985-03-12
LANGUAGES = ["zh-hans", "en"]
MIN_LENGTH = settings.PASSWORD_MIN_LENGTH  # 10 unless the environment says otherwise

# A password that breaks one rule, whose message the page gives, for a staff member (李明,
# doctor_li) or an insured person (黄小红).
BROKEN_RULES = {
    "too short": ("doctor_li", "Ab1!xyz", validators.TOO_SHORT, {"min_length": MIN_LENGTH}),
    "no letter": ("doctor_li", "2026-1203-9876", validators.NO_LETTER, {}),
    "no digit": ("doctor_li", "Changjiang-Hospital", validators.NO_DIGIT, {}),
    "no symbol": ("doctor_li", "Changjiang2026", validators.NO_SYMBOL, {}),
    "username": ("doctor_li", "doctor_li2026!", validators.TOO_SIMILAR, {"field": "username"}),
    "name": ("doctor_li", "李明-Cardio-2026", validators.TOO_SIMILAR, {"field": "full_name"}),
    "birth date": (HUANG, "Xiaohong#850312", validators.HAS_RESIDENT_ID, {}),
    "last six": (HUANG, "Mine-122046-ok", validators.HAS_RESIDENT_ID, {}),
    "common": ("doctor_li", "Password1!", validators.TOO_COMMON, {}),
}


def changes_password(client, new: str, *, again: str | None = None, current=DEMO_PASSWORD):
    return client.post(
        reverse("password_change"),
        {"current_password": current, "new_password": new, "new_password_again": again or new},
    )


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("who", "password", "message", "params"), BROKEN_RULES.values(), ids=BROKEN_RULES.keys()
)
def test_a_password_that_breaks_a_rule_is_refused_with_its_message(
    client, world, who, password, message, params, language
):
    sign_in(client, who, language)
    response = changes_password(client, password)
    assert response.status_code == 200
    if "field" in params:  # the field's name, in the page's language
        field = User._meta.get_field(params["field"])
        params = {"verbose_name": said(field.verbose_name, language=language)}
    assert said(message, language=language, **params) in page_text(response)
    user = User.objects.get(pk=client.session["_auth_user_id"])
    assert user.check_password(DEMO_PASSWORD)


def test_the_chinese_messages_read_as_chinese(client, world):
    sign_in(client, "doctor_li", "zh-hans")
    page = page_text(changes_password(client, "yibao2026"))
    assert "密码中没有符号（如 ! ? # 或 -）。" in page
    assert f"密码太短：至少需要{MIN_LENGTH}个字符。" in page


def test_every_broken_rule_is_named_at_once(client, world):
    sign_in(client, "doctor_li", "en")
    page = page_text(changes_password(client, "abc"))
    for message in (validators.NO_DIGIT, validators.NO_SYMBOL):
        assert said(message, language="en") in page
    assert said(validators.TOO_SHORT, language="en", min_length=MIN_LENGTH) in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_password_that_keeps_every_rule_is_taken(client, world, language):
    sign_in(client, HUANG, language)
    # A letter of any script counts: 红 is one.
    response = changes_password(client, "红花-2026-长江")
    assert response.status_code == 302
    assert User.objects.get(username="insured-420100000000101").check_password("红花-2026-长江")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_lists_every_rule_under_the_new_password(client, world, language):
    sign_in(client, "doctor_li", language)
    page = page_text(client.get(reverse("password_change")))
    rules = [
        said(validators.LENGTH_HELP, language=language, min_length=MIN_LENGTH),
        said(validators.CLASSES_HELP, language=language),
        said(validators.PERSONAL_HELP, language=language),
        said(validators.COMMON_HELP, language=language),
    ]
    listed = page.split('id="id_new_password_helptext"', 1)[1].split("</ul>", 1)[0]
    assert [rule in listed for rule in rules] == [True] * len(rules)
    assert 'aria-describedby="id_new_password_helptext"' in page
