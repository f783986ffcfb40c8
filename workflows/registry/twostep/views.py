"""The pages of two-step sign-in under /account/two-step/: the code after the password, the
setup of an authenticator with its QR code, the recovery codes shown once, on and off."""

import functools
from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from . import services
from .forms import ConfirmCodeForm, SignInCodeForm
from .middleware import owes_second_step, remember_authenticator
from .selectors import (
    authenticator_being_enrolled,
    authenticator_of,
    is_required_for,
    is_verified,
    recovery_codes_left,
)

# The recovery codes to show once, and where the user goes after reading them.
CODES_TO_SHOW = "two_step_recovery_codes"

TURNED_ON = _("Two-step sign-in is on. Keep your recovery codes where you can find them.")
TURNED_OFF = _("Two-step sign-in is off: you sign in with your password alone.")
CODES_RENEWED = _("These are your new recovery codes; the old ones no longer work.")
CODES_SHOWN_ONCE = _(
    "Recovery codes are shown only once. If you have lost yours, make new ones below."
)


RECOVERY_CODE_USED = ngettext_lazy(
    "You signed in with a recovery code, which no longer works now. %(count)d is left.",
    "You signed in with a recovery code, which no longer works now. %(count)d are left.",
    "count",
)


def _account_page(view):
    """A page of the signed-in user's own account, never kept by a browser or a proxy."""
    return login_required(never_cache(view))


def _settled(view):
    """An action for a user who owes no code now (else to the code first)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if owes_second_step(request):
            return redirect("two_step")
        return view(request, *args, **kwargs)

    return _account_page(require_POST(wrapped))


@_account_page
def two_step(request):
    """What the user needs now: their code, the setup of an authenticator, or on and off."""
    user, next_url = request.user, _next(request)
    device = authenticator_of(user)
    remember_authenticator(request, device is not None)
    if device is not None:
        if not is_verified(user):
            return _verify_page(request, SignInCodeForm(), next_url)
        return _settings_page(request, device)
    enrolling = authenticator_being_enrolled(user)
    if enrolling is None and is_required_for(user):
        enrolling = services.two_step_start(user=user)
    if enrolling is not None:
        return _enrol_page(request, enrolling, ConfirmCodeForm(), next_url)
    return _settings_page(request, None)


@_account_page
@require_POST
def verify(request):
    form, next_url = SignInCodeForm(request.POST), _next(request)
    if not form.is_valid():
        return _verify_page(request, form, next_url)
    try:
        device = services.two_step_verify(user=request.user, code=form.cleaned_data["code"])
    except ValidationError as error:
        form.add_error("code", error)  # every refusal here is of the code typed
        return _verify_page(request, form, next_url, status=_status_of(error))
    _signed_in_with(request, device)
    if isinstance(device, StaticDevice):
        left = recovery_codes_left(request.user)
        messages.warning(request, RECOVERY_CODE_USED % {"count": left})
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


@_account_page
@require_POST
def confirm(request):
    enrolling = authenticator_being_enrolled(request.user)
    if enrolling is None or authenticator_of(request.user) is not None:
        return redirect("two_step")
    form, next_url = ConfirmCodeForm(request.POST), _next(request)
    if not form.is_valid():
        return _enrol_page(request, enrolling, form, next_url)
    try:
        enrolled = services.two_step_confirm(user=request.user, code=form.cleaned_data["code"])
    except ValidationError as error:
        form.add_error("code", error)  # every refusal here is of the code typed
        return _enrol_page(request, enrolling, form, next_url, status=_status_of(error))
    _signed_in_with(request, enrolled.device)
    messages.success(request, TURNED_ON)
    return _show_codes_once(request, enrolled.recovery_codes, next_url)


@_account_page
def recovery_codes(request):
    """The recovery codes just made, once: reloading the page shows them no more."""
    shown = request.session.pop(CODES_TO_SHOW, None)
    if shown is None:
        messages.info(request, CODES_SHOWN_ONCE)
        return redirect("two_step")
    return render(
        request,
        "registry/two_step/recovery_codes.html",
        {"codes": shown["codes"], "next": shown["next"] or resolve_url("home")},
    )


@_settled
def renew_recovery_codes(request):
    try:
        codes = services.recovery_codes_renew(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("two_step")
    messages.success(request, CODES_RENEWED)
    return _show_codes_once(request, codes, resolve_url("two_step"))


@_settled
def turn_on(request):
    try:
        services.two_step_start(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("two_step")


@_settled
def turn_off(request):
    try:
        services.two_step_turn_off(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        remember_authenticator(request, False)
        messages.success(request, TURNED_OFF)
    return redirect("two_step")


@_account_page
def qr_code(request):
    """The QR code of the authenticator being set up, as an SVG image: an app scans it."""
    device = authenticator_being_enrolled(request.user)
    if device is None:
        raise Http404
    response = HttpResponse(content_type="image/svg+xml")
    segno.make(device.config_url, error="m").save(
        response, kind="svg", scale=5, border=4, xmldecl=False
    )
    return response


def _verify_page(request, form, next_url: str, *, status: int = 200):
    return render(
        request,
        "registry/two_step/verify.html",
        {"form": form, "next": next_url, "issuer": settings.OTP_TOTP_ISSUER},
        status=status,
    )


def _enrol_page(request, device, form, next_url: str, *, status: int = 200):
    key = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": next_url,
        "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "required": is_required_for(request.user),
    }
    return render(request, "registry/two_step/enrol.html", context, status=status)


def _settings_page(request, device):
    context = {
        "device": device,
        "required": is_required_for(request.user),
        "codes_left": recovery_codes_left(request.user) if device else 0,
    }
    return render(request, "registry/two_step/settings.html", context)


def _show_codes_once(request, codes: list[str], next_url: str):
    request.session[CODES_TO_SHOW] = {"codes": codes, "next": next_url}
    return redirect("two_step_recovery_codes")


def _signed_in_with(request, device) -> None:
    """This session has given its second step: a new session key, the device kept in it."""
    request.session.cycle_key()
    django_otp.login(request, device)
    remember_authenticator(request, True)


def _next(request) -> str:
    """Where the user was going, if it is a page of this site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else ""


def _status_of(error: ValidationError) -> int:
    throttled = getattr(error, "code", None) == services.THROTTLED_CODE
    return 429 if throttled else 200
