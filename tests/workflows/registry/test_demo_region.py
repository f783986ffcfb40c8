"""The demo region loads, twice, without errors or duplicates."""

from django.apps import apps
from django.core.management import call_command

from workflows.registry.models import Institution, InsuredPerson, Region


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"registry", "auth"}
    }


def test_the_demo_region_loads_twice_without_duplicates(db):
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first["registry.User"] >= 9


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


def test_every_demo_record_passes_its_own_validation(demo):
    for model in apps.get_app_config("registry").get_models():
        for obj in model.objects.all():
            obj.full_clean(exclude=["password"])
