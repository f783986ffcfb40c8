"""After the password, the code: a user with an authenticator gives it before any other page,
a wrong one is named and repeated wrong ones are held back, a recovery code works once."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.pages import authenticator_code, said, sign_in
from workflows.registry.twostep import services
from workflows.registry.twostep.services import (
    TOO_MANY_WRONG_CODES,
    WRONG_CODE,
    recovery_codes_renew,
)
from workflows.registry.twostep.views import CODES_RENEWED, RECOVERY_CODE_USED

from .conftest import after_the_wait, form_errors, give_password, messages_of

WANG = "420111199006150717"  # 王强, insured person


def device_of(username: str) -> TOTPDevice:
    return TOTPDevice.objects.get(user__username=username, confirmed=True)


def two_step_page(next_url: str = "") -> str:
    page = reverse("two_step")
    return f"{page}?{urlencode({'next': next_url})}" if next_url else page


def give_code(client, code: str, next_url: str = ""):
    return client.post(reverse("two_step_verify"), {"code": code, "next": next_url})


def test_center_staff_are_asked_for_the_code_before_any_other_page(chinese):
    give_password(chinese, "center_chen")
    for page in (reverse("home"), reverse("inbox"), reverse("claims:list"), "/admin/"):
        response = chinese.get(page)
        assert response.status_code == 302
        assert response["Location"] == two_step_page(page)
    page = chinese.get(two_step_page(reverse("claims:list")))
    assert page.status_code == 200
    assert page.templates[0].name == "registry/two_step/verify.html"
    assert 'name="next" value="/claims/"' in page.content.decode()


def test_sign_out_and_the_language_switcher_stay_open_before_the_code(chinese):
    give_password(chinese, "center_chen")
    switched = chinese.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert switched.status_code == 302 and switched["Location"] == "/"
    signed_out = chinese.post(reverse("logout"))
    assert signed_out["Location"] == reverse("login")
    assert "_auth_user_id" not in chinese.session


def test_the_right_code_opens_the_page_the_user_was_going_to(chinese):
    give_password(chinese, "center_chen")
    response = give_code(chinese, authenticator_code(device_of("center_chen")), "/claims/")
    assert response.status_code == 302 and response["Location"] == "/claims/"
    assert chinese.get(reverse("claims:list")).status_code == 200
    assert chinese.get(reverse("home")).status_code == 200


def test_the_session_gets_a_new_key_with_the_code(chinese):
    give_password(chinese, "center_chen")
    before = chinese.session.session_key
    give_code(chinese, authenticator_code(device_of("center_chen")))
    assert chinese.session.session_key != before


def test_a_code_for_somewhere_off_the_site_goes_home_instead(chinese):
    give_password(chinese, "center_chen")
    code = authenticator_code(device_of("center_chen"))
    response = give_code(chinese, code, "https://elsewhere.example/steal")
    assert response["Location"] == reverse("home")


def test_a_wrong_code_is_named_and_nothing_opens(chinese):
    give_password(chinese, "center_chen")
    response = give_code(chinese, "000000")
    assert response.status_code == 200
    assert form_errors(response) == [said(WRONG_CODE, language="zh-hans")]
    assert chinese.get(reverse("home")).status_code == 302


def test_wrong_codes_in_a_row_are_held_back_even_when_the_right_one_follows(chinese):
    give_password(chinese, "center_chen")
    give_code(chinese, "000000")
    right = authenticator_code(device_of("center_chen"))
    response = give_code(chinese, right)
    assert response.status_code == 429
    [error] = form_errors(response)
    assert error.startswith(said(TOO_MANY_WRONG_CODES, language="zh-hans").split("%(time)s")[0])
    assert chinese.get(reverse("home")).status_code == 302
    # Once the wait is over, the right code opens the account.
    after_the_wait("center_chen")
    assert give_code(chinese, right)["Location"] == reverse("home")


def test_the_wait_doubles_with_each_wrong_code(chinese):
    give_password(chinese, "center_chen")
    device = device_of("center_chen")
    for failures in range(1, 5):
        device.refresh_from_db()
        device.throttling_failure_timestamp = timezone.now() - datetime.timedelta(hours=1)
        device.save()
        give_code(chinese, "000000")
        device.refresh_from_db()
        allowed, why = device.verify_is_allowed()
        assert not allowed
        waited = why["locked_until"] - device.throttling_failure_timestamp
        assert waited == datetime.timedelta(seconds=2 ** (failures - 1))


def test_a_recovery_code_signs_in_once(chinese, world):
    codes = recovery_codes_renew(user=world.users["center_chen"])
    give_password(chinese, "center_chen")
    response = give_code(chinese, codes[0].upper())  # as read aloud or typed in capitals
    assert response["Location"] == reverse("home")
    with translation.override("zh-hans"):
        used = str(RECOVERY_CODE_USED % {"count": services.RECOVERY_CODE_COUNT - 1})
    assert messages_of(chinese.get(reverse("home"))) == [used]
    chinese.post(reverse("logout"))

    give_password(chinese, "center_chen")
    again = give_code(chinese, codes[0])
    assert form_errors(again) == [said(WRONG_CODE, language="zh-hans")]
    assert chinese.get(reverse("home")).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(chinese, world):
    old = recovery_codes_renew(user=world.users["center_chen"])
    sign_in(chinese, "center_chen")
    made = chinese.post(reverse("two_step_renew_codes"), follow=True)
    assert made.templates[0].name == "registry/two_step/recovery_codes.html"
    new = made.context["codes"]
    assert len(new) == services.RECOVERY_CODE_COUNT and not set(new) & set(old)
    assert said(CODES_RENEWED, language="zh-hans") in messages_of(made)
    chinese.post(reverse("logout"))

    give_password(chinese, "center_chen")
    assert form_errors(give_code(chinese, old[1])) == [said(WRONG_CODE, language="zh-hans")]
    after_the_wait("center_chen")
    assert give_code(chinese, new[1])["Location"] == reverse("home")


def test_before_the_code_no_new_recovery_codes_are_made(chinese, world):
    old = recovery_codes_renew(user=world.users["center_chen"])
    give_password(chinese, "center_chen")
    response = chinese.post(reverse("two_step_renew_codes"))
    assert response["Location"] == reverse("two_step")
    chinese.post(reverse("logout"))
    give_password(chinese, "center_chen")
    assert give_code(chinese, old[0])["Location"] == reverse("home")


def test_a_user_without_two_step_signs_in_with_the_password_alone(chinese):
    give_password(chinese, "doctor_li")
    assert chinese.get(reverse("home")).status_code == 200
    give_password(chinese, WANG)
    assert chinese.get(reverse("home")).status_code == 200


def test_the_code_comes_before_a_password_change_and_the_change_after_it(chinese, world):
    reviewer = world.users["center_chen"]
    reviewer.must_change_password = True  # an administrator gave her a password
    reviewer.save()
    give_password(chinese, "center_chen")
    assert chinese.get(reverse("inbox"))["Location"] == two_step_page(reverse("inbox"))
    page = chinese.get(two_step_page(reverse("inbox")))
    assert page.templates[0].name == "registry/two_step/verify.html"
    code = authenticator_code(device_of("center_chen"))
    assert give_code(chinese, code, reverse("inbox"))["Location"] == reverse("inbox")
    assert chinese.get(reverse("inbox"))["Location"].startswith(reverse("password_change"))
