"""The center's actions on a claim's page: lines, calculation, decision, payment. Thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.web import client_ip, run_form

from ..forms import PayForm
from ..views import claim_url, render_detail, visible_or_404
from . import lines, services
from .forms import DecisionForm, ImportForm, LineForm


@login_required
@require_POST
def line_add(request, pk):
    claim = visible_or_404(request, pk, with_details=False)
    form = LineForm(request.POST)
    if run_form(request, form, lines.claim_add_line, claim_id=claim.pk).result:
        return redirect(f"{claim_url(claim)}#lines")
    return render_detail(request, visible_or_404(request, pk), line_form=form)


@login_required
@require_POST
def line_remove(request, pk, line_pk):
    claim = visible_or_404(request, pk, with_details=False)
    try:
        lines.claim_remove_line(
            claim_id=claim.pk, line_id=line_pk, by=request.user, ip_address=client_ip(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{claim_url(claim)}#lines")


@login_required
@require_POST
def lines_import(request, pk):
    claim = visible_or_404(request, pk, with_details=False)
    form = ImportForm(request.POST, request.FILES)
    imported = run_form(
        request, form, lines.claim_import_lines, fields=ImportForm.read, claim_id=claim.pk
    ).result
    if imported:
        messages.success(request, _("%(count)s expense lines imported.") % {"count": len(imported)})
        return redirect(f"{claim_url(claim)}#lines")
    return render_detail(request, visible_or_404(request, pk), import_form=form)


@login_required
@require_POST
def calculate(request, pk):
    claim = visible_or_404(request, pk, with_details=False)
    try:
        services.claim_calculate(claim_id=claim.pk, by=request.user, ip_address=client_ip(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Calculated. Check the result below before you decide."))
    return redirect(f"{claim_url(claim)}#calculation")


@login_required
@require_POST
def decide(request, pk):
    claim = visible_or_404(request, pk, with_details=False)
    form = DecisionForm(request.POST, claim=claim)
    outcome = run_form(request, form, services.claim_decide, claim_id=claim.pk)
    if outcome.taken_meanwhile:
        return redirect(claim)
    if outcome.result:
        state = outcome.result.current_state.label
        messages.success(request, _("Done: the claim is now %(state)s.") % {"state": state})
        return redirect("inbox_queue", "claims")
    return render_detail(request, visible_or_404(request, pk), decision_form=form)


@login_required
@require_POST
def pay(request, pk):
    claim = visible_or_404(request, pk, with_details=False)
    form = PayForm(request.POST)
    outcome = run_form(request, form, services.claim_mark_paid, claim_id=claim.pk)
    if outcome.taken_meanwhile:
        return redirect(claim)
    if not outcome.result:
        return render_detail(request, visible_or_404(request, pk), pay_form=form)
    messages.success(request, _("The payment has been recorded."))
    return redirect("inbox_queue", "claims")
