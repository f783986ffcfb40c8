"""Writes to the registry: giving staff their role and scope, opening accounts for people."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import InsuredPerson, StaffProfile, User
from .passwords.services import password_give
from .roles import Role


@transaction.atomic
def staff_profile_save(*, user: User, role: Role, **scope) -> StaffProfile:
    """Give ``user`` a role and its scope; their group follows the role."""
    profile = StaffProfile.objects.filter(user=user).first() or StaffProfile(user=user)
    profile.role = role
    for field in ("institution", "department", "unit", "city"):
        setattr(profile, field, scope.get(field))
    profile.full_clean()
    profile.save()
    _set_role_group(user, role)
    if role == Role.ADMINISTRATOR and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return profile


@transaction.atomic
def insured_person_open_account(*, person: InsuredPerson, password: str) -> User:
    """Let an insured person sign in with their resident ID and ``password``, given by
    whoever opens the account: she is asked to choose her own at her first sign-in."""
    user = person.user or User(username=f"insured-{person.insurance_number}")
    user.full_name = person.name
    if user.pk is None:
        user.set_unusable_password()
    user.save()
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    _set_role_group(user, Role.INSURED_PERSON)
    # Once the account is hers, so that the rules know her resident ID.
    return password_give(user=user, password=password)


def _set_role_group(user: User, role: Role) -> None:
    group, _created = Group.objects.get_or_create(name=role.value)
    user.groups.set([group])
