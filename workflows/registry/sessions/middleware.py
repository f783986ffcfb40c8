"""Sessions end after a while without a request (settings STAFF_IDLE_MINUTES and
INSURED_IDLE_MINUTES), and each sign-in is recorded for its user to see.

The time of a session's last request is kept in the session itself, written at most once a
minute (SEEN_EVERY), so that a page read twice in a minute writes nothing; the limit is
therefore counted from at most a minute before the last request. A session idle past its
limit is ended before its request is served, and the request goes to the sign-in page, which
says why and comes back to the page asked for.
"""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext_lazy

from workflows import clock
from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of
from workflows.web import client_ip

from . import selectors, services

SIGNED_OUT_IDLE = ngettext_lazy(
    "You were signed out after %(minutes)d minute without activity. Sign in again to go on.",
    "You were signed out after %(minutes)d minutes without activity. Sign in again to go on.",
    "minutes",
)
# Kept in the session: when it was last seen (seconds since the epoch), and the session key
# its sign-in is recorded under (a sign-in to a session keeps its data under a new key).
LAST_SEEN = "sign_in.last_seen"
RECORDED_AS = "sign_in.recorded_as"
SEEN_EVERY = 60


class SessionActivity:
    """End a session idle past its user's limit; record a sign-in, and its activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            minutes = selectors.idle_minutes_of(request.user)
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and _seconds_now() - last_seen >= minutes * 60:
                return signed_out_for_idleness(request, minutes)
        response = self.get_response(request)
        # After the view: a sign-in has just given the session its user and its new key.
        if request.user.is_authenticated and request.session.session_key:
            note_activity(request)
        return response


def note_activity(request) -> None:
    """Record the sign-in of a session not recorded yet; else, once a minute, its activity."""
    session, now = request.session, clock.now()
    recorded_as = session.get(RECORDED_AS)
    if recorded_as != session.session_key:
        services.sign_in_record(
            user=request.user,
            session_key=session.session_key,
            at=now,
            ip_address=client_ip(request),
            user_agent=request.headers.get("user-agent", ""),
            replaces=recorded_as,
        )
        session[RECORDED_AS] = session.session_key
    elif _seconds(now) - session.get(LAST_SEEN, 0) >= SEEN_EVERY:
        services.sign_in_seen(session_key=session.session_key, at=now)
    else:
        return
    session[LAST_SEEN] = _seconds(now)


def signed_out_for_idleness(request, minutes: int):
    """End the session and send the request to the sign-in page (the insured people's, for
    an insured person), saying why; signed in again, they come back to where they were."""
    insured = actor_of(request.user).role == Role.INSURED_PERSON
    come_back_to = _asked_for(request)
    services.sign_in_forget(session_key=request.session.session_key)
    logout(request)
    messages.info(request, SIGNED_OUT_IDLE % {"minutes": minutes})
    sign_in = reverse("login") + ("?as=insured" if insured else "")
    return redirect_to_login(come_back_to, sign_in) if come_back_to else redirect(sign_in)


def _asked_for(request) -> str | None:
    """The page asked for; for a form sent (whose data is lost), the page it was sent from;
    None for the sign-in and sign-out pages."""
    if request.method in ("GET", "HEAD"):
        path = request.get_full_path()
    else:
        referer = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return None
        parts = urlsplit(referer)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
    if urlsplit(path).path in (reverse("login"), reverse("logout")):
        return None
    return path


def _seconds_now() -> int:
    return _seconds(clock.now())


def _seconds(moment) -> int:
    return int(moment.timestamp())
