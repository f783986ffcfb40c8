"""Failed sign-ins, counted and locked by django-axes (settings: SIGN_IN_FAILURE_LIMIT,
SIGN_IN_ADDRESS_FAILURE_LIMIT and SIGN_IN_LOCK_MINUTES): which account a sign-in names, the
address's limit of its own, and the sign-in page that says until when an account or an address
is locked."""

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from workflows.web import client_ip

from . import resident_id as rid
from .forms import InsuredSignInForm, StaffSignInForm

LOCKED_OUT = _(
    "Too many failed sign-ins for this account or from this address. Try again after %(time)s."
)


def account_of(request, credentials: dict | None) -> str | None:
    """The account a sign-in names: a staff username, or an insured person's resident ID as
    the sign-in form reads it (spaces out, the check character upper-case)."""
    given = {**request.POST.dict(), **(credentials or {})}
    if given.get("resident_id"):
        return rid.normalise(given["resident_id"])
    return (given.get("username") or "").strip() or None


class SignInAttempts(AxesDatabaseHandler):
    """django-axes' database handler, with a limit of its own for an address: a hospital's or
    an office's staff sign in from one address (their network's), and a few mistyped passwords
    among them must not lock them all out, while one address trying many accounts is still
    stopped."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        # One count per lockout parameter, in settings.AXES_LOCKOUT_PARAMETERS' order.
        by_account, by_address = (
            attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # The address's count on the account's scale: it reaches the account's limit exactly
        # when it reaches its own.
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
        return max(by_account, by_address * limit // address_limit)


def locked_until(request, credentials: dict | None) -> datetime.datetime:
    """The end of the lock on the account or address of this sign-in: the lock period after
    the last failure of either, to the next minute."""
    account, address = account_of(request, credentials), client_ip(request)
    last = AccessAttempt.objects.filter(Q(username=account) | Q(ip_address=address)).aggregate(
        last=Max("attempt_time")
    )["last"]
    until = (last or timezone.now()) + settings.AXES_COOLOFF_TIME
    return until.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)


def locked_out(request, response=None, credentials: dict | None = None):
    """The sign-in page again, the account as typed, saying when to try again (429)."""
    insured = request.POST.get("kind") == "insured"
    form_class = InsuredSignInForm if insured else StaffSignInForm
    field = "resident_id" if insured else "username"
    time = formats.time_format(timezone.localtime(locked_until(request, credentials)), "H:i")
    context = {
        "form": form_class(request, initial={field: request.POST.get(field, "")}),
        "kind": form_class.kind,
        "next": request.POST.get("next", ""),
        "locked_out": LOCKED_OUT % {"time": time},
    }
    return render(request, "registration/login.html", context, status=429)
