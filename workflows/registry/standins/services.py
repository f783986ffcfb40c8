"""Naming a stand-in, and ending one early. A stand-in has the absent person's role and scope
(the same department for a director, the same hospital for an office or a dean, the same city
for a center reviewer): they act on the same tasks, and their steps name both."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from workflows import clock
from workflows.registry.models import User
from workflows.registry.roles import SCOPE_FIELDS, STAND_IN_ROLES
from workflows.registry.selectors import actor_of

from .models import StandIn

LONGEST = datetime.timedelta(days=90)
NO_STAND_IN_FOR_ROLE = _("Your role signs no steps: it has no stand-in.")
NOT_SAME_ROLE = _("%(name)s is not a %(role)s: a stand-in has your role.")
NOT_SAME_SCOPE = _(
    "%(name)s works in another %(field)s: a stand-in acts where you act, in %(place)s."
)
NOT_ONESELF = _("Choose someone else: you cannot stand in for yourself.")
NOT_ACTIVE = _("%(name)s's account is switched off: choose someone who can sign in.")
STARTS_IN_THE_PAST = _("A stand-in starts today or later.")
ENDS_BEFORE_START = _("The last day comes on or after the first.")
TOO_LONG = _("A stand-in is named for 90 days at most: name them again after that.")
OVERLAPS = _(
    "%(name)s already stands in for you from %(starts)s to %(ends)s: end that first, or "
    "choose days outside it."
)
NOT_YOURS = _("This stand-in was not named by you, or it is over.")
FIELD_NAMES = {"institution": _("institution"), "department": _("department"), "city": _("city")}


def colleagues(user) -> list[User]:
    """Whom ``user`` may choose from: the active staff of their hospital (or of their city's
    center), themself aside. Only those of their role and scope can be named."""
    actor = actor_of(user)
    if actor.role not in STAND_IN_ROLES:
        return []
    if actor.profile.institution_id:
        where = {"staff_profile__institution_id": actor.profile.institution_id}
    else:
        where = {"staff_profile__city_id": actor.profile.city_id}
    users = User.objects.filter(is_active=True, **where).select_related("staff_profile")
    return list(users.exclude(pk=user.pk).order_by("full_name", "pk"))


@transaction.atomic
def stand_in_name(
    *, absent: User, stand_in: User, starts_on: datetime.date, ends_on: datetime.date
) -> StandIn:
    """``absent`` names ``stand_in`` for the days from ``starts_on`` to ``ends_on``: refused,
    with why, for someone of another role or scope, past or reversed days, more than 90 days,
    or days another of their stand-ins already covers."""
    mine = actor_of(absent)
    if mine.role not in STAND_IN_ROLES:
        raise ValidationError(NO_STAND_IN_FOR_ROLE)
    name = stand_in.get_full_name()
    if stand_in.pk == absent.pk:
        raise ValidationError({"stand_in": NOT_ONESELF})
    if not stand_in.is_active:
        raise ValidationError({"stand_in": ValidationError(NOT_ACTIVE, params={"name": name})})
    theirs = actor_of(stand_in)
    if theirs.role != mine.role:
        raise ValidationError(
            {
                "stand_in": ValidationError(
                    NOT_SAME_ROLE, params={"name": name, "role": mine.role.label}
                )
            }
        )
    for field in SCOPE_FIELDS[mine.role]:
        if getattr(theirs.profile, f"{field}_id") != getattr(mine.profile, f"{field}_id"):
            params = {
                "name": name,
                "field": FIELD_NAMES[field],
                "place": getattr(mine.profile, field),
            }
            raise ValidationError({"stand_in": ValidationError(NOT_SAME_SCOPE, params=params)})
    today = clock.today()
    errors = {}
    if starts_on < today:
        errors["starts_on"] = STARTS_IN_THE_PAST
    if ends_on < starts_on:
        errors["ends_on"] = ENDS_BEFORE_START
    elif ends_on - starts_on >= LONGEST:
        errors["ends_on"] = TOO_LONG
    if errors:
        raise ValidationError(errors)
    User.objects.select_for_update().filter(pk=absent.pk).first()  # one naming at a time
    overlapping = (
        StandIn.objects.filter(absent=absent, starts_on__lte=ends_on, ends_on__gte=starts_on)
        .select_related("stand_in")
        .first()
    )
    if overlapping is not None:
        raise ValidationError(
            OVERLAPS,
            params={
                "name": overlapping.stand_in.get_full_name(),
                "starts": formats.date_format(overlapping.starts_on, "DATE_FORMAT"),
                "ends": formats.date_format(overlapping.ends_on, "DATE_FORMAT"),
            },
        )
    return StandIn.objects.create(
        absent=absent,
        stand_in=stand_in,
        starts_on=starts_on,
        ends_on=ends_on,
        created_at=clock.now(),
    )


@transaction.atomic
def stand_in_end(*, pk: int, by: User) -> None:
    """End ``by``'s stand-in ``pk`` now: it stops today (one not begun is removed). The steps
    already taken keep whom they were taken for."""
    today = clock.today()
    stand_in = (
        StandIn.objects.select_for_update().filter(pk=pk, absent=by, ends_on__gte=today).first()
    )
    if stand_in is None:
        raise ValidationError(NOT_YOURS)
    if stand_in.starts_on >= today:
        stand_in.delete()
    else:
        stand_in.ends_on = today - datetime.timedelta(days=1)
        stand_in.save(update_fields=["ends_on"])


def stand_ins_of(user) -> list[StandIn]:
    """``user``'s stand-ins not yet over, soonest first."""
    return list(
        StandIn.objects.filter(absent=user, ends_on__gte=clock.today()).select_related("stand_in")
    )
