"""The reimbursement statement (医疗费用报销结算单) of an approved claim, as stored."""

from forms.documents import CalculationStep, ExpenseLine, ReimbursementStatement
from forms.render import render_pdf
from workflows import clock
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.registry import resident_id

from .models import Claim, PaymentOrder
from .selectors import lines_of
from .stored_calculation import OFFICIAL_LANGUAGE, calculated_steps, policy_period

# The catalogue classes as the printed statement groups them.
EXPENSE_CLASS = {"A": "class_a", "B": "class_b", "out": "out_of_list"}


def statement(claim: Claim, *, language: str = OFFICIAL_LANGUAGE) -> ReimbursementStatement:
    """The statement's plain data: the approved calculation, its lines and who approved it."""
    person, institution, calculation = claim.person, claim.institution, claim.calculation
    approval = step_records_of(claim).filter(action=Action.APPROVE).last()
    order = payment_order_of(claim)
    starts, ends = policy_period(calculation)
    return ReimbursementStatement(
        claim_number=claim.number,
        printed_at=clock.now(),
        name=person.name,
        sex=person.sex,
        insurance_number=person.insurance_number,
        masked_resident_id=resident_id.mask(person.resident_id),
        scheme=person.scheme,
        employment_status=person.status,
        claim_kind=claim.kind,
        institution_name=institution.name,
        institution_grade=institution.grade,
        admitted_on=claim.admission_date,
        discharged_on=claim.discharge_date,
        lines=[
            ExpenseLine(
                code=line.code,
                name=line.name,
                expense_class=EXPENSE_CLASS[line.catalogue_class],
                quantity=line.quantity,
                unit_price=line.unit_price,
                amount=line.amount,
                over_limit=line.over_limit,
            )
            for line in lines_of(claim)
        ],
        steps=[
            CalculationStep(step.kind, step.amount, step.explanation)
            for step in calculated_steps(calculation, language=language)
        ],
        policy_region=calculation["policy"]["region"],
        policy_scheme=calculation["policy"]["scheme"],
        policy_effective_from=starts,
        policy_effective_to=ends,
        reviewer_name=approval.signed_as if approval else "",
        reviewed_on=approval.at if approval else None,
        payee=order.payee if order else "",
        payment_reference=order.reference if order else "",
    )


def payment_order_of(claim: Claim) -> PaymentOrder | None:
    """The order that pays ``claim``: its own, or its unit's batch's."""
    if claim.batch_id is None:
        return PaymentOrder.objects.filter(claim=claim).first()
    return PaymentOrder.objects.filter(batch_id=claim.batch_id, lines__claim=claim).first()


def statement_pdf(claim: Claim, *, language: str = OFFICIAL_LANGUAGE) -> bytes:
    """The printed statement: an official Chinese document unless another language is asked."""
    return render_pdf(statement(claim, language=language), language=language)
