"""The referral approval form (转诊转院审批表) of a referral, filled from its step records."""

from django.utils import formats, translation
from django.utils.translation import gettext as _

from forms.documents import ReferralApprovalForm, Signature
from forms.render import render_pdf
from workflows import clock
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.registry import resident_id

from .choices import CHAIN, State, Step
from .models import Referral

SIGNING_ACTIONS = (Action.PROPOSE, Action.APPROVE, Action.SIGN, Action.REJECT)


def signatures(records) -> dict[Step, object]:
    """Each step's current signature: the record of its last decision still standing.

    A return sends the case back one step, so the signature of the step it returns to (and
    of every later step) no longer stands: that signer will sign again.
    """
    standing: dict[Step, object] = {}
    for record in records:
        if record.step not in Step.values:
            continue
        step = Step(record.step)
        if record.action in SIGNING_ACTIONS:
            standing[step] = record
        elif record.action == Action.RETURN:
            back_to = CHAIN.index(step) - 1
            for later in CHAIN[back_to:]:
                standing.pop(later, None)
    return standing


def approval_form(referral: Referral) -> ReferralApprovalForm:
    """The form's plain data, as it stands now: unsigned blocks print empty."""
    person, institution = referral.person, referral.institution
    standing = signatures(step_records_of(referral))

    def block(step: Step) -> Signature | None:
        record = standing.get(step)
        if record is None:
            return None
        return Signature(name=record.signed_as, opinion=record.opinion, signed_on=record.at)

    return ReferralApprovalForm(
        case_number=referral.number,
        printed_at=clock.now(),
        status=status_line(referral),
        name=person.name,
        sex=person.sex,
        age=person.age_on(referral.admission_date),
        unit_or_address=person.unit.name if person.unit_id else person.address,
        insurance_number=person.insurance_number,
        masked_resident_id=resident_id.mask(person.resident_id),
        diagnosis=referral.diagnosis,
        current_institution=institution.name,
        current_department=referral.department.name,
        admitted_on=referral.admission_date,
        transfer_on=referral.transfer_date,
        target_institution=referral.target_institution.name,
        target_department=referral.target_department.name,
        scope=referral.scope,
        reason=referral.reason,
        case_summary=referral.case_summary,
        outside_province_statement=referral.outside_province_statement,
        insurance_office_name=institution.insurance_office_name or institution.name,
        center_name=referral.insured_city.insurance_center_name or referral.insured_city.name,
        attending_physician=block(Step.PROPOSE),
        department_director=block(Step.DIRECTOR_REVIEW),
        insurance_office=block(Step.OFFICE_REVIEW),
        dean=block(Step.DEAN_SIGN),
        center=block(Step.CENTER_APPROVE),
    )


def status_line(referral: Referral) -> str:
    """Where the referral stands, as printed on the form (in the active language)."""
    label = State(referral.state).label
    if referral.state == State.APPROVED:
        return _("%(state)s, valid until %(date)s") % {
            "state": label,
            "date": formats.date_format(referral.valid_until),
        }
    if referral.state == State.USED:
        return _("%(state)s on %(date)s") % {
            "state": label,
            "date": formats.date_format(referral.transferred_on),
        }
    return str(label)


def approval_form_pdf(referral: Referral, *, language: str = "zh-hans") -> bytes:
    """The printed form: an official Chinese document unless another language is asked for."""
    with translation.override(language):
        document = approval_form(referral)
    return render_pdf(document, language=language)
