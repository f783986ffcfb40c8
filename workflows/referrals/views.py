"""Referral pages: thin. Parse the form, call one service, show what it said."""

import io
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows import clock
from workflows.audit.access.models import Access
from workflows.audit.access.services import personal_data_viewed
from workflows.audit.selectors import step_records_of
from workflows.finding import export
from workflows.finding.views import list_form, page_context
from workflows.flowkit import task_of_case
from workflows.registry.selectors import actor_of
from workflows.web import (
    case_action,
    client_ip,
    labelled_steps,
    run_form,
    show_errors,
    warned_already_handled,
)

from . import permissions, printing, selectors, services
from .choices import STEP_OF_STATE, State, Step
from .finding import EXPORT, FINDER, LIST_COLUMNS
from .forms import DecisionForm, ProposeForm, ReferralForm, TransferForm, WithdrawForm
from .models import Referral


@login_required
def referral_list(request):
    if permissions.visible(user=request.user) is None:
        raise PermissionDenied(_("You have no access to referrals."))
    form = list_form(request, FINDER, LIST_COLUMNS)
    referrals = form.narrow(selectors.referral_list_for(user=request.user))
    page = _paginate(request, referrals)
    return render(
        request,
        "referrals/list.html",
        {
            "page": page,
            **page_context(request, form, path=request.path),
            "exports": export.links(request, EXPORT),
            "can_open": permissions.may_open(user=request.user),
        },
    )


@login_required
def referral_new(request):
    if not permissions.may_open(user=request.user):
        raise PermissionDenied(services.NOT_A_PHYSICIAN)
    actor = actor_of(request.user)
    form = ReferralForm(request.POST or None)
    if request.method == "POST":
        propose = "propose" in request.POST
        referral = run_form(request, form, services.referral_open, propose=propose).result
        if referral:
            messages.success(request, _saved_message(referral))
            return redirect(referral)
    return render(request, "referrals/form.html", {"form": form, "actor": actor})


@login_required
def referral_edit(request, pk):
    referral = _visible_or_404(request, pk)
    may_change = referral.state == State.DRAFT and permissions.may_act(
        user=request.user, case=referral, step=Step.PROPOSE
    )
    if not may_change:
        raise PermissionDenied(services.ONLY_DRAFTS_CHANGE)
    initial = {name: getattr(referral, name) for name in services.CASE_FIELDS}
    initial["person"] = referral.person.insurance_number
    form = ReferralForm(request.POST or None, initial=initial, lock_person=True)
    if request.method == "POST":
        outcome = run_form(
            request,
            form,
            services.referral_revise,
            fields=ReferralForm.case_fields,
            referral_id=referral.pk,
            propose="propose" in request.POST,
        )
        if outcome.result:
            messages.success(request, _saved_message(outcome.result))
            return redirect(outcome.result)
    _viewed(request, referral)
    return render(
        request,
        "referrals/form.html",
        {"form": form, "referral": referral, "actor": actor_of(request.user)},
    )


@login_required
def referral_detail(request, pk):
    referral = _visible_or_404(request, pk)
    _viewed(request, referral)
    return render(request, "referrals/detail.html", _case_context(request, referral))


@login_required
def referral_decide(request, pk):
    """The signature the referral waits for: the case, its timeline and the decision form."""
    if request.method == "POST":
        return _decide(request, pk, step=request.POST.get("step", ""))
    referral = _visible_or_404(request, pk)
    step = STEP_OF_STATE.get(referral.state)
    if step is None:
        messages.info(request, services.already_handled_message(referral))
        return redirect("referrals:detail", pk=referral.pk)
    if not permissions.may_act(user=request.user, case=referral, step=step):
        raise PermissionDenied(
            services.NOT_YOUR_STEP % {"role": permissions.ROLE_OF_STEP[step].label}
        )
    return _decision_page(request, referral, step, _form_for(step)(initial={"step": step}))


@login_required
def task_page(request, pk, task_pk):
    """The task URLs of earlier versions: a page shows the decision; a form posted to one
    decides the step that task was for."""
    if request.method != "POST":
        return redirect("referrals:decide", pk=pk)
    referral = _visible_or_404(request, pk, with_details=False)
    task = task_of_case(task_pk, referral)
    if task is None:
        raise Http404
    return _decide(request, pk, step=task.flow_task.name)


