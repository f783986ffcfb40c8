"""The admin asks for a verified two-step session, and the administrator resets a user's
two-step sign-in there."""

from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory
from tests.pages import give_authenticator, said, sign_in
from workflows.registry.models import User
from workflows.registry.twostep.admin import ADMIN_NEEDS_TWO_STEP, RESET_DONE
from workflows.registry.twostep.services import recovery_codes_renew

from .conftest import give_password, messages_of


def test_the_administrator_enters_the_admin_after_the_code(chinese):
    give_password(chinese, "admin")
    assert chinese.get(reverse("admin:index"))["Location"].startswith(reverse("two_step"))
    sign_in(chinese, "admin")
    assert chinese.get(reverse("admin:index")).status_code == 200


def test_a_password_alone_does_not_open_the_admin_to_staff_whose_role_needs_no_code(
    chinese, settings
):
    settings.TWO_STEP_REQUIRED_ROLES = ["center_reviewer"]
    TOTPDevice.objects.filter(user__username="admin").delete()
    give_password(chinese, "admin")
    refused = chinese.get(reverse("admin:index"), follow=True)
    assert refused.templates[0].name == "registry/two_step/settings.html"
    assert said(ADMIN_NEEDS_TWO_STEP, language="zh-hans") in messages_of(refused)
    assert refused.context["device"] is None  # an offer to turn it on


def test_a_superuser_with_a_password_alone_is_sent_to_the_code(chinese):
    boss = UserFactory(is_staff=True, is_superuser=True)
    give_authenticator(boss)
    chinese.post(
        reverse("login"), {"kind": "staff", "username": boss.username, "password": PASSWORD}
    )
    response = chinese.get(reverse("admin:registry_user_changelist"))
    assert response["Location"].startswith(reverse("two_step"))
    sign_in(chinese, boss.username, password=PASSWORD)
    assert chinese.get(reverse("admin:registry_user_changelist")).status_code == 200


def test_the_administrator_resets_a_reviewers_two_step_sign_in(chinese, world):
    reviewer = world.users["center_chen"]
    recovery_codes_renew(user=reviewer)
    sign_in(chinese, "admin")
    listing = chinese.get(reverse("admin:registry_user_changelist"))
    assert listing.status_code == 200
    done = chinese.post(
        reverse("admin:registry_user_changelist"),
        {"action": "reset_two_step", "_selected_action": [reviewer.pk]},
        follow=True,
    )
    assert said(RESET_DONE, language="zh-hans", name="陈静") in messages_of(done)
    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    assert not StaticDevice.objects.filter(user=reviewer).exists()
    assert LogEntry.objects.filter(object_id=str(reviewer.pk)).exists()

    # 陈静 sets up a new authenticator at her next sign-in.
    chinese.post(reverse("logout"))
    give_password(chinese, "center_chen")
    page = chinese.get(reverse("two_step"))
    assert page.templates[0].name == "registry/two_step/enrol.html"


def test_the_reset_ends_the_second_step_of_a_session_already_signed_in(client, world):
    sign_in(client, "center_chen")
    assert client.get(reverse("home")).status_code == 200
    TOTPDevice.objects.filter(user=world.users["center_chen"]).delete()
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_step"))


def test_nobody_reads_anothers_key_in_the_admin(chinese, world):
    sign_in(chinese, "admin")
    index = chinese.get(reverse("admin:index")).content.decode()
    assert "otp_totp" not in index and "otp_static" not in index
    assert User.objects.filter(username="center_chen").exists()
