"""The only writers of claims, the claimant's side: open, add documents, submit, withdraw.

Each locks the claim row, checks who acts, fires at most one transition, writes one step
record and moves the flow on, in one transaction (uploads write their file just before it).
"""

import datetime
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
from workflows.policy.selectors import policy_in_force
from workflows.referrals.selectors import referral_locked
from workflows.registry.models import Institution, InsuredPerson, User
from workflows.registry.selectors import actor_of

from . import permissions, rules
from .choices import (
    OPTIONAL_DOCUMENTS,
    REQUIRED_DOCUMENTS,
    SINGLE_KINDS,
    Kind,
    State,
    documents_of_kind,
)
from .flows import ClaimFlow
from .models import Claim
from .selectors import live_claim_on
from .steps import STEPS

CASE_PREFIX = "BX"

NOT_YOURS_TO_OPEN = _(
    "You can open a claim for yourself, or as an employer unit's agent for its own people."
)
NOT_YOUR_CLAIM = _("Only the claimant or their employer unit's agent can do this.")
NOT_BEING_PREPARED = _(
    "This claim is %(state)s: documents and details change only while it is being prepared "
    "or has been returned for supplements."
)
INSTITUTION_REQUIRED = _("Choose the hospital where the emergency was treated.")
DOCUMENTS_MISSING = _("Upload these before you submit: %(missing)s.")
SUPPLEMENTS_MISSING = _(
    "The reviewer asked for %(missing)s again: add a file, or a new version of a file, to each "
    "before you submit again."
)
WITHDRAW_REASON_REQUIRED = _("Write why you withdraw the claim.")
NOT_CORRECTED_HERE = _(
    "A claim of a unit's batch is corrected by withdrawing it from the batch and adding it again."
)
OPENED_IN_A_BATCH = _("An off-site outpatient claim is added to its employer unit's batch.")
SUBMITTED_WITH_BATCH = _(
    "This claim is submitted with its unit's batch %(batch)s, inside the settlement window: "
    "submit the batch."
)


@transaction.atomic
def claim_open(
    *,
    by: User,
    person: InsuredPerson,
    kind: str,
    admission_date: datetime.date,
    discharge_date: datetime.date,
    diagnosis: str,
    institution: Institution | None = None,
    referral=None,
    ip_address: str | None = None,
) -> Claim:
    """The claimant or their unit's agent opens a claim; documents are uploaded next."""
    if not permissions.may_open_for(user=by, person=person):
        raise PermissionDenied(NOT_YOURS_TO_OPEN)
    if kind not in SINGLE_KINDS:
        raise ValidationError({"kind": OPENED_IN_A_BATCH})
    textlimits.check_lengths(diagnosis=(diagnosis.strip(), textlimits.DIAGNOSIS))
    today = clock.today()
    rules.check_dates(admission_date=admission_date, discharge_date=discharge_date, today=today)
    values = {
        "kind": kind,
        "person": person,
        "insured_city_id": person.insured_city_id,
        "unit_id": person.unit_id,
        "opened_by": by,
        "diagnosis": diagnosis.strip(),
        "admission_date": admission_date,
        "discharge_date": discharge_date,
        "reported_on": today,
    }
    if Kind(kind) == Kind.REFERRAL:
        values.update(_referral_fields(referral, person=person, today=today))
    else:
        values.update(_emergency_fields(institution, referral, person, admission_date))
    values["number"] = next_case_number(prefix=CASE_PREFIX, on=today)
    claim = ClaimFlow.start.run(**values)
    step_record(
        case=claim, actor=actor_of(by), action=Action.CREATE, state_before="", ip_address=ip_address
    )
    return claim


@transaction.atomic
def claim_revise(
    *,
    claim_id: int,
    by: User,
    admission_date: datetime.date,
    discharge_date: datetime.date,
    diagnosis: str,
    institution: Institution | None = None,
    ip_address: str | None = None,
) -> Claim:
    """The claimant or their unit's agent corrects a claim being prepared or returned: the
    dates, the diagnosis and (emergencies) the hospital. The kind, the person and the followed
    referral stay: a claim for something else is a new claim. A calculation the reviewer made
    earlier is dropped when anything changes, since it was made from the old facts."""
    claim = STEPS.locked(claim_id)
    _check_preparer(claim, by)
    if claim.kind not in SINGLE_KINDS:
        raise ValidationError(NOT_CORRECTED_HERE)
    textlimits.check_lengths(diagnosis=(diagnosis.strip(), textlimits.DIAGNOSIS))
    rules.check_dates(
        admission_date=admission_date, discharge_date=discharge_date, today=clock.today()
    )
    values = {
        "admission_date": admission_date,
        "discharge_date": discharge_date,
        "diagnosis": diagnosis.strip(),
    }
    if Kind(claim.kind) == Kind.EMERGENCY:
        values.update(_emergency_fields(institution, None, claim.person, admission_date))
        values["institution_id"] = values.pop("institution").pk
    changed = [name for name, value in values.items() if getattr(claim, name) != value]
    if not changed:
        return claim
    for name in changed:
        setattr(claim, name, values[name])
    if claim.calculation is not None:
        claim.calculation = None
        changed.append("calculation")
    claim.save(update_fields=changed)
    labels = [Claim._meta.get_field(name.removesuffix("_id")).verbose_name for name in changed]
    record_revision(claim, by=by, changed=labels, ip_address=ip_address)
    return claim


