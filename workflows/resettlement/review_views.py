"""The center's decisions on a filing's page: the filing, a change of institutions. Thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.web import run_form

from . import changes, review
from .forms import ChangeDecisionForm, DecisionForm
from .views import render_detail, visible_or_404


@login_required
@require_POST
def decide(request, pk):
    return _decision(request, pk, DecisionForm, review.filing_decide)


@login_required
@require_POST
def decide_change(request, pk):
    return _decision(request, pk, ChangeDecisionForm, changes.filing_decide_change)


def _decision(request, pk, form_class, service):
    filing = visible_or_404(request, pk, with_details=False)
    form = form_class(request.POST)
    outcome = run_form(request, form, service, filing_id=filing.pk)
    if outcome.taken_meanwhile:
        return redirect(filing)
    if outcome.result:
        state = outcome.result.current_state.label
        messages.success(request, _("Done: the filing is now %(state)s.") % {"state": state})
        return redirect("inbox_queue", "filings")
    return render_detail(request, visible_or_404(request, pk), decision_form=form)
