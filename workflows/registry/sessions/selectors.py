"""Reads of the sign-ins: a user's own, how long each kind of user may stay idle, and the
sessions idle past it."""

import datetime

from django.conf import settings
from django.db.models import Q, QuerySet

from workflows.registry.models import User
from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of

from .models import SignIn


def sign_ins_of(*, user: User) -> QuerySet[SignIn]:
    """``user``'s signed-in sessions, the last used first; nobody else's."""
    return SignIn.objects.filter(user=user)


def idle_minutes_of(user: User) -> int:
    """How many minutes without a request end ``user``'s session: insured people's limit
    (INSURED_IDLE_MINUTES) or everyone else's, staff and unit agents (STAFF_IDLE_MINUTES)."""
    if actor_of(user).role == Role.INSURED_PERSON:
        return settings.INSURED_IDLE_MINUTES
    return settings.STAFF_IDLE_MINUTES


def sign_ins_idle_at(*, now: datetime.datetime) -> QuerySet[SignIn]:
    """The sign-ins whose last request is further back than their user's limit at ``now``.
    As ``idle_minutes_of``: an insured person is a user with an insured person's record and
    no staff profile."""
    insured = Q(
        user__in=User.objects.filter(insured_person__isnull=False, staff_profile__isnull=True)
    )
    staff_since = now - datetime.timedelta(minutes=settings.STAFF_IDLE_MINUTES)
    insured_since = now - datetime.timedelta(minutes=settings.INSURED_IDLE_MINUTES)
    return SignIn.objects.filter(
        (insured & Q(last_seen_at__lte=insured_since))
        | (~insured & Q(last_seen_at__lte=staff_since))
    )
