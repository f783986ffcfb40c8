"""Writes of two-step sign-in: enrol an authenticator, verify a code, make recovery codes, turn
it off, reset it. django-otp checks every code and throttles wrong ones: after each wrong code
in a row, the next is refused for twice as long (1 s, 2 s, 4 s...)."""

from dataclasses import dataclass

import django_otp
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import User
from .selectors import authenticator_being_enrolled, authenticator_of, is_required_for

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_CODES_NAME = "recovery codes"
THROTTLED_CODE = "throttled"

WRONG_CODE = _(
    "This code is not right. Type the 6-digit code your authenticator app shows now, or one "
    "of your recovery codes."
)
WRONG_ENROLMENT_CODE = _(
    "This code is not right. Type the 6-digit code the app shows now for this account; if it "
    "is refused again, check that the phone's clock is right."
)
TOO_MANY_WRONG_CODES = _(
    "Too many wrong codes in a row. Wait until %(time)s, then type the code again."
)
NOTHING_TO_CONFIRM = _("Begin the setup again: no authenticator of this account awaits its code.")
ALREADY_ON = _("Two-step sign-in is on already.")
NOT_ON = _("Two-step sign-in is off for this account.")
REQUIRED_BY_ROLE = _(
    "Your role signs in with two steps, so it cannot be turned off. If you have lost your "
    "phone, ask an administrator to reset it."
)


@dataclass(frozen=True)
class Enrolled:
    """A confirmed authenticator and the recovery codes made with it, to show once."""

    device: TOTPDevice
    recovery_codes: list[str]


def normalised(code: str) -> str:
    """A code as typed: without spaces, in lower case (recovery codes are letters and digits)."""
    return "".join(code.split()).lower()


def two_step_start(*, user: User) -> TOTPDevice:
    """Give ``user`` an authenticator to set up: a new key, until a code confirms it."""
    if authenticator_of(user) is not None:
        raise ValidationError(ALREADY_ON)
    return authenticator_being_enrolled(user) or TOTPDevice.objects.create(
        user=user, name=AUTHENTICATOR_NAME, confirmed=False
    )


def two_step_confirm(*, user: User, code: str) -> Enrolled:
    """Confirm the authenticator ``user`` is setting up with a code it shows; it is theirs
    from now on, with ten new recovery codes."""
    if authenticator_of(user) is not None:
        raise ValidationError(ALREADY_ON)
    device = authenticator_being_enrolled(user)
    if device is None:
        raise ValidationError(NOTHING_TO_CONFIRM)
    verified = _verified(user, device, normalised(code), wrong=WRONG_ENROLMENT_CODE)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=verified.pk).delete()
        verified.confirmed = True
        verified.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
    return Enrolled(device=verified, recovery_codes=codes)


def two_step_verify(*, user: User, code: str) -> Device:
    """The device that accepts ``code`` as ``user``'s second step: six digits go to their
    authenticator, anything else to their recovery codes (a recovery code works once)."""
    code = normalised(code)
    device = authenticator_of(user) if _looks_like_totp(code) else _recovery_codes_of(user)
    if device is None:
        raise ValidationError(WRONG_CODE, code="wrong")
    return _verified(user, device, code, wrong=WRONG_CODE)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Ten new recovery codes for ``user``; the old ones stop working."""
    if authenticator_of(user) is None:
        raise ValidationError(NOT_ON)
    return _new_recovery_codes(user)


@transaction.atomic
def two_step_turn_off(*, user: User) -> None:
    """``user`` signs in with the password alone again, unless their role may not."""
    if is_required_for(user):
        raise ValidationError(REQUIRED_BY_ROLE)
    _remove_devices(user)


@transaction.atomic
def two_step_reset(*, user: User) -> None:
    """Take away ``user``'s authenticator and recovery codes (they lost their phone): they set
    up a new one at their next sign-in if their role requires it."""
    _remove_devices(user)


def _verified(user: User, device: Device, code: str, *, wrong) -> Device:
    # Not in a transaction of its own: django-otp counts a wrong code in one, and that count
    # must stay when the refusal is raised.
    allowed, why = device.verify_is_allowed()
    if not allowed:
        until = timezone.localtime(why["locked_until"])
        raise ValidationError(
            TOO_MANY_WRONG_CODES,
            code=THROTTLED_CODE,
            params={"time": formats.time_format(until, "H:i:s")},
        )
    verified = django_otp.verify_token(user, device.persistent_id, code) if code else None
    if verified is None:
        raise ValidationError(wrong, code="wrong")
    return verified


def _looks_like_totp(code: str) -> bool:
    return code.isdigit() and len(code) <= 8


def _recovery_codes_of(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_CODES_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    device.throttle_reset()
    codes: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return sorted(codes)


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
