"""The off-site filing form (异地就医备案表) of a filing, filled from its step records."""

from forms.documents import Attachment, OffsiteFilingForm
from forms.render import render_pdf
from workflows import clock
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.documents.selectors import documents_of
from workflows.registry import resident_id
from workflows.registry.roles import Role

from .choices import ATTACHMENTS, Step
from .models import Filing
from .selectors import current_choice

# The attachments the printed form lists (any other supporting document is not on it).
PRINTED_ATTACHMENTS = tuple(kind for kind in ATTACHMENTS if kind != "other")
DECIDING_STEPS = (Step.REVIEW, Step.CHANGE_REVIEW)


def filing_form(filing: Filing) -> OffsiteFilingForm:
    """The form's plain data as the filing stands: the applicant or agent as the last
    submission recorded them, the handling officer and the agency as the approval that put
    the institutions now in force recorded them (blank before the approval)."""
    person, insured_city, destination = filing.person, filing.insured_city, filing.destination_city
    records = list(step_records_of(filing))
    submitted = _last(records, Action.SUBMIT)
    approved = _last(records, Action.APPROVE, steps=DECIDING_STEPS)
    choice = current_choice(filing)
    by_agent = submitted is not None and submitted.actor_role == Role.UNIT_AGENT
    handed_in = set(documents_of(filing).values_list("kind", flat=True))
    return OffsiteFilingForm(
        filing_number=filing.number,
        printed_at=clock.now(),
        name=person.name,
        masked_resident_id=resident_id.mask(person.resident_id),
        insurance_number=person.insurance_number,
        scheme=person.scheme,
        insured_area=f"{insured_city.parent.name}{insured_city.name}",
        phone=filing.phone,
        category=filing.category,
        destination_province=destination.parent.name,
        destination_city=destination.name,
        residence_address=filing.residence_address,
        institutions=tuple(i.name for i in (choice.first, choice.second) if i is not None),
        starts_on=filing.start_date,
        ends_on=filing.ended_on or filing.end_date,
        attachments=tuple(Attachment(kind) for kind in PRINTED_ATTACHMENTS if kind in handed_in),
        agent_name=submitted.actor_name if by_agent else "",
        # Agents are staff users, who have no resident ID: the form names their unit instead.
        agent_unit=submitted.actor_organisation if by_agent else "",
        handling_officer=approved.signed_as if approved else "",
        handled_on=approved.at if approved else None,
        agency_name=(
            approved.actor_organisation
            if approved
            else insured_city.insurance_center_name or insured_city.name
        ),
    )


def filing_form_pdf(filing: Filing, *, language: str = "zh-hans") -> bytes:
    """The printed form: an official Chinese document unless another language is asked for."""
    return render_pdf(filing_form(filing), language=language)


def _last(records, action: str, *, steps=None):
    matching = [r for r in records if r.action == action and (steps is None or r.step in steps)]
    return matching[-1] if matching else None
