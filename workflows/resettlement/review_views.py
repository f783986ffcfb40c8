"""The center's pages: the filings queue of the inbox and the reviewer's decisions, thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.web import client_ip, show_errors, warned_already_handled

from . import changes, review
from .choices import State
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
    if form.is_valid():
        try:
            filing = service(
                filing_id=filing.pk,
                by=request.user,
                ip_address=client_ip(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            if warned_already_handled(request, error):
                return redirect("resettlement:detail", pk=filing.pk)
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("Done: the filing is now %(state)s.") % {"state": State(filing.state).label},
            )
            return redirect("inbox_queue", "filings")
    return render_detail(request, visible_or_404(request, pk), decision_form=form)
