"""The only writers of claims, the center's decisions: the calculation, approval, return,
refusal and payment. Each locks the claim row and records its step, in one transaction."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from workflows import clock, textlimits
from workflows.audit.models import Action
from workflows.audit.services import step_record
from workflows.casekit import listed, save_state
from workflows.documents.choices import Kind as DocumentKind
from workflows.policy.quotes import ChargedItem, reimbursement_quote
from workflows.policy.selectors import policy_in_force
from workflows.registry.models import InsuredPerson, User
from workflows.registry.selectors import actor_of

from ..batches import hooks as batches
from ..choices import Decision, State, documents_of_kind
from ..models import Claim, PaymentOrder
from ..selectors import pooled_fund_paid
from ..steps import STEPS, check_reviewer, record_payment, under_review
from ..stored_calculation import calculation_record
from .lines import repriced_lines

LINES_REQUIRED = _("Enter or import the expense lines before you calculate.")
NO_POLICY = _(
    "No reimbursement policy of %(city)s for the %(scheme)s was in force on %(date)s, the "
    "admission date: an administrator must load one before this claim can be calculated."
)
CALCULATION_REQUIRED = _(
    "Calculate the reimbursement before you approve: it was never calculated, or the expense "
    "lines changed since."
)
CALCULATION_OUTDATED = _(
    "Another claim of this person was approved since this one was calculated, so less of the "
    "annual cap may be left: calculate again."
)
REASON_REQUIRED = _("Write the reason: the claimant reads it.")
DOCUMENTS_TO_ADD_REQUIRED = _("Tick each document the claimant must add.")
REFERENCE_REQUIRED = _("Enter the reference of the payment.")
UNKNOWN_DECISION = _("Choose approve, return for supplements or refuse.")
ASKED_FOR = _("To add: %(documents)s.")
PAID_WITH_BATCH = _(
    "This claim is paid with its unit's batch %(batch)s: record the payment on the batch's page."
)


@transaction.atomic
def claim_calculate(*, claim_id: int, by: User, ip_address: str | None = None) -> Claim:
    """Price the lines by today's catalogues and compute the reimbursement under the policy of
    the insured city and scheme in force on the admission date; store it on the claim."""
    claim = under_review(claim_id, by)
    person = InsuredPerson.objects.select_related("insured_city").get(pk=claim.person_id)
    policy = policy_in_force(
        region=person.insured_city, scheme=person.scheme, on=claim.admission_date
    )
    if policy is None:
        raise ValidationError(NO_POLICY, params=_policy_params(claim, person))
    lines = repriced_lines(claim)
    if not lines:
        raise ValidationError(LINES_REQUIRED)
    inputs = _quote_inputs(claim, person)
    breakdown = reimbursement_quote(
        policy=policy,
        status=inputs["status"],
        grade=inputs["grade"],
        scope=inputs["scope"],
        pooled_paid=Decimal(inputs["pooled_paid"]),
        items=[
            ChargedItem(line.catalogue, line.code, line.quantity, line.unit_price) for line in lines
        ],
    )
    claim.calculation = calculation_record(
        policy=policy, breakdown=breakdown, inputs=inputs, at=clock.now()
    )
    claim.pooled_fund_pays = breakdown.pooled_fund_pays
    claim.save(update_fields=["calculation", "pooled_fund_pays"])
    step_record(
        case=claim,
        actor=actor_of(by),
        action=Action.CALCULATE,
        state_before=claim.state,
        opinion=str(breakdown.explanations["pooled_fund_pays"]),
        ip_address=ip_address,
    )
    return claim


@transaction.atomic
def claim_decide(
    *,
    claim_id: int,
    by: User,
    decision: str,
    reason: str = "",
    documents: list[str] | tuple = (),
    ip_address: str | None = None,
) -> Claim:
    """The reviewer approves the calculated reimbursement, returns the claim for the documents
    ticked, or refuses it. Two reviewers at once: the second is told who decided first.

    A claim of a unit's batch has no payment order of its own: the last decision on the batch
    puts its approved claims on the batch's order (the batches' ``claim_decided`` hook).
    """
    claim = _decide(claim_id, by, decision, reason.strip(), documents, ip_address)
    batches.claim_decided(claim, by=by, ip_address=ip_address)
    return claim


def _decide(claim_id, by, decision, reason, documents, ip_address) -> Claim:
    claim = under_review(claim_id, by)
    textlimits.check_lengths(reason=(reason, textlimits.REASON))
    opinion = reason
    if decision == Decision.APPROVE:
        _approve(claim)
    elif decision == Decision.RETURN:
        asked = _documents_to_add(claim, documents, reason)
        claim.send_back(documents=asked, reason=reason)
        save_state(claim, "requested_documents", "return_reason")
        labels = listed(DocumentKind(kind).label for kind in asked)
        opinion = f"{reason}\n{ASKED_FOR % {'documents': labels}}"
    elif decision == Decision.REJECT:
        if not reason:
            raise ValidationError({"reason": REASON_REQUIRED})
        claim.reject()
        save_state(claim)
    else:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    return STEPS.finish(
        claim,
        by=by,
        action=Action(decision),  # the decisions are named as the step record's actions
        before=State.SUBMITTED,
        opinion=opinion,
        ip_address=ip_address,
    )


def _approve(claim: Claim) -> None:
    """Approve the stored calculation: a payment order follows, unless the pooled fund pays
    nothing (the claim then ends) or the claim is paid with its unit's batch."""
    _check_calculation_current(claim)
    if claim.batch_id is None and not claim.pooled_fund_pays:
        claim.close()
        save_state(claim)
        return
    claim.approve()
    save_state(claim)
    if claim.batch_id is None:
        PaymentOrder.objects.create(
            claim=claim,
            amount=claim.pooled_fund_pays,
            payee=claim.payee,
            bank_name=claim.bank_name,
            bank_account=claim.bank_account,
            created_at=clock.now(),
        )


