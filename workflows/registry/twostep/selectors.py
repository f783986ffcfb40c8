"""Reads of two-step sign-in: who must use it, their authenticator, their recovery codes."""

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..selectors import actor_of


def is_required_for(user) -> bool:
    """Whether ``user``'s role must sign in with two steps (settings.TWO_STEP_REQUIRED_ROLES):
    they cannot turn it off, and a first sign-in without an authenticator enrols one."""
    role = actor_of(user).role
    return role is not None and role.value in settings.TWO_STEP_REQUIRED_ROLES


def is_verified(user) -> bool:
    """Whether this session of ``user`` has given a code (django-otp's middleware says so)."""
    return user.is_authenticated and getattr(user, "otp_device", None) is not None


def authenticator_of(user) -> TOTPDevice | None:
    """The authenticator ``user`` signs in with: their confirmed TOTP device, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def authenticator_being_enrolled(user) -> TOTPDevice | None:
    """The authenticator ``user`` has begun to set up and not yet confirmed with a code."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
