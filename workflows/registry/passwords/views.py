"""The page where a signed-in person changes their password (/account/password/)."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import services
from .forms import PasswordChangeForm

PASSWORD_CHANGED = _("Your password has been changed.")
PASSWORD_GIVEN = _(
    "Someone else chose the password you signed in with (an administrator, or the demo), so "
    "they know it too. Choose one of your own before you go on."
)


@sensitive_post_parameters()
@never_cache
@login_required
def password_change(request):
    """Change the password; the person stays signed in here, and goes on to the page they
    wanted (``next``), else home."""
    form = PasswordChangeForm(request.user, request.POST or None)
    next_page = _next_page(request)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(user=request.user, password=form.cleaned_data["new_password"])
        except ValidationError as error:
            form.add_error("new_password", error)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, PASSWORD_CHANGED)
            return redirect(next_page or "home")
    given = PASSWORD_GIVEN if request.user.must_change_password else None
    context = {"form": form, "next": next_page, "given": given}
    return render(request, "registry/password_change.html", context)


def _next_page(request) -> str:
    """The page of this site the person was on their way to, if the request names one."""
    page = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        page, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return page if safe else ""
