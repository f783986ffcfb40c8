"""Two-step sign-in as people meet it: a center reviewer sets up an authenticator at her first
sign-in, keeps her recovery codes, then signs in with the app's code and with a recovery code,
which works once; an insured person turns it on from a phone, and off again."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.pages import code_of_key
from workflows.registry.forms import InsuredSignInForm, StaffSignInForm
from workflows.registry.twostep.forms import ConfirmCodeForm
from workflows.registry.twostep.services import RECOVERY_CODE_COUNT, WRONG_CODE
from workflows.registry.twostep.views import TURNED_OFF, TURNED_ON

from .checks import DESKTOP, PHONE
from .person import Person

WANG = "420111199006150717"  # 王强, insured person


def give_password(person: Person, who: str) -> None:
    """The first step only: the username (or resident ID) and password on the sign-in page."""
    person.open("/login/")
    if who[:1].isdigit():
        person.follow(person.gettext("Insured people"))
        label = InsuredSignInForm.base_fields["resident_id"].label
    else:
        label = StaffSignInForm().fields["username"].label
    person.fill(person.gettext(label), who)
    person.fill(person.gettext("Password"), "yibao2026")
    person.press(person.gettext("Sign in"))


def set_up_the_app(person: Person) -> list[str]:
    """On the setup page: the QR code is there to scan; the key is typed into the app, and
    the app's code into the page. The recovery codes shown next."""
    expect(person.page.get_by_role("heading", level=1)).to_have_text(
        person.gettext("Set up two-step sign-in")
    )
    qr = person.page.get_by_role("img", name=person.gettext("QR code of your two-step sign-in key"))
    expect(qr).to_be_visible()
    assert qr.evaluate("(image) => image.complete && image.naturalWidth > 0")
    key = person.page.locator("#two-step-key").inner_text()
    person.fill(person.gettext(ConfirmCodeForm.base_fields["code"].label), code_of_key(key))
    person.press(person.gettext("Confirm"))
    expect(person.page.get_by_role("heading", level=1)).to_have_text(
        person.gettext("Your recovery codes")
    )
    expect(person.page.locator(".messages")).to_contain_text(person.gettext(TURNED_ON))
    codes = person.page.get_by_role("list", name=person.gettext("Recovery codes"))
    return codes.get_by_role("listitem").all_inner_texts()


def sign_out(person: Person) -> None:
    person.press(person.gettext("Sign out"))
    expect(person.page.get_by_role("heading", level=1)).to_have_text(person.gettext("Sign in"))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_center_reviewer_sets_up_two_step_at_her_first_sign_in_and_uses_it(
    visit, world, language
):
    TOTPDevice.objects.filter(user__username="center_chen").delete()  # her first sign-in
    chen = visit(DESKTOP)
    chen.open("/login/")
    chen.choose_language(language)
    give_password(chen, "center_chen")
    codes = set_up_the_app(chen)
    assert len(codes) == RECOVERY_CODE_COUNT == len(set(codes))
    chen.follow(chen.gettext("I have kept them, continue"))
    expect(chen.page.get_by_role("heading", level=1)).to_contain_text("陈静")
    sign_out(chen)

    # With the app's code (Person.sign_in types the one her authenticator shows).
    chen.sign_in("center_chen", language=language)
    chen.follow(chen.gettext("Inbox"))
    assert chen.on_page("/inbox/")
    sign_out(chen)

    # Her phone is elsewhere: a recovery code, once.
    give_password(chen, "center_chen")
    chen.give_two_step_code(codes[0])
    expect(chen.page.locator(".messages")).to_contain_text(str(RECOVERY_CODE_COUNT - 1))
    expect(chen.page.get_by_role("heading", level=1)).to_contain_text("陈静")
    sign_out(chen)
    give_password(chen, "center_chen")
    chen.give_two_step_code(codes[0])
    expect(chen.page.locator(".errors-of-field")).to_have_text(chen.gettext(WRONG_CODE))
    assert chen.on_page("/account/two-step/")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_insured_person_turns_two_step_on_from_a_phone(visit, world, language):
    wang = visit(PHONE)
    wang.sign_in(WANG, language=language)
    wang.follow(wang.gettext("Two-step sign-in"))
    wang.press(wang.gettext("Turn on two-step sign-in"))
    codes = set_up_the_app(wang)
    assert len(codes) == RECOVERY_CODE_COUNT
    wang.follow(wang.gettext("I have kept them, continue"))
    sign_out(wang)

    # From now on his sign-in asks for the app's code.
    give_password(wang, WANG)
    assert wang.on_page("/account/two-step/")
    sign_out(wang)
    wang.sign_in(WANG, language=language)
    wang.follow(wang.gettext("Two-step sign-in"))
    expect(wang.page.get_by_text(wang.gettext("Recovery codes left"))).to_be_visible()
    wang.press(wang.gettext("Turn off two-step sign-in"))
    expect(wang.page.locator(".messages")).to_contain_text(wang.gettext(TURNED_OFF))
    assert not TOTPDevice.objects.filter(user__insured_person__resident_id=WANG).exists()
