"""Which roles must sign in with two steps is a setting, checked at start; the demo's code
command works only under DEBUG."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.pages import authenticator_code, give_authenticator
from workflows.registry.twostep.checks import required_roles_exist

from .conftest import give_password

WANG = "420111199006150717"  # 王强, insured person


def test_by_default_administrators_and_center_reviewers_must_use_it(settings):
    assert settings.TWO_STEP_REQUIRED_ROLES == ["administrator", "center_reviewer"]


def test_a_role_the_setting_names_must_set_it_up_at_sign_in(chinese, settings):
    settings.TWO_STEP_REQUIRED_ROLES = ["insured_person"]
    give_password(chinese, WANG)
    assert chinese.get(reverse("home"))["Location"].startswith(reverse("two_step"))
    assert chinese.get(reverse("two_step")).templates[0].name == "registry/two_step/enrol.html"
    # A role the setting no longer names signs in with the password alone.
    chinese.post(reverse("logout"))
    TOTPDevice.objects.filter(user__username="center_yang").delete()
    give_password(chinese, "center_yang")
    assert chinese.get(reverse("home")).status_code == 200


def test_a_role_name_that_does_not_exist_fails_the_system_check(settings):
    assert required_roles_exist() == []
    settings.TWO_STEP_REQUIRED_ROLES = ["administrator", "centre_reviewer"]
    [error] = required_roles_exist()
    assert "centre_reviewer" in error.msg and error.id == "registry.E001"


def test_the_demo_command_prints_the_code_the_app_shows(world, settings):
    settings.DEBUG = True
    device = TOTPDevice.objects.get(user__username="center_chen")
    out = io.StringIO()
    call_command("two_step_code", "center_chen", stdout=out)
    assert out.getvalue().strip() == authenticator_code(device)


def test_the_demo_command_refuses_without_debug(world, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("two_step_code", "center_chen", stdout=io.StringIO())


def test_the_demo_command_names_a_user_without_an_authenticator(world, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="doctor_li"):
        call_command("two_step_code", "doctor_li", stdout=io.StringIO())
    give_authenticator(world.users["doctor_li"])
    call_command("two_step_code", "doctor_li", stdout=io.StringIO())
