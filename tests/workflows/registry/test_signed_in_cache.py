"""The signed-in user comes from the cache, and nothing they may do outlives a change to it."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.pages import sign_in
from workflows.registry.models import Institution, StaffProfile, User
from workflows.registry.roles import Role
from workflows.registry.services import staff_profile_save

REGISTRY_TABLES = ("registry_user", "registry_staffprofile", "registry_insuredperson", "auth_")


def registry_reads(client, path) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [q["sql"] for q in queries if any(t in q["sql"] for t in REGISTRY_TABLES)]


def test_a_signed_in_page_reads_no_user_profile_or_permission(client, world):
    sign_in(client, "director_wang")
    client.get(reverse("inbox"))  # the first page after signing in fills the cache
    assert registry_reads(client, reverse("inbox")) == []


def test_a_new_role_takes_effect_on_the_next_page(client, world):
    sign_in(client, "director_wang")
    assert "科主任" in client.get(reverse("home")).content.decode()
    user = world.users["director_wang"]
    profile = user.staff_profile
    staff_profile_save(user=user, role=Role.DEAN, institution=profile.institution)
    page = client.get(reverse("home")).content.decode()
    assert "分管院长" in page and "科主任" not in page
    assert client.get(reverse("inbox")).status_code == 200


def test_a_deactivated_account_is_signed_out_at_once(client, world):
    sign_in(client, "director_wang")
    assert client.get(reverse("home")).status_code == 200
    user = User.objects.get(username="director_wang")
    user.is_active = False
    user.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_renamed_institution_shows_on_the_next_page(client, world):
    sign_in(client, "director_wang")
    client.get(reverse("home"))
    hospital = StaffProfile.objects.get(user__username="director_wang").institution
    hospital.name = "武汉长江医院（新院区）"
    hospital.save()
    assert "武汉长江医院（新院区）" in client.get(reverse("home")).content.decode()
    assert Institution.objects.filter(name="武汉长江医院（新院区）").exists()


def test_a_permission_taken_from_a_role_is_gone_on_the_next_page(client, world):
    sign_in(client, "director_wang")
    assert client.get(reverse("referrals:list")).status_code == 200
    group = Group.objects.get(name=Role.DEPARTMENT_DIRECTOR.value)
    group.permissions.remove(Permission.objects.get(codename="view_referral"))
    assert client.get(reverse("referrals:list")).status_code == 403
