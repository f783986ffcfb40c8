"""Claim pages for everyone who may see a claim, and the claimant's actions: thin views."""

import functools
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows import clock
from workflows.audit.access.models import Access
from workflows.audit.access.services import personal_data_viewed
from workflows.audit.selectors import step_records_of
from workflows.casekit import listed
from workflows.documents.choices import Kind as DocumentKind
from workflows.documents.forms import UploadForm
from workflows.documents.selectors import document_of
from workflows.documents.views import document_response, upload_from_page
from workflows.finding import export
from workflows.finding.views import list_form, page_context
from workflows.registry.selectors import actor_of
from workflows.web import case_action, client_ip, labelled_steps, run_form

from . import permissions, printing, selectors, services
from .batches.hooks import covering_filing
from .choices import PAYING_STATES, Kind, State
from .finding import EXPORT, FINDER, LIST_COLUMNS
from .forms import ClaimCorrectionForm, ClaimForm, PayForm, SubmitForm, WithdrawForm
from .printing import payment_order_of
from .review.forms import DecisionForm, ImportForm, LineForm
from .stored_calculation import calculated_steps, policy_period

NO_ACCESS = _("You have no access to reimbursement claims.")


@login_required
def claim_list(request):
    if permissions.visible(user=request.user) is None:
        raise PermissionDenied(NO_ACCESS)
    form = list_form(request, FINDER, LIST_COLUMNS)
    claims = form.narrow(selectors.claim_list_for(user=request.user))
    return render(
        request,
        "claims/list.html",
        {
            "page": Paginator(claims, 25).get_page(request.GET.get("page")),
            **page_context(request, form, path=request.path),
            "exports": export.links(request, EXPORT),
            "can_open": permissions.may_open(user=request.user),
            "show_batches": permissions.batches_visible(user=request.user) is not None,
        },
    )


@login_required
def claim_new(request):
    if not permissions.may_open(user=request.user):
        raise PermissionDenied(services.NOT_YOURS_TO_OPEN)
    actor = actor_of(request.user)
    initial = {"kind": request.GET.get("kind", "emergency")}
    form = ClaimForm(request.POST or None, actor=actor, initial=initial)
    if request.method == "POST":
        claim = run_form(request, form, services.claim_open, fields=ClaimForm.claim_fields).result
        if claim:
            messages.success(
                request,
                _("Claim %(number)s opened. Upload its documents, then submit it.")
                % {"number": claim.number},
            )
            return redirect(claim)
    return render(request, "claims/form.html", {"form": form, "actor": actor})


@login_required
def claim_edit(request, pk):
    """Correct the dates, diagnosis or hospital of a claim being prepared or returned."""
    claim = visible_or_404(request, pk)
    if not permissions.may_prepare(user=request.user, case=claim):
        raise PermissionDenied(services.NOT_YOUR_CLAIM)
    if not claim.is_preparing:
        state = State(claim.state).label
        messages.warning(request, services.NOT_BEING_PREPARED % {"state": state})
        return redirect("claims:detail", pk=claim.pk)
    actor = actor_of(request.user)
    fields = ("admission_date", "discharge_date", "diagnosis", "institution")
    initial = {name: getattr(claim, name) for name in fields}
    form = ClaimCorrectionForm(request.POST or None, actor=actor, claim=claim, initial=initial)
    if request.method == "POST":
        outcome = run_form(request, form, services.claim_revise, claim_id=claim.pk)
        if outcome.result:
            messages.success(request, _("Claim %(number)s corrected.") % {"number": claim.number})
        if outcome.result or outcome.taken_meanwhile:
            return redirect(claim)
    _viewed(request, claim)
    return render(request, "claims/form.html", {"form": form, "actor": actor, "claim": claim})


@login_required
def claim_detail(request, pk):
    return render_detail(request, visible_or_404(request, pk))


@login_required
@require_POST
def claim_upload(request, pk):
    claim = visible_or_404(request, pk, with_details=False)
    add = functools.partial(services.claim_add_documents, claim_id=claim.pk)
    return upload_from_page(request, add=add, back=f"{claim_url(claim)}#documents")


@login_required
@require_POST
def claim_submit(request, pk):
    claim = visible_or_404(request, pk, with_details=False)
    form = SubmitForm(request.POST)
    submitted = run_form(request, form, services.claim_submit, claim_id=claim.pk).result
    if not submitted:
        return render_detail(request, visible_or_404(request, pk), submit_form=form)
    messages.success(
        request, _("Claim %(number)s submitted to the center.") % {"number": claim.number}
    )
    return redirect(claim)


