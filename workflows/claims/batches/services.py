"""The only writers of a unit's batches of off-site outpatient claims: open one, add its
claims, carry a returned claim over, submit it inside the window; the payment order that
follows the center's last decision, and its payment.

Each locks the batch row (then its claims' rows), checks who acts and records its steps, in
one transaction.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from workflows import clock, textlimits
from workflows.audit.models import Action
from workflows.audit.services import next_case_number, step_record
from workflows.casekit import save_state
from workflows.policy.selectors import policy_in_force
from workflows.registry.models import Institution, InsuredPerson, User
from workflows.registry.selectors import actor_of

from .. import permissions, rules
from ..choices import PREPARING, BatchState, Kind, State
from ..flows import ClaimFlow
from ..models import Claim
from ..services import CASE_PREFIX as CLAIM_PREFIX
from ..services import missing_for_submission
from ..steps import STEPS
from .models import ClaimBatch
from .window import window_of

CASE_PREFIX = "PC"

NOT_AN_AGENT = _("Only an agent of an employer unit submits its batch of outpatient claims.")
NOT_YOUR_BATCH = _("Only an agent of the batch's unit can do this.")
BATCH_ALREADY_OPEN = _(
    "Batch %(number)s of your unit is still being prepared: add the claims to it."
)
BATCH_NOT_OPEN = _(
    "Batch %(number)s is %(state)s: claims are added and submitted only while it is being prepared."
)
NOT_A_MEMBER = _("This person is not a member of your unit.")
NOT_RETIRED = _("%(name)s is not retired: the unit's batch is for its resettled retirees.")
INSURED_ELSEWHERE = _(
    "%(name)s is insured in %(city)s, not in %(batch_city)s: their claims go to the center "
    "of %(city)s."
)
TREATED_IN_INSURED_CITY = _(
    "%(institution)s is in the insured city: treatment there is settled at the institution, "
    "not claimed by the unit."
)
BATCH_EMPTY = _("Add at least one claim before you submit the batch.")
CLAIM_INCOMPLETE = _("Claim %(number)s (%(name)s): %(problem)s")
OUTSIDE_WINDOW = _(
    "A unit submits its batch from day %(first)s to day %(last)s of each month; today is "
    "outside that window. The next window opens on %(next)s."
)
NOT_CARRIABLE = _(
    "Only a returned off-site claim of your unit from an earlier batch can be carried into "
    "this one."
)
SUBMITTED_WITH = _("Submitted with batch %(batch)s.")
CLAIM_ADDED = _("Claim %(number)s added: %(name)s, %(institution)s.")
CLAIM_CARRIED = _("Claim %(number)s carried over from batch %(batch)s.")
CARRIED_INTO = _("Carried into batch %(batch)s, to be submitted again with it.")


@transaction.atomic
def batch_open(*, by: User, ip_address: str | None = None) -> ClaimBatch:
    """A unit agent opens the unit's next batch (one at a time is being prepared)."""
    unit = _agent_unit(by)
    current = ClaimBatch.objects.filter(unit=unit, state=BatchState.OPEN).first()
    if current is not None:
        raise ValidationError(BATCH_ALREADY_OPEN, params={"number": current.number})
    batch = ClaimBatch.objects.create(
        number=next_case_number(prefix=CASE_PREFIX, on=clock.today()),
        unit=unit,
        city_id=unit.city_id,
        opened_by=by,
        opened_at=clock.now(),
    )
    step_record(
        case=batch, actor=actor_of(by), action=Action.CREATE, state_before="", ip_address=ip_address
    )
    return batch


@transaction.atomic
def batch_add_claim(
    *,
    batch_id: int,
    by: User,
    person: InsuredPerson,
    institution: Institution,
    first_visit: datetime.date,
    last_visit: datetime.date,
    diagnosis: str,
    ip_address: str | None = None,
) -> Claim:
    """Add one retiree's outpatient claim (treatment at one institution over the month) to
    the batch; its documents are uploaded on the claim's page next."""
    batch = _open_batch(batch_id, by)
    textlimits.check_lengths(diagnosis=(diagnosis.strip(), textlimits.DIAGNOSIS))
    today = clock.today()
    _check_claimant(person, batch, institution)
    rules.check_dates(admission_date=first_visit, discharge_date=last_visit, today=today)
    claim = ClaimFlow.start.run(
        number=next_case_number(prefix=CLAIM_PREFIX, on=today),
        kind=Kind.OFFSITE_OUTPATIENT,
        person=person,
        insured_city_id=person.insured_city_id,
        unit_id=batch.unit_id,
        batch=batch,
        opened_by=by,
        institution=institution,
        diagnosis=diagnosis.strip(),
        admission_date=first_visit,
        discharge_date=last_visit,
        reported_on=today,
    )
    actor = actor_of(by)
    step_record(
        case=claim, actor=actor, action=Action.CREATE, state_before="", ip_address=ip_address
    )
    note = CLAIM_ADDED % {
        "number": claim.number,
        "name": person.name,
        "institution": institution.name,
    }
    batch_step(batch, by, Action.REVISE, note, ip_address)
    return claim


