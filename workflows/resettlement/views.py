"""Filing pages for everyone who may see a filing, and the applicant's actions: thin views."""

import functools
import io

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
from workflows.documents.forms import UploadForm
from workflows.documents.selectors import document_of
from workflows.documents.views import document_response, upload_from_page
from workflows.finding import export
from workflows.finding.views import list_form, page_context
from workflows.registry.selectors import actor_of
from workflows.web import case_action, client_ip, labelled_steps, run_form

from . import changes, permissions, printing, selectors, services
from .choices import State
from .finding import EXPORT, FINDER, LIST_COLUMNS
from .forms import ChangeDecisionForm, ChangeForm, DecisionForm, FilingForm, WithdrawForm

NO_ACCESS = _("You have no access to off-site filings.")


@login_required
def filing_list(request):
    if permissions.visible(user=request.user) is None:
        raise PermissionDenied(NO_ACCESS)
    form = list_form(request, FINDER, LIST_COLUMNS)
    filings = form.narrow(selectors.filing_list_for(user=request.user))
    return render(
        request,
        "resettlement/list.html",
        {
            "page": Paginator(filings, 25).get_page(request.GET.get("page")),
            **page_context(request, form, path=request.path),
            "exports": export.links(request, EXPORT),
            "can_open": permissions.may_open(user=request.user),
        },
    )


@login_required
def filing_new(request):
    if not permissions.may_open(user=request.user):
        raise PermissionDenied(services.NOT_YOURS_TO_FILE)
    actor = actor_of(request.user)
    initial = {}
    if actor.person is not None:
        initial = {"residence_address": actor.person.address, "phone": actor.person.phone}
    form = FilingForm(request.POST or None, actor=actor, initial=initial)
    if request.method == "POST":
        fields = FilingForm.opening_fields
        filing = run_form(request, form, services.filing_open, fields=fields).result
        if filing:
            messages.success(
                request,
                _("Filing %(number)s opened. Upload its attachments, then submit it.")
                % {"number": filing.number},
            )
            return redirect(filing)
    return render(request, "resettlement/form.html", {"form": form, "actor": actor})


@login_required
def filing_edit(request, pk):
    filing = visible_or_404(request, pk)
    if not (filing.is_preparing and permissions.may_prepare(user=request.user, case=filing)):
        raise PermissionDenied(services.NOT_BEING_PREPARED % {"state": filing.get_state_display()})
    choice = selectors.current_choice(filing)
    initial = {
        name: getattr(filing, name)
        for name in ("category", "residence_address", "start_date", "end_date", "phone")
    }
    initial.update(destination_city=filing.destination_city_id, institutions=choice.institution_ids)
    actor = actor_of(request.user)
    form = FilingForm(request.POST or None, actor=actor, initial=initial, lock_person=True)
    if request.method == "POST":
        fields = FilingForm.revision_fields
        outcome = run_form(
            request, form, services.filing_revise, fields=fields, filing_id=filing.pk
        )
        if outcome.result:
            messages.success(request, _("The filing has been corrected."))
        if outcome.result or outcome.taken_meanwhile:
            return redirect(filing)
    _viewed(request, filing)
    return render(
        request, "resettlement/form.html", {"form": form, "actor": actor, "filing": filing}
    )


@login_required
def filing_detail(request, pk):
    return render_detail(request, visible_or_404(request, pk))


@login_required
@require_POST
def filing_upload(request, pk):
    filing = visible_or_404(request, pk, with_details=False)
    add = functools.partial(services.filing_add_documents, filing_id=filing.pk)
    back = reverse("resettlement:detail", args=[filing.pk]) + "#attachments"
    return upload_from_page(request, add=add, back=back)


