"""Writes to the sign-ins: one recorded, seen again, forgotten at sign-out, ended from another
session, swept when its session is gone. A session is ended through the session store's own
delete, so it works with whichever store settings.SESSION_ENGINE names (db, cached_db)."""

import datetime
from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from workflows.registry.models import User

from . import selectors
from .browsers import browser_of
from .models import SignIn

NOT_YOUR_SESSION = _("This session is not yours.")
THE_SESSION_IN_USE = _("This is the session you are using: sign out to end it.")


def session_store():
    """The session store class of settings.SESSION_ENGINE."""
    return import_module(settings.SESSION_ENGINE).SessionStore


@transaction.atomic
def sign_in_record(
    *,
    user: User,
    session_key: str,
    at: datetime.datetime,
    ip_address: str | None,
    user_agent: str,
    replaces: str | None = None,
) -> SignIn:
    """Record that ``user`` signed in to the session ``session_key`` at ``at``, from
    ``ip_address`` with ``user_agent``. ``replaces``: the key the same sign-in had before the
    session's key changed (signing in again to a session), whose row goes."""
    if replaces:
        SignIn.objects.filter(user=user, session_key=replaces).delete()
    browser, system = browser_of(user_agent)
    return SignIn.objects.create(
        user=user,
        session_key=session_key,
        signed_in_at=at,
        last_seen_at=at,
        ip_address=ip_address,
        browser=browser,
        system=system,
    )


def sign_in_seen(*, session_key: str, at: datetime.datetime) -> None:
    """The session ``session_key`` was used at ``at``."""
    SignIn.objects.filter(session_key=session_key).update(last_seen_at=at)


def sign_in_forget(*, session_key: str | None) -> None:
    """The session ``session_key`` is over (signed out, or ended for idleness): forget it."""
    if session_key:
        SignIn.objects.filter(session_key=session_key).delete()


@transaction.atomic
def sign_in_end(*, sign_in: SignIn, by: User, current_session_key: str | None) -> None:
    """End ``by``'s other session ``sign_in``: its next request finds itself signed out."""
    if sign_in.user_id != by.pk:
        raise PermissionDenied(NOT_YOUR_SESSION)
    if sign_in.session_key == current_session_key:
        raise ValidationError(THE_SESSION_IN_USE)
    session_store()().delete(sign_in.session_key)
    SignIn.objects.filter(pk=sign_in.pk).delete()


@transaction.atomic
def sign_ins_end_others(*, by: User, current_session_key: str | None) -> int:
    """End every session of ``by`` but the one in use; how many were ended."""
    others = selectors.sign_ins_of(user=by).exclude(session_key=current_session_key)
    keys = list(others.values_list("session_key", flat=True))
    store = session_store()()
    for key in keys:
        store.delete(key)
    SignIn.objects.filter(session_key__in=keys).delete()
    return len(keys)


def sign_ins_sweep(*, now: datetime.datetime) -> int:
    """End the sessions idle past their limit at ``now``, and forget every sign-in whose
    session the store no longer holds (expired and cleared, or ended outside these pages).
    How many sign-ins were forgotten."""
    store = session_store()
    store.clear_expired()
    idle = list(selectors.sign_ins_idle_at(now=now).values_list("session_key", flat=True))
    for key in idle:
        store().delete(key)
    forgotten = SignIn.objects.filter(session_key__in=idle).delete()[0]
    return forgotten + _forget_without_session(store, now=now)


def _forget_without_session(store, *, now: datetime.datetime) -> int:
    get_model_class = getattr(store, "get_model_class", None)
    if get_model_class is not None:  # the db and cached_db stores: every session in one table
        alive = get_model_class().objects.filter(expire_date__gt=now).values("session_key")
        return SignIn.objects.exclude(session_key__in=alive).delete()[0]
    keys = SignIn.objects.values_list("session_key", flat=True)
    gone = [key for key in keys if not store().exists(key)]
    return SignIn.objects.filter(session_key__in=gone).delete()[0]
