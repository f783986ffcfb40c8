"""Failed sign-ins: after the limit, an account or an address is locked for a period, the
sign-in page says until when, the administrator can unlock it, and every lock is kept."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.pages import DEMO_PASSWORD, said, sign_in, sign_in_response
from workflows.registry.forms import WRONG_USERNAME_OR_PASSWORD
from workflows.registry.throttling import LOCKED_OUT

LIMIT = settings.AXES_FAILURE_LIMIT
WANG = "420111199006150717"  # 王强, insured person
ACCOUNTS = ["doctor_li", "director_wang", "office_zhang", "dean_liu", "center_chen"]


def signs_in(client, who: str, password: str, *, address: str = "10.0.0.1"):
    return sign_in_response(client, who, password, REMOTE_ADDR=address)


def fails(client, who: str, times: int, *, address: str = "10.0.0.1", vary_address=False):
    for n in range(times):
        response = signs_in(
            client, who, f"wrong-{n}", address=f"10.0.1.{n}" if vary_address else address
        )
        # The failure that reaches the limit is answered with the lock already.
        assert response.status_code in (200, 429)
        assert "_auth_user_id" not in client.session


def is_locked(response) -> bool:
    return response.status_code == 429 and "_auth_user_id" not in response.client.session


@pytest.fixture
def chinese(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


def test_an_account_is_locked_after_the_limit_from_any_address(chinese, world):
    assert LIMIT == 5
    fails(chinese, "director_wang", LIMIT, vary_address=True)
    response = signs_in(chinese, "director_wang", DEMO_PASSWORD, address="10.9.9.9")
    assert is_locked(response)
    page = response.content.decode()
    until = timezone.localtime(
        AccessAttempt.objects.latest("attempt_time").attempt_time + settings.AXES_COOLOFF_TIME
    ) + datetime.timedelta(minutes=1)
    assert said(LOCKED_OUT, time=until.strftime("%H:%M")) in page
    assert "登录失败次数过多" in page
    assert 'value="director_wang"' in page  # what was typed stays
    # Other accounts from other addresses are not locked.
    assert signs_in(chinese, "doctor_li", DEMO_PASSWORD, address="10.9.9.8").status_code == 302


def test_an_address_is_locked_after_its_own_limit_whatever_the_accounts(chinese, world):
    address_limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    assert address_limit == 50
    for n in range(address_limit - 1):  # each account once: none reaches its own limit
        assert signs_in(chinese, f"guess{n}", "wrong", address="10.2.2.2").status_code == 200
    assert signs_in(chinese, "guess", "wrong", address="10.2.2.2").status_code == 429
    assert is_locked(signs_in(chinese, "unit_sun", DEMO_PASSWORD, address="10.2.2.2"))
    assert signs_in(chinese, "unit_sun", DEMO_PASSWORD, address="10.3.3.3").status_code == 302


def test_staff_sharing_an_address_are_not_locked_out_by_each_others_mistakes(chinese, world):
    # A hospital's network: each of its staff mistypes their password up to the account's
    # limit less one, and each still signs in from there.
    for account in ACCOUNTS:
        fails(chinese, account, LIMIT - 1, address="10.4.4.4")
    assert signs_in(chinese, "unit_sun", DEMO_PASSWORD, address="10.4.4.4").status_code == 302


def test_an_insured_persons_resident_id_is_locked_as_typed_in_any_form(chinese, world):
    fails(chinese, WANG, LIMIT - 1, vary_address=True)
    fails(chinese, WANG[:6] + " " + WANG[6:], 1, address="10.0.2.1")  # spaced, same account
    response = signs_in(chinese, WANG, DEMO_PASSWORD, address="10.9.9.9")
    assert is_locked(response)
    assert f'value="{WANG}"' in response.content.decode()


def test_the_lock_is_said_in_english_to_an_english_reader(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    fails(client, "center_chen", LIMIT)
    page = signs_in(client, "center_chen", DEMO_PASSWORD).content.decode()
    assert "Too many failed sign-ins for this account or from this address." in page


def test_a_sign_in_that_succeeds_clears_the_accounts_count(chinese, world):
    fails(chinese, "doctor_li", LIMIT - 1)
    assert signs_in(chinese, "doctor_li", DEMO_PASSWORD).status_code == 302
    chinese.logout()
    fails(chinese, "doctor_li", LIMIT - 1, address="10.0.0.2")
    assert signs_in(chinese, "doctor_li", DEMO_PASSWORD, address="10.0.0.3").status_code == 302


def test_the_lock_ends_after_its_period(chinese, world):
    fails(chinese, "dean_liu", LIMIT)
    assert is_locked(signs_in(chinese, "dean_liu", DEMO_PASSWORD))
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    )
    assert signs_in(chinese, "dean_liu", DEMO_PASSWORD).status_code == 302


def test_the_administrator_unlocks_an_account_and_the_lock_is_kept(chinese, world):
    fails(chinese, "office_zhang", LIMIT, vary_address=True)
    assert is_locked(signs_in(chinese, "office_zhang", DEMO_PASSWORD, address="10.9.9.9"))
    assert AccessFailureLog.objects.filter(username="office_zhang", locked_out=True).exists()

    sign_in(chinese, "admin")
    attempts = AccessAttempt.objects.filter(username="office_zhang")
    listing = chinese.get(reverse("admin:axes_accessattempt_changelist"))
    assert "office_zhang" in listing.content.decode()
    chinese.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(attempts.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert not attempts.exists()
    chinese.logout()
    assert signs_in(chinese, "office_zhang", DEMO_PASSWORD, address="10.9.9.9").status_code == 302
    # The failures and the lock stay in the log.
    assert AccessFailureLog.objects.filter(username="office_zhang").count() >= LIMIT


def test_a_wrong_password_below_the_limit_is_still_the_usual_message(chinese, world):
    response = signs_in(chinese, "doctor_li", "wrong")
    assert said(WRONG_USERNAME_OR_PASSWORD) in response.content.decode()
