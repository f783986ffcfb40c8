"""The demo region loads, twice, without errors or duplicates."""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command

from workflows.policy.models import CATALOGUE_MODELS
from workflows.policy.selectors import policy_in_force
from workflows.registry.models import Institution, InsuredPerson, Region

DEMO_APPS = {"registry", "auth", "policy"}


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS
    }


def test_the_demo_region_loads_twice_without_duplicates(db):
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first["registry.User"] >= 9
    assert first["policy.Policy"] >= 4


def test_the_demo_region_has_what_the_workflows_need(demo):
    for city in ("武汉市", "宜昌市"):
        hospitals = Institution.objects.filter(city__name=city, kind="hospital", designated=True)
        assert set(hospitals.values_list("grade", flat=True)) >= {"I", "II", "III"}
    assert Institution.objects.filter(kind="hospital", designated=False).exists()
    assert Institution.objects.filter(kind="pharmacy", designated=True).exists()
    assert Region.objects.get(code="420000").name == "湖北省"
    retired_elsewhere = (
        InsuredPerson.objects.filter(status="retired")
        .exclude(address__startswith="湖北")
        .exclude(address__startswith="武汉")
        .exclude(address__startswith="宜昌")
    )
    assert retired_elsewhere.exists()
    assert InsuredPerson.objects.filter(scheme="resident").exists()
    assert InsuredPerson.objects.filter(status="employed").exists()


@pytest.mark.parametrize("app_label", ["registry", "policy"])
def test_every_demo_record_passes_its_own_validation(demo, app_label):
    for model in apps.get_app_config(app_label).get_models():
        for obj in model.objects.all():
            obj.full_clean(exclude=["password"])


def test_the_demo_has_a_few_dozen_entries_in_each_catalogue_of_every_class(demo):
    for model in CATALOGUE_MODELS.values():
        assert model.objects.count() >= 24
        classes = set(model.objects.values_list("catalogue_class", flat=True))
        assert classes == {"A", "B", "out"}


@pytest.mark.parametrize("city", ["420100", "420500"])
@pytest.mark.parametrize("scheme", ["employee", "resident"])
def test_the_demo_has_a_policy_in_force_for_each_city_and_scheme(demo, city, scheme):
    region = Region.objects.get(code=city)
    assert policy_in_force(region=region, scheme=scheme, on=datetime.date(2026, 6, 1))
