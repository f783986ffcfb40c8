"""Admin pages: catalogues searched by code and name; policies edited with the file's checks."""

import datetime
import json

import pytest
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    CityFactory,
    DepartmentFactory,
    DrugFactory,
    FacilityStandardFactory,
    PolicyFactory,
    TreatmentItemFactory,
    UserFactory,
    make_staff,
)
from tests.pages import give_authenticator, sign_in
from workflows.policy import values as v
from workflows.policy.models import Policy
from workflows.registry.roles import Role

from .examples import EXAMPLE_TERMS
from .helpers import overlap_message, said

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    give_authenticator(superuser)  # the admin asks for the second step of every sign-in
    sign_in(client, superuser.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    ("factory", "model"),
    [
        (DrugFactory, "drug"),
        (TreatmentItemFactory, "treatmentitem"),
        (FacilityStandardFactory, "facilitystandard"),
    ],
)
def test_each_catalogue_is_searched_by_code_and_by_name(admin_client, factory, model):
    wanted = factory(code="X-0042", name="阿莫西林胶囊")
    other = factory(code="X-0077", name="硝苯地平缓释片")
    url = reverse(f"admin:policy_{model}_changelist")
    for term in ("0042", "阿莫西林"):
        page = admin_client.get(url, {"q": term})
        assert list(page.context["cl"].result_list) == [wanted], term
    assert other not in page.context["cl"].result_list


def policy_form(city, **changes) -> dict:
    data = {
        "region": city.pk,
        "scheme": "employee",
        "effective_from": "2026-01-01",
        "effective_to": "",
        "terms_json": json.dumps(EXAMPLE_TERMS),
    }
    return {**data, **changes}


def test_a_policy_is_added_in_the_admin(admin_client):
    city = CityFactory()
    response = admin_client.post(reverse("admin:policy_policy_add"), policy_form(city))
    assert response.status_code == 302
    assert Policy.objects.get().terms == Policy(terms_json=EXAMPLE_TERMS).terms


def test_the_admin_refuses_an_overlapping_policy_with_the_clear_message(admin_client):
    existing = PolicyFactory()
    data = policy_form(existing.region, effective_from="2026-05-01")
    response = admin_client.post(reverse("admin:policy_policy_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [overlap_message(existing)]
    assert Policy.objects.count() == 1


def test_the_admin_names_every_problem_of_the_terms(admin_client):
    terms = {**EXAMPLE_TERMS, "annual_cap": "-1.00", "extra": "1"}
    data = policy_form(CityFactory(), terms_json=json.dumps(terms))
    response = admin_client.post(reverse("admin:policy_policy_add"), data)
    assert response.context["adminform"].form.errors["terms_json"] == [
        said(v.UNKNOWN_KEY, key="extra"),
        said(v.NEGATIVE_AMOUNT, key="annual_cap", value='"-1.00"'),
    ]
    assert not Policy.objects.exists()


def test_the_admin_shows_the_terms_as_an_indented_policy_file(admin_client):
    policy = PolicyFactory(effective_to=datetime.date(2026, 12, 31))
    page = admin_client.get(reverse("admin:policy_policy_change", args=[policy.pk]))
    shown = page.context["adminform"].form["terms_json"].value()
    assert json.loads(shown) == EXAMPLE_TERMS
    assert shown.startswith('{\n  "deductible": {\n    "III": "1000.00",')


def test_administrators_keep_catalogues_and_policies_and_reviewers_and_supervisors_read_them():
    city = CityFactory()
    admin = make_staff(Role.ADMINISTRATOR)
    reviewer = make_staff(Role.CENTER_REVIEWER, city=city)
    supervisor = make_staff(Role.SUPERVISOR, city=city)
    department = DepartmentFactory()
    physician = make_staff(
        Role.ATTENDING_PHYSICIAN, institution=department.institution, department=department
    )
    for model in ("drug", "treatmentitem", "facilitystandard", "policy"):
        assert admin.has_perms([f"policy.{a}_{model}" for a in ("add", "change", "delete", "view")])
        for reader in (reviewer, supervisor):
            assert reader.has_perm(f"policy.view_{model}")
            assert not reader.has_perm(f"policy.change_{model}")
            assert not reader.has_perm(f"policy.add_{model}")
        assert not physician.has_perm(f"policy.view_{model}")
