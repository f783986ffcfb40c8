"""The pages of the units' batches: the agent prepares and submits, the center pays. Thin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.audit.access.services import personal_data_listed
from workflows.audit.selectors import step_records_of
from workflows.web import client_ip, labelled_steps, run_form

from .. import permissions
from ..choices import BatchState, Kind
from ..forms import PayForm, SubmitForm
from ..services import missing_for_submission
from . import payment, selectors, services
from .forms import BatchClaimForm
from .offsite import covering_filing

NO_ACCESS = _("You have no access to the units' batches.")


@login_required
def batch_list(request):
    if permissions.batches_visible(user=request.user) is None:
        raise PermissionDenied(NO_ACCESS)
    unit = permissions.batch_unit_of(user=request.user)
    return render(
        request,
        "claims/batch_list.html",
        {
            "page": Paginator(selectors.batch_list_for(user=request.user), 25).get_page(
                request.GET.get("page")
            ),
            "is_agent": unit is not None,
            "open_batch": selectors.open_batch_of(unit_id=unit.pk) if unit else None,
        },
    )


@login_required
@require_POST
def batch_open(request):
    try:
        batch = services.batch_open(by=request.user, ip_address=client_ip(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("claims:batches")
    return redirect("claims:batch", pk=batch.pk)


@login_required
def batch_detail(request, pk):
    return render_batch(request, visible_or_404(request, pk))


@login_required
@require_POST
def batch_add_claim(request, pk):
    batch = visible_or_404(request, pk)
    form = BatchClaimForm(request.POST, batch=batch)
    claim = run_form(request, form, services.batch_add_claim, batch_id=batch.pk).result
    if claim:
        messages.success(
            request,
            _("Claim %(number)s added to the batch. Upload its documents.")
            % {"number": claim.number},
        )
        return redirect(claim)
    return render_batch(request, batch, claim_form=form)


@login_required
@require_POST
def batch_carry(request, pk, claim_pk):
    batch = visible_or_404(request, pk)
    try:
        services.batch_carry_claim(
            batch_id=batch.pk, claim_id=claim_pk, by=request.user, ip_address=client_ip(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("claims:batch", pk=batch.pk)


@login_required
@require_POST
def batch_submit(request, pk):
    batch = visible_or_404(request, pk)
    form = SubmitForm(request.POST)
    if run_form(request, form, services.batch_submit, batch_id=batch.pk).result:
        messages.success(
            request, _("Batch %(number)s submitted to the center.") % {"number": batch.number}
        )
        return redirect("claims:batch", pk=batch.pk)
    return render_batch(request, batch, submit_form=form)


@login_required
@require_POST
def batch_pay(request, pk):
    batch = visible_or_404(request, pk)
    form = PayForm(request.POST)
    outcome = run_form(request, form, payment.batch_mark_paid, batch_id=batch.pk)
    if outcome.result:
        messages.success(request, _("The payment has been recorded."))
    if outcome.result or outcome.taken_meanwhile:
        return redirect("claims:batch", pk=batch.pk)
    return render_batch(request, batch, pay_form=form)


def render_batch(request, batch, **forms):
    """The batch page; a form that failed is passed in to show its errors."""
    user = request.user
    preparing = batch.state == BatchState.OPEN and permissions.may_prepare_batch(
        user=user, batch=batch
    )
    is_reviewer = permissions.may_review_batch(user=user, batch=batch)
    claims = selectors.claims_of(batch)
    carriable = list(selectors.carriable_claims(batch)) if preparing else []
    personal_data_listed(
        user=user,
        people=[claim.person for claim in [*claims, *carriable]],
        case=batch,
        request=request,
    )
    rows = [_row(claim, preparing) for claim in claims]
    defaults = {
        "claim_form": BatchClaimForm(batch=batch),
        "submit_form": SubmitForm(initial={"payee": batch.payee or batch.unit.name}),
        "pay_form": PayForm(),
    }
    return render(
        request,
        "claims/batch_detail.html",
        {
            **defaults,
            **forms,
            "batch": batch,
            "rows": rows,
            "preparing": preparing,
            "is_staff_reader": permissions.may_read_as_staff(user=user),
            "carriable": carriable,
            "order": selectors.payment_order_of_batch(batch),
            "can_pay": is_reviewer and batch.state == BatchState.ORDERED,
            "steps": labelled_steps(step_records_of(batch), BatchState.choices),
        },
    )


def _row(claim, preparing: bool) -> dict:
    """One claim of the batch as its table shows it: what it misses, which filing covers it."""
    return {
        "claim": claim,
        "missing": missing_for_submission(claim) if preparing and claim.is_preparing else [],
        "filing": covering_filing(claim) if claim.kind == Kind.OFFSITE_OUTPATIENT else None,
    }


def visible_or_404(request, pk):
    batch = selectors.batch_get_for(user=request.user, pk=pk)
    if batch is None:
        raise Http404
    return batch
