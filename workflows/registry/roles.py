"""Roles: each is a Django group with permissions, and each asks for its own scope."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ATTENDING_PHYSICIAN = "attending_physician", _("attending physician")
    DEPARTMENT_DIRECTOR = "department_director", _("department director")
    INSURANCE_OFFICE = "insurance_office", _("medical-insurance office")
    DEAN = "dean", _("dean in charge")
    CENTER_REVIEWER = "center_reviewer", _("municipal center reviewer")
    SUPERVISOR = "supervisor", _("supervisor")
    UNIT_AGENT = "unit_agent", _("employer unit agent")
    INSURED_PERSON = "insured_person", _("insured person")
    ADMINISTRATOR = "administrator", _("administrator")


# The roles whose holders sign or review steps, and so may name a stand-in while away.
STAND_IN_ROLES = (
    Role.DEPARTMENT_DIRECTOR,
    Role.INSURANCE_OFFICE,
    Role.DEAN,
    Role.CENTER_REVIEWER,
)

# Which scope fields a staff profile of each role must fill in (and may not leave empty).
SCOPE_FIELDS: dict[str, tuple[str, ...]] = {
    Role.ATTENDING_PHYSICIAN: ("institution", "department"),
    Role.DEPARTMENT_DIRECTOR: ("institution", "department"),
    Role.INSURANCE_OFFICE: ("institution",),
    Role.DEAN: ("institution",),
    Role.CENTER_REVIEWER: ("city",),
    Role.SUPERVISOR: ("city",),
    Role.UNIT_AGENT: ("unit",),
    Role.INSURED_PERSON: (),
    Role.ADMINISTRATOR: (),
}

_REGISTRY_MODELS = (
    "region",
    "institution",
    "department",
    "employerunit",
    "insuredperson",
    "staffprofile",
    "user",
)


def _model_perms(app_label: str, models_: tuple[str, ...], actions: tuple[str, ...]) -> list[str]:
    return [f"{app_label}.{action}_{model}" for model in models_ for action in actions]


# The registry's own grants. Other apps add theirs through a ``role_permissions`` mapping on
# their AppConfig, so each app keeps its permissions next to its models.
REGISTRY_PERMISSIONS: dict[str, list[str]] = {
    Role.ADMINISTRATOR: _model_perms(
        "registry", _REGISTRY_MODELS, ("add", "change", "delete", "view")
    )
    # Failed sign-ins and locks (django-axes): the administrator reads them and unlocks an
    # account or an address by deleting its attempts.
    + _model_perms("axes", ("accessattempt",), ("view", "delete"))
    + _model_perms("axes", ("accessfailurelog", "accesslog"), ("view",))
    # Who is signed in, from where: read only (sessions/); each user ends their own.
    + _model_perms("registry", ("signin",), ("view",)),
    Role.SUPERVISOR: _model_perms("registry", _REGISTRY_MODELS, ("view",)),
}


def permissions_by_role() -> dict[str, set[str]]:
    """Every app's grants, merged: role -> {"app_label.codename", ...}."""
    merged: dict[str, set[str]] = {role.value: set() for role in Role}
    for config in apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            merged[str(role)].update(perms)
    return merged


def sync_roles() -> None:
    """Create a group per role and give it exactly its permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0)
    for role, perms in permissions_by_role().items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in sorted(perms):
            app_label, codename = perm.split(".", 1)
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
