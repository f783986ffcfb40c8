"""Reads of the registry: who a signed-in user is and what they are responsible for."""

import datetime
from dataclasses import dataclass

from workflows import clock

from .models import InsuredPerson, StaffProfile, StandIn, User
from .roles import STAND_IN_ROLES, Role


@dataclass(frozen=True)
class Actor:
    """A signed-in user as the workflows see them: a role and the scope it acts in."""

    user: User
    role: Role | None
    profile: StaffProfile | None = None
    person: InsuredPerson | None = None
    # The stand-ins this user has been named for, not yet over (registry/standins), each with
    # its absent person: read with the actor, so a step costs no statement to know them.
    stands_in: tuple = ()

    def standing_in_for(self, today: datetime.date) -> list:
        """The people this user acts for on ``today``."""
        return [s.absent for s in self.stands_in_today(today)]

    def stands_in_today(self, today: datetime.date | None = None) -> list:
        """This user's stand-ins in force on ``today`` (by default, today)."""
        today = today or clock.today()
        return [s for s in self.stands_in if s.starts_on <= today <= s.ends_on]

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
            stands_in = ()
            if profile.role in STAND_IN_ROLES:
                stands_in = StandIn.objects.filter(
                    stand_in=user, ends_on__gte=clock.today()
                ).select_related("absent")
            actor = Actor(
                user=user, role=Role(profile.role), profile=profile, stands_in=tuple(stands_in)
            )
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
