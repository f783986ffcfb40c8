"""The only writers of filings, the applicant's side: open, correct, add attachments, submit,
ask for a change of institutions, withdraw.

Each locks the filing row, checks who acts, fires at most one transition, writes one step
record and moves the flow on, in one transaction (uploads write their file just before it).
"""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from workflows import clock, textlimits
from workflows.audit.models import Action
from workflows.audit.services import next_case_number, step_record
from workflows.casekit import ALREADY_HANDLED_CODE, listed, record_revision, save_state
from workflows.documents.models import Document
from workflows.documents.selectors import checklist
from workflows.documents.services import document_upload
from workflows.registry.models import InsuredPerson, User
from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of

from . import permissions
from .choices import ATTACHMENTS, WITHDRAWABLE, ChoiceState, State, optional_attachments
from .choices import required_attachments as required_kinds
from .declared import FilingDetails, check_rules, checked_details, locked_person, pair
from .flows import FilingFlow
from .models import Filing, InstitutionChoice
from .selectors import current_choice
from .steps import STEPS, check_applicant

CASE_PREFIX = "YD"

NOT_YOURS_TO_FILE = _(
    "An employer unit's agent files for the unit's people; an insured person files for "
    "themself only where their unit no longer exists."
)
UNIT_FILES_FOR_YOU = _(
    "Your employer unit files for you: ask its agent. You may file for yourself only when "
    "your unit no longer exists."
)
NOT_BEING_PREPARED = _(
    "This filing is %(state)s: it changes only while it is being prepared or has been "
    "returned for correction."
)
ATTACHMENTS_MISSING = _("Upload these before you submit: %(missing)s.")
WITHDRAW_REASON_REQUIRED = _("Write why the filing is withdrawn.")
CANNOT_WITHDRAW = _("This filing is %(state)s: it can no longer be withdrawn.")
CHANGE_PENDING = _(
    "A change of institutions awaits the center's review: withdraw the filing once it is decided."
)


@transaction.atomic
def filing_open(
    *, by: User, person: InsuredPerson, details: FilingDetails, ip_address: str | None = None
) -> Filing:
    """The unit's agent (or the person without a unit) opens a filing; attachments come next."""
    if not permissions.may_file_for(user=by, person=person):
        raise PermissionDenied(NOT_YOURS_TO_FILE)
    actor = actor_of(by)
    unit = actor.profile.unit if actor.role == Role.UNIT_AGENT else None
    if unit is None and not permissions.files_for_themself(person):
        raise PermissionDenied(UNIT_FILES_FOR_YOU)
    person = locked_person(person)
    values = checked_details(person, unit, details)
    values["number"] = next_case_number(prefix=CASE_PREFIX, on=clock.today())
    filing = FilingFlow.start.run(
        person=person, insured_city_id=person.insured_city_id, unit=unit, opened_by=by, **values
    )
    first, second = pair(details.institutions)
    InstitutionChoice.objects.create(
        filing=filing, version=1, first=first, second=second, proposed_at=clock.now()
    )
    step_record(
        case=filing, actor=actor, action=Action.CREATE, state_before="", ip_address=ip_address
    )
    return filing


@transaction.atomic
def filing_revise(
    *, filing_id: int, by: User, details: FilingDetails, ip_address: str | None = None
) -> Filing:
    """The applicant corrects a filing being prepared or returned (the institutions too)."""
    filing = _being_prepared(filing_id, by)
    person = locked_person(filing.person)
    values = checked_details(person, filing.unit, details, other_than=filing.pk)
    changed = [
        str(Filing._meta.get_field(name).verbose_name)
        for name, value in values.items()
        if getattr(filing, name) != value
    ]
    first, second = pair(details.institutions)
    proposed = InstitutionChoice.objects.filter(filing=filing, state=ChoiceState.PROPOSED)
    if proposed.exclude(first=first, second=second).exists():
        changed.append(str(_("designated institutions")))
        proposed.update(first=first, second=second)
    for name, value in values.items():
        setattr(filing, name, value)
    filing.save(update_fields=list(values))
    if changed:
        record_revision(filing, by=by, changed=changed, ip_address=ip_address)
    return filing