@transaction.atomic
def batch_carry_claim(
    *, batch_id: int, claim_id: int, by: User, ip_address: str | None = None
) -> Claim:
    """Move a claim the center returned from an earlier batch into this one: it is submitted
    (and paid) with this batch."""
    batch = _open_batch(batch_id, by)
    claim = STEPS.locked(claim_id)
    if not (
        claim.state == State.RETURNED
        and claim.kind == Kind.OFFSITE_OUTPATIENT
        and claim.unit_id == batch.unit_id
        and claim.batch_id != batch.pk
    ):
        raise ValidationError(NOT_CARRIABLE)
    earlier = ClaimBatch.objects.get(pk=claim.batch_id)
    claim.batch = batch
    claim.save(update_fields=["batch"])
    step_record(
        case=claim,
        actor=actor_of(by),
        action=Action.REVISE,
        state_before=claim.state,
        opinion=str(CARRIED_INTO) % {"batch": batch.number},
        ip_address=ip_address,
    )
    note = CLAIM_CARRIED % {"number": claim.number, "batch": earlier.number}
    batch_step(batch, by, Action.REVISE, note, ip_address)
    return claim


@transaction.atomic
def batch_submit(
    *,
    batch_id: int,
    by: User,
    payee: str,
    bank_name: str,
    bank_account: str,
    ip_address: str | None = None,
) -> ClaimBatch:
    """Submit every claim of the batch being prepared, inside the policy's settlement window,
    with the unit's account the payment order will pay. All the claims or none."""
    batch = _open_batch(batch_id, by)
    today = clock.today()
    _check_window(batch, today)
    # Locked as they are read: a claim withdrawn meanwhile no longer matches and is left out.
    claims = list(
        Claim.objects.select_for_update(of=("self", "process_ptr"))
        .filter(batch=batch, state__in=PREPARING)
        .order_by("pk")
    )
    errors = {}
    try:
        details = rules.payment_details(payee=payee, bank_name=bank_name, bank_account=bank_account)
    except ValidationError as error:
        errors.update(error.error_dict)
    problems = _incomplete(claims) if claims else [ValidationError(BATCH_EMPTY)]
    if problems:
        errors["__all__"] = problems
    if errors:
        raise ValidationError(errors)
    for claim in claims:
        claim.payee, claim.bank_name, claim.bank_account = details
        before = claim.state
        claim.submit()
        save_state(claim, "payee", "bank_name", "bank_account")
        note = str(SUBMITTED_WITH) % {"batch": batch.number}
        STEPS.finish(
            claim, by=by, action=Action.SUBMIT, before=before, opinion=note, ip_address=ip_address
        )
    batch.payee, batch.bank_name, batch.bank_account = details
    batch.submit(on=today)
    save_state(batch, "payee", "bank_name", "bank_account", "submitted_on")
    return batch_step(batch, by, Action.SUBMIT, "", ip_address, before=BatchState.OPEN)


def _agent_unit(by: User):
    unit = permissions.batch_unit_of(user=by)
    if unit is None:
        raise PermissionDenied(NOT_AN_AGENT)
    return unit


def _open_batch(batch_id: int, by: User) -> ClaimBatch:
    """The batch, locked, if ``by`` is an agent of its unit and it is being prepared."""
    batch = ClaimBatch.objects.select_for_update().get(pk=batch_id)
    if _agent_unit(by).pk != batch.unit_id:
        raise PermissionDenied(NOT_YOUR_BATCH)
    if batch.state != BatchState.OPEN:
        raise ValidationError(
            BATCH_NOT_OPEN, params={"number": batch.number, "state": BatchState(batch.state).label}
        )
    return batch


def _check_claimant(person: InsuredPerson, batch: ClaimBatch, institution: Institution) -> None:
    """A retiree of the batch's unit, insured in its city, treated at a hospital elsewhere."""
    if person.unit_id != batch.unit_id:
        raise ValidationError({"person": NOT_A_MEMBER})
    params = {
        "name": person.name,
        "city": person.insured_city.name,
        "batch_city": batch.city.name,
        "institution": institution.name,
    }
    errors = {}
    if person.status != InsuredPerson.Status.RETIRED:
        errors["person"] = [ValidationError(NOT_RETIRED, params=params)]
    elif person.insured_city_id != batch.city_id:
        errors["person"] = [ValidationError(INSURED_ELSEWHERE, params=params)]
    if institution.kind != Institution.Kind.HOSPITAL:
        errors["institution"] = [ValidationError(rules.NOT_A_HOSPITAL, params=params)]
    elif institution.city_id == person.insured_city_id:
        errors["institution"] = [ValidationError(TREATED_IN_INSURED_CITY, params=params)]
    if errors:
        raise ValidationError(errors)


def _check_window(batch: ClaimBatch, today: datetime.date) -> None:
    policy = policy_in_force(region=batch.city, scheme=InsuredPerson.Scheme.EMPLOYEE, on=today)
    window = window_of(policy.terms if policy else None)
    if not window.is_open_on(today):
        raise ValidationError(
            OUTSIDE_WINDOW,
            code="outside_window",
            params={
                "first": window.first_day,
                "last": window.last_day,
                "next": formats.date_format(window.next_opening(today)),
            },
        )


def _incomplete(claims: list[Claim]) -> list[ValidationError]:
    """Each claim's missing documents, named by claim."""
    problems = []
    for claim in claims:
        for problem in missing_for_submission(claim):
            for message in problem.messages:
                params = {"number": claim.number, "name": claim.person.name, "problem": message}
                problems.append(ValidationError(CLAIM_INCOMPLETE, params=params))
    return problems


def batch_step(batch, by, action, opinion, ip_address, *, before: str | None = None):
    step_record(
        case=batch,
        actor=actor_of(by),
        action=action,
        state_before=batch.state if before is None else before,
        opinion=str(opinion),
        ip_address=ip_address,
    )
    return batch
