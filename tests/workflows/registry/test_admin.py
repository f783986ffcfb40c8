"""The administrator persona manages the registry in the admin; nobody else gets in."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.pages import sign_in

REGISTRY_MODELS = [m for m in apps.get_app_config("registry").get_models()]
# Sign-ins are recorded by signing in (test_sessions.py), stand-ins named on the absent
# person's page (test_stand_ins.py): never added by hand.
ADDED_BY_HAND = [m for m in REGISTRY_MODELS if m._meta.model_name not in ("signin", "standin")]


@pytest.mark.parametrize("model", ADDED_BY_HAND, ids=lambda m: m._meta.model_name)
def test_the_administrator_lists_and_adds_every_registry_record(client, world, model):
    assert admin.site.is_registered(model)
    sign_in(client, "admin")
    opts = model._meta
    listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert listing.status_code == 200
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200


def test_the_administrator_gives_a_user_a_role_through_the_staff_profile_page(client, world):
    from workflows.registry.models import Institution, User

    sign_in(client, "admin")
    newcomer = User.objects.create(username="newcomer", full_name="新同事")
    response = client.post(
        reverse("admin:registry_staffprofile_add"),
        {
            "user": newcomer.pk,
            "role": "dean",
            "institution": Institution.objects.get(code="H42010500002").pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(newcomer.groups.values_list("name", flat=True)) == ["dean"]


def test_a_scope_that_does_not_fit_the_role_is_refused_in_the_admin(client, world):
    from workflows.registry.models import User

    sign_in(client, "admin")
    newcomer = User.objects.create(username="newcomer2")
    response = client.post(
        reverse("admin:registry_staffprofile_add"),
        {"user": newcomer.pk, "role": "department_director"},
    )
    assert response.status_code == 200
    assert "科主任必须填写科室" in response.content.decode()


@pytest.mark.parametrize("username", ["doctor_li", "center_chen", "supervisor_zhao"])
def test_staff_without_the_administrator_role_cannot_enter_the_admin(client, world, username):
    client.force_login(world.users[username])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_an_insured_persons_phone_number_is_checked_in_the_admin_as_on_the_pages(client, world):
    from tests.pages import said
    from workflows.registry import phone_number

    sign_in(client, "admin")
    page = reverse("admin:registry_insuredperson_change", args=[world.patient.pk])
    form = client.get(page).context["adminform"].form
    assert form.fields["phone"].clean("13812345678") == "13812345678"
    with pytest.raises(ValidationError) as refused:
        form.fields["phone"].clean("abc")
    assert refused.value.messages == [said(phone_number.NOT_A_PHONE_NUMBER, value="abc")]