def filing_add_documents(
    *,
    filing_id: int,
    kind: str,
    uploads: Sequence[UploadedFile],
    by: User,
    replaces: int | None = None,
    ip_address: str | None = None,
) -> list[Document]:
    """The applicant adds files to one attachment, or a new version of one of its files
    (``documents.services.document_upload``)."""
    return document_upload(
        model=Filing,
        case_id=filing_id,
        locked=STEPS.locked,
        check=lambda filing: _check_preparing(filing, by),
        kinds_of=lambda _filing: ATTACHMENTS,
        kind=kind,
        uploads=uploads,
        by=by,
        replaces=replaces,
        ip_address=ip_address,
    )


@transaction.atomic
def filing_submit(*, filing_id: int, by: User, ip_address: str | None = None) -> Filing:
    """Send the filing (again) to the center, once its attachments are there and its rules
    still hold (an institution may have lost its designation, another filing come first)."""
    filing = _being_prepared(filing_id, by)
    person = locked_person(filing.person)
    errors = {}
    missing = [str(item.kind.label) for item in attachment_checklist(filing) if item.missing]
    if missing:
        errors["__all__"] = [
            ValidationError(ATTACHMENTS_MISSING, params={"missing": listed(missing)})
        ]
    choice = current_choice(filing)
    declared = FilingDetails(
        category=filing.category,
        destination_city=filing.destination_city,
        residence_address=filing.residence_address,
        institutions=[choice.first, *([choice.second] if choice.second else [])],
        start_date=filing.start_date,
        end_date=filing.end_date,
        phone=filing.phone,
    )
    try:
        check_rules(person, filing.unit, declared, filing.end_date, other_than=filing.pk)
    except ValidationError as error:
        error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    before = filing.state
    filing.submit()
    save_state(filing)
    return STEPS.finish(
        filing, by=by, action=Action.SUBMIT, before=before, opinion="", ip_address=ip_address
    )


@transaction.atomic
def filing_withdraw(
    *, filing_id: int, by: User, reason: str, ip_address: str | None = None
) -> Filing:
    """The applicant gives the filing up: before the center decides, or while it is in force
    (it stays in force until the end of today)."""
    filing = STEPS.locked(filing_id)
    check_applicant(filing, by)
    if filing.state == State.CHANGE_REQUESTED:
        raise ValidationError(CHANGE_PENDING)
    if filing.state not in WITHDRAWABLE:
        raise ValidationError(
            CANNOT_WITHDRAW, code=ALREADY_HANDLED_CODE, params={"state": State(filing.state).label}
        )
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON_REQUIRED})
    textlimits.check_lengths(reason=(reason.strip(), textlimits.REASON))
    before = filing.state
    filing.withdraw(on=clock.today())
    save_state(filing, "ended_on")
    return STEPS.finish(
        filing,
        by=by,
        action=Action.WITHDRAW,
        before=before,
        opinion=reason.strip(),
        ip_address=ip_address,
    )


def attachment_checklist(filing: Filing):
    return checklist(
        filing,
        required=required_kinds(filing.category, by_unit=filing.by_unit),
        optional=optional_attachments(filing.category, by_unit=filing.by_unit),
    )


def names(institutions) -> str:
    return listed(institution.name for institution in institutions)


def _being_prepared(filing_id: int, by: User) -> Filing:
    filing = STEPS.locked(filing_id)
    _check_preparing(filing, by)
    return filing


def _check_preparing(filing: Filing, by: User) -> None:
    check_applicant(filing, by)
    if not filing.is_preparing:
        raise ValidationError(
            NOT_BEING_PREPARED,
            code=ALREADY_HANDLED_CODE,
            params={"state": State(filing.state).label},
        )
