"""The user's own sessions: listed, one or all the others ended; and sign-out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_POST

from . import selectors, services

SESSION_ENDED = _("%(device)s is signed out.")
OTHERS_ENDED = ngettext_lazy(
    "%(count)d other session is signed out.", "%(count)d other sessions are signed out.", "count"
)


@login_required
def session_list(request):
    return render(
        request,
        "registry/sessions.html",
        {
            "sign_ins": selectors.sign_ins_of(user=request.user),
            "current_key": request.session.session_key,
            "idle_minutes": selectors.idle_minutes_of(request.user),
        },
    )


@login_required
@require_POST
def session_end(request, pk):
    # Another user's session is answered as one that does not exist.
    sign_in = get_object_or_404(selectors.sign_ins_of(user=request.user), pk=pk)
    try:
        services.sign_in_end(
            sign_in=sign_in, by=request.user, current_session_key=request.session.session_key
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, SESSION_ENDED % {"device": sign_in.device})
    return redirect("sessions:list")


@login_required
@require_POST
def sessions_end_others(request):
    ended = services.sign_ins_end_others(
        by=request.user, current_session_key=request.session.session_key
    )
    messages.success(request, OTHERS_ENDED % {"count": ended})
    return redirect("sessions:list")


class SignOutView(LogoutView):
    """Django's sign-out; the session's sign-in is forgotten with it."""

    def post(self, request, *args, **kwargs):
        services.sign_in_forget(session_key=request.session.session_key)
        return super().post(request, *args, **kwargs)
