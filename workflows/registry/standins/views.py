"""A staff member's stand-ins, under /account/stand-in/: name one for a period, end one early."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from workflows.registry.roles import STAND_IN_ROLES
from workflows.registry.selectors import actor_of

from . import services
from .forms import StandInForm

NAMED = _("%(name)s stands in for you from %(starts)s to %(ends)s.")
ENDED = _("The stand-in is ended: your tasks are yours alone again.")


@login_required
def stand_in_page(request):
    if actor_of(request.user).role not in STAND_IN_ROLES:
        messages.info(request, services.NO_STAND_IN_FOR_ROLE)
        return redirect("home")
    form = StandInForm(request.POST or None, candidates=services.colleagues(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            named = services.stand_in_name(absent=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # a dict of errors goes to its fields
        else:
            messages.success(
                request,
                NAMED
                % {
                    "name": named.stand_in.get_full_name(),
                    "starts": _date(named.starts_on),
                    "ends": _date(named.ends_on),
                },
            )
            return redirect("stand_in")
    return render(
        request,
        "registry/stand_in.html",
        {"form": form, "stand_ins": services.stand_ins_of(request.user)},
    )


@login_required
@require_POST
def stand_in_end(request, pk: int):
    try:
        services.stand_in_end(pk=pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ENDED)
    return redirect("stand_in")


def _date(day) -> str:
    return formats.date_format(day, "DATE_FORMAT")
