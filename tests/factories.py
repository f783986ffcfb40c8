"""Factories: every test builds the people, places, catalogue entries and policies it needs."""

import copy
import datetime
from decimal import Decimal

import factory

from tests.workflows.policy.examples import EXAMPLE_TERMS
from workflows.policy.models import Drug, FacilityStandard, Policy, TreatmentItem
from workflows.registry import services
from workflows.registry.models import (
    Department,
    EmployerUnit,
    Institution,
    InsuredPerson,
    Region,
    User,
)
from workflows.registry.resident_id import check_character
from workflows.registry.roles import SCOPE_FIELDS, Role

PASSWORD = "test-pass-2026"


def make_resident_id(area: str, birth: datetime.date, sequence: int) -> str:
    first = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return first + check_character(first)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "420000"
    name = "湖北省"
    level = Region.Level.PROVINCE


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "420100"
    name = "武汉市"
    level = Region.Level.CITY
    parent = factory.SubFactory(ProvinceFactory)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    code = factory.Sequence(lambda n: f"H4201{n:07d}")
    name = factory.Sequence(lambda n: f"测试医院{n}")
    kind = Institution.Kind.HOSPITAL
    grade = "III"
    designated = True
    city = factory.SubFactory(CityFactory)
    insurance_office_name = factory.LazyAttribute(lambda o: f"{o.name}医保办")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    institution = factory.SubFactory(InstitutionFactory)
    code = factory.Sequence(lambda n: f"D{n}")
    name = factory.Sequence(lambda n: f"科室{n}")


class EmployerUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerUnit

    code = factory.Sequence(lambda n: f"9142010{n:011d}")
    name = factory.Sequence(lambda n: f"测试单位{n}")
    city = factory.SubFactory(CityFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class InsuredPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InsuredPerson

    name = factory.Sequence(lambda n: f"参保人{n}")
    birth_date = datetime.date(1960, 5, 17)
    resident_id = factory.Sequence(
        lambda n: make_resident_id("420102", datetime.date(1960, 5, 17), (2 * n + 1) % 1000)
    )
    sex = "M"
    insurance_number = factory.Sequence(lambda n: f"4201{n:011d}")
    scheme = InsuredPerson.Scheme.EMPLOYEE
    status = InsuredPerson.Status.RETIRED
    unit = factory.SubFactory(EmployerUnitFactory)
    insured_city = factory.SubFactory(CityFactory)


def make_staff(
    role: Role, *, username: str | None = None, password: str = PASSWORD, **scope
) -> User:
    """A user with ``role`` and its scope, as the admin would set it up."""
    user = UserFactory(**({"username": username} if username else {}), password=password)
    services.staff_profile_save(user=user, role=role, **scope)
    return user


def make_colleague(world, persona: str, *, username: str, full_name: str) -> User:
    """A second member of ``persona``'s role and scope (another dean of the same hospital,
    another reviewer of the same city), who signs in as the demo's personas do."""
    from tests.pages import DEMO_PASSWORD, give_authenticator

    profile = world.users[persona].staff_profile
    role = Role(profile.role)
    scope = {field: getattr(profile, field) for field in SCOPE_FIELDS[role]}
    user = make_staff(role, username=username, password=DEMO_PASSWORD, **scope)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    give_authenticator(user)
    return user


def make_insured_user(**person_fields) -> User:
    """An insured person's account, as if she had chosen her password at her first sign-in."""
    person = InsuredPersonFactory(**person_fields)
    user = services.insured_person_open_account(person=person, password=PASSWORD)
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    return user


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    region = factory.SubFactory(CityFactory)
    scheme = InsuredPerson.Scheme.EMPLOYEE
    effective_from = datetime.date(2026, 1, 1)
    effective_to = None
    terms_json = factory.LazyFunction(lambda: copy.deepcopy(EXAMPLE_TERMS))


class DrugFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Drug

    code = factory.Sequence(lambda n: f"XT{n:08d}")
    name = factory.Sequence(lambda n: f"测试药品{n}")
    catalogue_class = "A"
    price_limit = Decimal("10.00")
    unit = "片"


class TreatmentItemFactory(DrugFactory):
    class Meta:
        model = TreatmentItem

    name = factory.Sequence(lambda n: f"测试诊疗项目{n}")
    unit = "次"


class FacilityStandardFactory(DrugFactory):
    class Meta:
        model = FacilityStandard

    name = factory.Sequence(lambda n: f"测试服务设施{n}")
    unit = "床日"