@transaction.atomic
def claim_mark_paid(
    *, claim_id: int, by: User, reference: str, ip_address: str | None = None
) -> Claim:
    """The payment order has been paid: the reviewer records its reference."""
    claim = STEPS.locked(claim_id)
    check_reviewer(claim, by)
    if claim.state != State.APPROVED:
        raise STEPS.already_handled(claim)
    if claim.batch_id is not None:
        raise ValidationError(PAID_WITH_BATCH, params={"batch": claim.batch.number})
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": REFERENCE_REQUIRED})
    claim = record_payment(claim, by=by, reference=reference, ip_address=ip_address)
    PaymentOrder.objects.filter(claim=claim).update(
        paid_at=claim.state_changed_at, reference=reference, paid_by=by
    )
    return claim


def _quote_inputs(claim: Claim, person: InsuredPerson) -> dict[str, str]:
    # The resident scheme has no employment status; its policies give employed and retired
    # people the same ratios (the demo's do), so its members are quoted as "employed".
    status = person.status or InsuredPerson.Status.EMPLOYED
    # The annual cap is per calendar year of the admission: what the pooled fund pays on the
    # person's other approved or paid claims for admissions that year is already used.
    used = pooled_fund_paid(
        person_id=person.pk, year=claim.admission_date.year, other_than=claim.pk
    )
    return {
        "status": str(status),
        "grade": claim.institution.grade,
        "scope": batches.calculation_scope(claim),
        "pooled_paid": f"{used:.2f}",
    }


def _check_calculation_current(claim: Claim) -> None:
    if claim.calculation is None:
        raise ValidationError(CALCULATION_REQUIRED)
    # Serialise approvals of one person's claims, so two cannot both spend the same cap.
    InsuredPerson.objects.select_for_update().filter(pk=claim.person_id).first()
    used = pooled_fund_paid(
        person_id=claim.person_id, year=claim.admission_date.year, other_than=claim.pk
    )
    if f"{used:.2f}" != claim.calculation["inputs"]["pooled_paid"]:
        raise ValidationError(CALCULATION_OUTDATED)


def _documents_to_add(claim: Claim, documents, reason: str) -> list[str]:
    errors = {}
    if not reason:
        errors["reason"] = REASON_REQUIRED
    allowed = documents_of_kind(claim.kind)
    asked = [kind for kind in allowed if kind in set(documents)]
    if not asked:
        errors["documents"] = DOCUMENTS_TO_ADD_REQUIRED
    if errors:
        raise ValidationError(errors)
    return asked


def _policy_params(claim: Claim, person: InsuredPerson) -> dict:
    return {
        "city": person.insured_city.name,
        "scheme": person.get_scheme_display(),
        "date": claim.admission_date.isoformat(),
    }
