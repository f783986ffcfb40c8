"""Setting up two-step sign-in: center staff and administrators without an authenticator set
one up right after the password, with the QR code and the key; anyone else turns it on and off;
the recovery codes are shown once."""

import re

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.pages import authenticator_code, code_of_key, said, sign_in
from workflows.registry.twostep import services
from workflows.registry.twostep.services import REQUIRED_BY_ROLE, WRONG_ENROLMENT_CODE
from workflows.registry.twostep.views import CODES_SHOWN_ONCE, TURNED_OFF, TURNED_ON

from .conftest import after_the_wait, form_errors, give_password, messages_of

WANG = "420111199006150717"  # 王强, insured person
KEY = re.compile(r'<code class="secret" id="two-step-key">([A-Z2-7 ]+)</code>')


def key_on(page) -> str:
    return KEY.search(page.content.decode()).group(1)


def confirm(client, code: str, next_url: str = ""):
    return client.post(reverse("two_step_confirm"), {"code": code, "next": next_url})


def test_a_center_reviewer_without_an_authenticator_sets_one_up_after_the_password(chinese):
    TOTPDevice.objects.filter(user__username="center_chen").delete()
    give_password(chinese, "center_chen")
    assert chinese.get(reverse("inbox"))["Location"].startswith(reverse("two_step"))
    page = chinese.get(reverse("two_step"), {"next": reverse("inbox")})
    assert page.templates[0].name == "registry/two_step/enrol.html"
    html = page.content.decode()
    assert f'src="{reverse("two_step_qr")}"' in html
    key = key_on(page)
    assert len(key.replace(" ", "")) == 32  # 20 bytes in base32
    # The same key on every visit until it is confirmed.
    assert key_on(chinese.get(reverse("two_step"))) == key

    refused = confirm(chinese, "12345")
    assert form_errors(refused) == [said(WRONG_ENROLMENT_CODE, language="zh-hans")]
    after_the_wait("center_chen")
    confirmed = confirm(chinese, code_of_key(key), reverse("inbox"))
    assert confirmed["Location"] == reverse("two_step_recovery_codes")
    codes = chinese.get(confirmed["Location"])
    assert said(TURNED_ON, language="zh-hans") in messages_of(codes)
    shown = codes.context["codes"]
    assert len(shown) == services.RECOVERY_CODE_COUNT == len(set(shown))
    for code in shown:
        assert f"<code>{code}</code>" in codes.content.decode()
    assert f'href="{reverse("inbox")}"' in codes.content.decode()
    assert set(shown) == set(
        StaticToken.objects.filter(device__user__username="center_chen").values_list(
            "token", flat=True
        )
    )
    # Signed in: the inbox opens.
    assert chinese.get(reverse("inbox")).status_code == 200


def test_the_recovery_codes_are_shown_only_once(chinese):
    TOTPDevice.objects.filter(user__username="center_chen").delete()
    give_password(chinese, "center_chen")
    key = key_on(chinese.get(reverse("two_step")))
    confirm(chinese, code_of_key(key))
    assert chinese.get(reverse("two_step_recovery_codes")).status_code == 200
    again = chinese.get(reverse("two_step_recovery_codes"), follow=True)
    assert "codes" not in again.context
    assert said(CODES_SHOWN_ONCE, language="zh-hans") in messages_of(again)


def test_the_qr_code_is_an_svg_image_of_the_key_being_set_up_only(chinese):
    TOTPDevice.objects.filter(user__username="center_chen").delete()
    give_password(chinese, "center_chen")
    chinese.get(reverse("two_step"))
    image = chinese.get(reverse("two_step_qr"))
    assert image.status_code == 200
    assert image["Content-Type"] == "image/svg+xml"
    assert "no-store" in image["Cache-Control"]
    svg = image.content.decode()
    assert svg.startswith("<svg") and "<path" in svg and "style" not in svg
    key = key_on(chinese.get(reverse("two_step")))
    confirm(chinese, code_of_key(key))
    # Once confirmed, the key is shown no more, as a QR code or otherwise.
    assert chinese.get(reverse("two_step_qr")).status_code == 404
    assert key not in chinese.get(reverse("two_step")).content.decode()


def test_an_insured_person_turns_two_step_on_and_off(chinese):
    give_password(chinese, WANG)
    off = chinese.get(reverse("two_step"))
    assert off.templates[0].name == "registry/two_step/settings.html"
    assert off.context["device"] is None
    setup = chinese.post(reverse("two_step_on"), follow=True)
    assert setup.templates[0].name == "registry/two_step/enrol.html"
    # Until it is confirmed, it is not on: the pages open with the password alone.
    assert chinese.get(reverse("home")).status_code == 200
    confirm(chinese, code_of_key(key_on(setup)))
    chinese.get(reverse("two_step_recovery_codes"))
    on = chinese.get(reverse("two_step"))
    assert on.context["device"] is not None and on.context["codes_left"] == 10
    chinese.post(reverse("logout"))

    give_password(chinese, WANG)
    assert chinese.get(reverse("home"))["Location"].startswith(reverse("two_step"))
    device = TOTPDevice.objects.get(user__insured_person__resident_id=WANG)
    chinese.post(reverse("two_step_verify"), {"code": authenticator_code(device)})
    turned_off = chinese.post(reverse("two_step_off"), follow=True)
    assert said(TURNED_OFF, language="zh-hans") in messages_of(turned_off)
    assert not TOTPDevice.objects.filter(user__insured_person__resident_id=WANG).exists()
    assert not StaticToken.objects.filter(device__user__insured_person__resident_id=WANG).exists()
    chinese.post(reverse("logout"))
    give_password(chinese, WANG)
    assert chinese.get(reverse("home")).status_code == 200


def test_a_setup_begun_and_cancelled_leaves_two_step_off(chinese):
    give_password(chinese, "doctor_li")
    chinese.post(reverse("two_step_on"))
    assert TOTPDevice.objects.filter(user__username="doctor_li", confirmed=False).exists()
    chinese.post(reverse("two_step_off"))
    assert not TOTPDevice.objects.filter(user__username="doctor_li").exists()
    assert chinese.get(reverse("home")).status_code == 200


def test_a_role_that_requires_two_step_cannot_turn_it_off(chinese):
    sign_in(chinese, "center_chen")
    page = chinese.get(reverse("two_step")).content.decode()
    assert reverse("two_step_off") not in page
    response = chinese.post(reverse("two_step_off"), follow=True)
    assert said(REQUIRED_BY_ROLE, language="zh-hans") in messages_of(response)
    assert TOTPDevice.objects.filter(user__username="center_chen", confirmed=True).exists()


def test_turning_off_needs_the_code_first(chinese):
    give_password(chinese, WANG)
    chinese.post(reverse("two_step_on"))
    key = key_on(chinese.get(reverse("two_step")))
    confirm(chinese, code_of_key(key))
    chinese.post(reverse("logout"))
    give_password(chinese, WANG)
    assert chinese.post(reverse("two_step_off"))["Location"] == reverse("two_step")
    assert TOTPDevice.objects.filter(user__insured_person__resident_id=WANG).exists()


def test_a_user_signed_in_elsewhere_without_two_step_gives_the_code_once_it_is_on(client, chinese):
    give_password(client, WANG)
    assert client.get(reverse("home")).status_code == 200  # checked once, kept in the session
    give_password(chinese, WANG)
    chinese.post(reverse("two_step_on"))
    confirm(chinese, code_of_key(key_on(chinese.get(reverse("two_step")))))
    # The other session keeps what it was given; its next sign-in asks for the code.
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    give_password(client, WANG)
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_step"))