@login_required
@require_POST
def filing_submit(request, pk):
    filing = visible_or_404(request, pk, with_details=False)
    try:
        filing = services.filing_submit(
            filing_id=filing.pk, by=request.user, ip_address=client_ip(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Filing %(number)s submitted to the center.") % {"number": filing.number}
        )
    return redirect("resettlement:detail", pk=filing.pk)


@login_required
@require_POST
def filing_withdraw(request, pk):
    filing = visible_or_404(request, pk, with_details=False)
    call = functools.partial(
        services.filing_withdraw,
        filing_id=filing.pk,
        by=request.user,
        ip_address=client_ip(request),
    )
    return case_action(
        request,
        WithdrawForm(request.POST),
        call,
        done=_("The filing has been withdrawn."),
        incomplete=services.WITHDRAW_REASON_REQUIRED,
        back=reverse("resettlement:detail", args=[filing.pk]),
    )


@login_required
@require_POST
def filing_change(request, pk):
    filing = visible_or_404(request, pk, with_details=False)
    form = ChangeForm(request.POST, filing=filing)
    if run_form(request, form, changes.filing_request_change, filing_id=filing.pk).result:
        messages.success(request, _("The change of institutions was sent to the center."))
        return redirect(filing)
    return render_detail(request, visible_or_404(request, pk), change_form=form)


@login_required
def document_download(request, pk, document_pk):
    """An attachment of a filing the user may see, as a download; any other id is not found."""
    filing = visible_or_404(request, pk, with_details=False)
    document = document_of(filing, document_pk)
    if document is None:
        raise Http404
    _viewed(request, filing, what=Access.DOWNLOADED, document=document)
    return document_response(document)


@login_required
def filing_form_pdf(request, pk):
    """The off-site filing form as it stands, for anyone who may see the filing."""
    filing = visible_or_404(request, pk)
    pdf = printing.filing_form_pdf(filing)
    _viewed(request, filing, what=Access.PRINTED)
    return FileResponse(
        io.BytesIO(pdf),
        content_type="application/pdf",
        filename=f"异地就医备案表-{filing.number}.pdf",
    )


def render_detail(request, filing, **forms):
    """The filing page; a form that failed is passed in to show its errors."""
    _viewed(request, filing)
    return render(request, "resettlement/detail.html", _case_context(request, filing, forms))


def _viewed(request, filing, *, what: Access = Access.VIEWED, document=None) -> None:
    """Write to the access log that the user saw the applicant's data in this filing."""
    personal_data_viewed(
        user=request.user,
        person=filing.person,
        case=filing,
        what=what,
        request=request,
        document=document,
    )


def _case_context(request, filing, forms: dict) -> dict:
    user = request.user
    is_applicant = permissions.may_prepare(user=user, case=filing)
    is_reviewer = permissions.may_review(user=user, case=filing)
    reviewing_change = is_reviewer and filing.state == State.CHANGE_REQUESTED
    defaults = {
        "upload_form": UploadForm(),
        "withdraw_form": WithdrawForm(),
        "change_form": ChangeForm(filing=filing),
        "decision_form": ChangeDecisionForm() if reviewing_change else DecisionForm(),
    }
    return {
        **defaults,
        **forms,
        "filing": filing,
        "deadline": selectors.filing_deadline(filing, now=clock.now()),
        "choices": selectors.choices_of(filing),
        "checklist": services.attachment_checklist(filing),
        "steps": labelled_steps(step_records_of(filing), State.choices),
        "can_prepare": is_applicant and filing.is_preparing,
        "can_withdraw": is_applicant and filing.state in services.WITHDRAWABLE,
        "can_change": is_applicant and filing.state == State.IN_FORCE,
        "reviewing": is_reviewer and filing.state == State.SUBMITTED,
        "reviewing_change": reviewing_change,
        "is_staff_reader": permissions.may_read_as_staff(user=user),
    }


def visible_or_404(request, pk, *, with_details: bool = True):
    filing = selectors.filing_get_for(user=request.user, pk=pk, with_details=with_details)
    if filing is None:
        raise Http404
    return filing
