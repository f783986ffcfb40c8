"""Reads of the registry: who a signed-in user is and what they are responsible for."""

from dataclasses import dataclass

from .models import InsuredPerson, StaffProfile, User
from .roles import Role


@dataclass(frozen=True)
class Actor:
    """A signed-in user as the workflows see them: a role and the scope it acts in."""

    user: User
    role: Role | None
    profile: StaffProfile | None = None
    person: InsuredPerson | None = None

    @property
    def institution(self):
        return self.profile.institution if self.profile else None

    @property
    def department(self):
        return self.profile.department if self.profile else None

    @property
    def unit(self):
        return self.profile.unit if self.profile else None

    @property
    def city(self):
        return self.profile.city if self.profile else None


def actor_of(user: User) -> Actor:
    """The user's role and scope, read once per user object (request.user's comes from the
    cache, with the user: ``auth.CachedUserBackend``)."""
    cached = getattr(user, "_actor", None)
    if cached is not None:
        return cached
    actor = Actor(user=user, role=None)
    if user.is_authenticated:
        profile = (
            StaffProfile.objects.select_related("institution", "department", "unit", "city")
            .filter(user=user)
            .first()
        )
        if profile is not None:
            actor = Actor(user=user, role=Role(profile.role), profile=profile)
        else:
            person = (
                InsuredPerson.objects.select_related("unit", "insured_city")
                .filter(user=user)
                .first()
            )
            if person is not None:
                actor = Actor(user=user, role=Role.INSURED_PERSON, person=person)
    user._actor = actor  # through request.user's lazy wrapper, on the user itself
    return actor


def organisation_of(actor: Actor) -> str:
    """On whose behalf ``actor`` acts, as printed on stamp lines and in step records."""
    profile = actor.profile
    if profile is None:
        return ""
    if actor.role == Role.INSURANCE_OFFICE:
        return profile.institution.insurance_office_name or profile.institution.name
    if profile.department is not None:
        return f"{profile.institution.name} {profile.department.name}"
    if profile.institution is not None:
        return profile.institution.name
    if profile.unit is not None:
        return profile.unit.name
    if profile.city is not None:
        return profile.city.insurance_center_name or profile.city.name
    return ""