@login_required
@require_POST
def claim_withdraw(request, pk):
    claim = visible_or_404(request, pk, with_details=False)
    call = functools.partial(
        services.claim_withdraw, claim_id=claim.pk, by=request.user, ip_address=client_ip(request)
    )
    return case_action(
        request,
        WithdrawForm(request.POST),
        call,
        done=_("The claim has been withdrawn."),
        incomplete=services.WITHDRAW_REASON_REQUIRED,
        back=reverse("claims:detail", args=[claim.pk]),
    )


@login_required
def document_download(request, pk, document_pk):
    """A document of a claim the user may see, as a download; any other id is not found."""
    claim = visible_or_404(request, pk, with_details=False)
    document = document_of(claim, document_pk)
    if document is None:
        raise Http404
    _viewed(request, claim, what=Access.DOWNLOADED, document=document)
    return document_response(document)


@login_required
def claim_statement(request, pk):
    """The reimbursement statement of an approved claim, for anyone who may see the claim."""
    claim = visible_or_404(request, pk)
    if claim.state not in PAYING_STATES:
        raise Http404
    pdf = printing.statement_pdf(claim)
    _viewed(request, claim, what=Access.PRINTED)
    return FileResponse(
        io.BytesIO(pdf),
        content_type="application/pdf",
        filename=f"医疗费用报销结算单-{claim.number}.pdf",
    )


def render_detail(request, claim, **forms):
    """The claim page; a form that failed is passed in to show its errors."""
    _viewed(request, claim)
    return render(request, "claims/detail.html", _case_context(request, claim, forms))


def _viewed(request, claim, *, what: Access = Access.VIEWED, document=None) -> None:
    """Write to the access log that the user saw the claimant's data in this claim."""
    personal_data_viewed(
        user=request.user,
        person=claim.person,
        case=claim,
        what=what,
        request=request,
        document=document,
    )


def _case_context(request, claim, forms: dict) -> dict:
    user = request.user
    can_prepare = claim.is_preparing and permissions.may_prepare(user=user, case=claim)
    is_reviewer = permissions.may_review(user=user, case=claim)
    reviewing = is_reviewer and claim.state == State.SUBMITTED
    decided = claim.state in PAYING_STATES
    show_calculation = claim.calculation is not None and (decided or reviewing)
    is_staff_reader = permissions.may_read_as_staff(user=user)
    offsite = claim.kind == Kind.OFFSITE_OUTPATIENT
    defaults = {
        "upload_form": UploadForm(),
        "submit_form": SubmitForm(
            initial={
                "payee": claim.payee or claim.person.name,
                "bank_name": claim.bank_name,
                "bank_account": claim.bank_account,
            }
        ),
        "withdraw_form": WithdrawForm(),
        "line_form": LineForm(),
        "import_form": ImportForm(),
        "decision_form": DecisionForm(claim=claim),
        "pay_form": PayForm(),
    }
    return {
        **defaults,
        **forms,
        "claim": claim,
        "deadline": selectors.claim_deadline(claim, now=clock.now()),
        "checklist": services.claim_checklist(claim),
        "steps": labelled_steps(step_records_of(claim), State.choices),
        "can_prepare": can_prepare,
        "missing": services.missing_for_submission(claim) if can_prepare else [],
        "requested": listed(DocumentKind(k).label for k in claim.requested_documents),
        "asked_again": claim.requested_documents if claim.state == State.RETURNED else [],
        "is_staff_reader": is_staff_reader,
        "reviewing": reviewing,
        "can_pay": is_reviewer and claim.state == State.APPROVED,
        "lines": list(selectors.lines_of(claim)) if reviewing or decided else [],
        "calculation": (
            calculated_steps(claim.calculation, language=get_language()) if show_calculation else []
        ),
        "policy_period": policy_period(claim.calculation) if show_calculation else None,
        "payment_order": payment_order_of(claim) if decided else None,
        "filing": covering_filing(claim) if offsite else None,
        "offsite": offsite,
    }


def visible_or_404(request, pk, *, with_details: bool = True):
    claim = selectors.claim_get_for(user=request.user, pk=pk, with_details=with_details)
    if claim is None:
        raise Http404
    return claim


def claim_url(claim) -> str:
    return reverse("claims:detail", args=[claim.pk])
