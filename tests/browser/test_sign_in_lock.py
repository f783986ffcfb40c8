"""An insured person who mistypes the password again and again on the phone is locked out for
a while, told until when in the page's language, and keeps the resident ID typed."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from workflows.registry.forms import WRONG_RESIDENT_ID_OR_PASSWORD
from workflows.registry.throttling import LOCKED_OUT

from .checks import PHONE

WANG = "420111199006150717"  # 王强


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_password_mistyped_too_often_locks_the_account_and_says_until_when(
    visit, world, language
):
    wang = visit(PHONE)
    wang.open("/login/")
    wang.choose_language(language)
    wang.follow(wang.gettext("Insured people"))
    # A resident ID and a password are not texts to count characters of.
    expect(wang.page.locator(".chars-left")).to_have_count(0)
    alert = wang.page.get_by_role("alert")
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        wang.fill(wang.gettext("Resident ID"), WANG)
        wang.fill(wang.gettext("Password"), f"yibao{attempt}")
        wang.press(wang.gettext("Sign in"))
        if attempt < settings.AXES_FAILURE_LIMIT:
            expect(alert).to_have_text(wang.gettext(WRONG_RESIDENT_ID_OR_PASSWORD))
    locked = wang.gettext(LOCKED_OUT).split("%(time)s")[0]
    expect(alert).to_contain_text(locked)
    expect(alert).to_contain_text(":")  # the time of day it ends
    expect(wang.page.get_by_label(wang.gettext("Resident ID"))).to_have_value(WANG)

    # The right password does not open a locked account.
    wang.fill(wang.gettext("Password"), "yibao2026")
    wang.press(wang.gettext("Sign in"))
    expect(alert).to_contain_text(locked)
    expect(wang.page.get_by_role("button", name=wang.gettext("Sign out"))).to_have_count(0)
