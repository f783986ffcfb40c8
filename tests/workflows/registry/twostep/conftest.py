"""What the two-step tests share: a sign-in that stops after the password."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.pages import DEMO_PASSWORD


def give_password(client, who: str):
    """The first step only: ``who``'s password on the sign-in page (``who``: a username or a
    resident ID)."""
    if who[:1].isdigit():
        data = {"kind": "insured", "resident_id": who, "password": DEMO_PASSWORD}
    else:
        data = {"kind": "staff", "username": who, "password": DEMO_PASSWORD}
    response = client.post(reverse("login"), data)
    assert response.status_code == 302, f"{who}'s password was refused"
    return response


def after_the_wait(username: str) -> None:
    """The wait django-otp imposes after a wrong code has passed, as it does for a person who
    reads the message and types again."""
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    for model in (TOTPDevice, StaticDevice):
        waiting = model.objects.filter(user__username=username, throttling_failure_count__gt=0)
        waiting.update(throttling_failure_timestamp=long_ago)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def form_errors(response) -> list[str]:
    return [str(error) for errors in response.context["form"].errors.values() for error in errors]


@pytest.fixture
def chinese(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client