def claim_add_documents(
    *,
    claim_id: int,
    kind: str,
    uploads: Sequence[UploadedFile],
    by: User,
    replaces: int | None = None,
    ip_address: str | None = None,
) -> list[Document]:
    """The claimant adds files to one checklist item, or a new version of one of its files
    (``document_upload``)."""
    return document_upload(
        model=Claim,
        case_id=claim_id,
        locked=STEPS.locked,
        check=lambda claim: _check_preparer(claim, by),
        kinds_of=lambda claim: documents_of_kind(claim.kind),
        kind=kind,
        uploads=uploads,
        by=by,
        replaces=replaces,
        ip_address=ip_address,
    )


@transaction.atomic
def claim_submit(
    *,
    claim_id: int,
    by: User,
    payee: str,
    bank_name: str,
    bank_account: str,
    ip_address: str | None = None,
) -> Claim:
    """Send the claim (again) to the center, with the account its payment goes to."""
    claim = STEPS.locked(claim_id)
    _check_preparer(claim, by)
    if claim.batch_id is not None:
        number = claim.batch.number
        raise ValidationError(SUBMITTED_WITH_BATCH, params={"batch": number})
    errors = {}
    try:
        details = rules.payment_details(payee=payee, bank_name=bank_name, bank_account=bank_account)
    except ValidationError as error:
        errors.update(error.error_dict)
    missing = missing_for_submission(claim)
    if missing:
        errors["__all__"] = missing
    if errors:
        raise ValidationError(errors)
    claim.payee, claim.bank_name, claim.bank_account = details
    before = claim.state
    claim.submit()
    save_state(claim, "payee", "bank_name", "bank_account")
    return STEPS.finish(
        claim, by=by, action=Action.SUBMIT, before=before, opinion="", ip_address=ip_address
    )


@transaction.atomic
def claim_withdraw(*, claim_id: int, by: User, reason: str, ip_address: str | None = None) -> Claim:
    """The claimant gives the claim up before the center has it."""
    claim = STEPS.locked(claim_id)
    _check_preparer(claim, by)
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON_REQUIRED})
    textlimits.check_lengths(reason=(reason.strip(), textlimits.REASON))
    before = claim.state
    claim.withdraw()
    save_state(claim)
    return STEPS.finish(
        claim,
        by=by,
        action=Action.WITHDRAW,
        before=before,
        opinion=reason.strip(),
        ip_address=ip_address,
    )


def missing_for_submission(claim: Claim) -> list[ValidationError]:
    """Why ``claim`` cannot be submitted yet: required documents without any file, and after a
    return, asked-for documents to which no file or version of a file was added since."""
    items = claim_checklist(claim)
    problems = []
    missing = [str(item.kind.label) for item in items if item.missing]
    if missing:
        problems.append(ValidationError(DOCUMENTS_MISSING, params={"missing": listed(missing)}))
    if claim.state == State.RETURNED:
        returned_at = claim.state_changed_at
        stale = [
            str(item.kind.label)
            for item in items
            if item.kind in claim.requested_documents and not item.added_to_since(returned_at)
        ]
        if stale:
            problems.append(ValidationError(SUPPLEMENTS_MISSING, params={"missing": listed(stale)}))
    return problems


def claim_checklist(claim: Claim):
    return checklist(
        claim, required=REQUIRED_DOCUMENTS[Kind(claim.kind)], optional=OPTIONAL_DOCUMENTS
    )


def _check_preparer(claim: Claim, by: User) -> None:
    if not permissions.may_prepare(user=by, case=claim):
        raise PermissionDenied(NOT_YOUR_CLAIM)
    if not claim.is_preparing:
        raise ValidationError(
            NOT_BEING_PREPARED,
            code=ALREADY_HANDLED_CODE,
            params={"state": State(claim.state).label},
        )


def _referral_fields(referral, *, person, today) -> dict:
    if referral is None:
        raise ValidationError({"referral": rules.REFERRAL_REQUIRED})
    referral = referral_locked(referral.pk)
    other = live_claim_on(referral)
    rules.check_referral(
        referral, person=person, today=today, claimed_by=other.number if other else ""
    )
    return {"followed_referral": referral, "institution_id": referral.target_institution_id}


def _emergency_fields(institution, referral, person, admission_date) -> dict:
    if referral is not None:
        raise ValidationError({"referral": rules.REFERRAL_NOT_FOR_EMERGENCY})
    if institution is None:
        raise ValidationError({"institution": INSTITUTION_REQUIRED})
    rules.check_emergency_institution(institution, insured_city_id=person.insured_city_id)
    policy = policy_in_force(region=person.insured_city, scheme=person.scheme, on=admission_date)
    return {
        "institution": institution,
        "report_deadline": rules.report_deadline(admission_date, policy),
    }