def _decide(request, pk, *, step: str):
    """The decision. The service checks, under the case's lock, that the referral still waits
    for ``step`` and that it is this user's (so this view reads nothing first); the view shows
    what it said."""
    data = request.POST.copy()
    data["step"] = step  # a form posted to a task URL of earlier versions names no step
    form = _form_for(step)(data)
    if form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "step"}
        try:
            if step == Step.PROPOSE:
                referral = services.referral_propose(
                    referral_id=pk, by=request.user, ip_address=client_ip(request), **data
                )
            else:
                referral = services.referral_decide(
                    referral_id=pk,
                    by=request.user,
                    step=step,
                    ip_address=client_ip(request),
                    **data,
                )
        except Referral.DoesNotExist:
            raise Http404 from None
        except ValidationError as error:
            if warned_already_handled(request, error):
                return redirect("referrals:detail", pk=pk)
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("Done: the referral is now %(state)s.") % {"state": State(referral.state).label},
            )
            return redirect("inbox")
    referral = _visible_or_404(request, pk)
    if step not in Step.values:
        messages.info(request, services.already_handled_message(referral))
        return redirect("referrals:detail", pk=referral.pk)
    return _decision_page(request, referral, Step(step), form)


def _form_for(step: str):
    return ProposeForm if step == Step.PROPOSE else DecisionForm


def _decision_page(request, referral, step: Step, form):
    _viewed(request, referral)
    context = _case_context(request, referral)
    context.update(form=form, step=step)
    return render(request, "referrals/task.html", context)


@login_required
def referral_approval_form(request, pk):
    """The approval form as it stands, for anyone who may see the case (unsigned blocks empty)."""
    referral = _visible_or_404(request, pk)
    pdf = printing.approval_form_pdf(referral)
    _viewed(request, referral, what=Access.PRINTED)
    return FileResponse(
        io.BytesIO(pdf),
        content_type="application/pdf",
        filename=f"转诊转院审批表-{referral.number}.pdf",
    )


@login_required
@require_POST
def referral_withdraw(request, pk):
    return _case_action(
        request,
        pk,
        WithdrawForm,
        services.referral_withdraw,
        done=_("The referral has been withdrawn."),
        incomplete=_("Write why you withdraw the referral."),
    )


@login_required
@require_POST
def referral_transfer(request, pk):
    return _case_action(
        request,
        pk,
        TransferForm,
        services.referral_record_transfer,
        done=_("The transfer has been recorded."),
        incomplete=_("Give the date of the transfer."),
    )


def _case_action(request, pk, form_class, service, *, done: str, incomplete: str):
    referral = _visible_or_404(request, pk, with_details=False)
    call = partial(service, referral_id=referral.pk, by=request.user, ip_address=client_ip(request))
    return case_action(
        request,
        form_class(request.POST),
        call,
        done=done,
        incomplete=incomplete,
        back=reverse("referrals:detail", args=[pk]),
    )


def _case_context(request, referral) -> dict:
    user = request.user
    return {
        "referral": referral,
        "deadline": selectors.referral_deadline(referral, now=clock.now()),
        "age": referral.person.age_on(clock.today()),
        "steps": labelled_steps(step_records_of(referral), State.choices),
        "may_decide": permissions.may_decide(user=user, case=referral),
        "can_withdraw": referral.is_pending and permissions.may_withdraw(user=user, case=referral),
        "can_record_transfer": referral.state == State.APPROVED
        and permissions.may_record_transfer(user=user, case=referral),
        "withdraw_form": WithdrawForm(),
        "transfer_form": TransferForm(),
        "chain": _chain_progress(referral),
    }


def _chain_progress(referral) -> list[tuple[Step, str]]:
    """Each of the five signatures: done, current or to come."""
    open_step = STEP_OF_STATE.get(referral.state)
    done = referral.state in (State.APPROVED, State.USED, State.LAPSED)
    progress, reached = [], False
    for step in Step:
        if step == open_step:
            progress.append((step, "current"))
            reached = True
        elif done or (open_step and not reached):
            progress.append((step, "done"))
        else:
            progress.append((step, "todo"))
    return progress


def _viewed(request, referral, *, what: Access = Access.VIEWED) -> None:
    """Write to the access log that the user saw the patient's data in this referral."""
    personal_data_viewed(
        user=request.user, person=referral.person, case=referral, what=what, request=request
    )


def _visible_or_404(request, pk, *, with_details: bool = True):
    referral = selectors.referral_get_for(user=request.user, pk=pk, with_details=with_details)
    if referral is None:
        raise Http404
    return referral


def _saved_message(referral) -> str:
    if referral.state == State.DRAFT:
        return _("Referral %(number)s saved as a draft.") % {"number": referral.number}
    return _("Referral %(number)s proposed: it is now %(state)s.") % {
        "number": referral.number,
        "state": State(referral.state).label,
    }


def _paginate(request, queryset):
    return Paginator(queryset, 25).get_page(request.GET.get("page"))
