"""The case page's buttons that take, release or give a case's task (workflows/claiming.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.claims.steps import CLAIMING as CLAIMS
from workflows.referrals.services import CLAIMING as REFERRALS
from workflows.registry.models import User
from workflows.resettlement.steps import CLAIMING as FILINGS
from workflows.web import client_ip

BY_SLUG = {claiming.slug: claiming for claiming in (REFERRALS, CLAIMS, FILINGS)}


def claiming_of(case):
    """The claiming of ``case``'s type, if its tasks are taken."""
    return next((c for c in BY_SLUG.values() if isinstance(case, c.model)), None)


@login_required
@require_POST
def task_hold(request, kind: str, pk: int, action: str):
    """Take (``claim``), give back (``release``) or give to a reviewer (``reassign``)."""
    claiming = BY_SLUG.get(kind)
    if claiming is None or action not in ("claim", "release", "reassign"):
        raise Http404
    arguments = {"case_id": pk, "by": request.user, "ip_address": client_ip(request)}
    try:
        if action == "reassign":
            to = User.objects.filter(pk=request.POST.get("to") or None).first()
            if to is None:
                raise ValidationError(_("Choose the reviewer to give the task to."))
            case = claiming.reassign(to=to, **arguments)
            done = _("The task is now %(name)s's.") % {"name": to.get_full_name()}
        elif action == "claim":
            case = claiming.claim(**arguments)
            done = _("You have taken this task: the other reviewers see it is yours.")
        else:
            case = claiming.release(**arguments)
            done = _("The task is back in the city's queue.")
    except claiming.steps.locked.NotVisible:
        raise Http404 from None
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(_messages(error)))
    else:
        messages.success(request, done)
        return redirect(_back(request, case))
    return redirect(_back(request, None, pk=pk, claiming=claiming))


def _messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


def _back(request, case, *, pk=None, claiming=None) -> str:
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    if case is None:
        case = claiming.model.objects.get(pk=pk)
    return case.get_absolute_url()
