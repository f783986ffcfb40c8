"""The only writers of referrals: permission, transition, step record and flow, atomically."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process, Task

from workflows import clock, textlimits
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.audit.services import next_case_number, step_record
from workflows.casekit import CaseSteps, listed, save_state
from workflows.claiming import Claiming, check_not_held_by_other
from workflows.policy.selectors import policy_in_force
from workflows.registry.models import InsuredPerson, User
from workflows.registry.selectors import actor_of

from . import permissions
from .choices import SIGNING_STEPS, STATE_OF_STEP, STEP_OF_STATE, Decision, State, Step
from .flows import ReferralFlow
from .models import Referral
from .rules import broken_rules

CASE_PREFIX = "ZZ"
DEFAULT_VALIDITY_DAYS = 30

NOT_A_PHYSICIAN = _("Only an attending physician can open a referral.")
NOT_YOUR_STEP = _(
    "This step is not yours to take: it belongs to the %(role)s of this case's department, "
    "hospital or city."
)
ALREADY_HANDLED = _(
    "This step has already been handled (%(action)s by %(name)s, %(time)s). Nothing was changed."
)
OPINION_REQUIRED = _("Write your opinion before you decide.")
REASON_REQUIRED = _("Write the reason: the previous signer needs to know what to change.")
REJECT_REASON_REQUIRED = _("Write the reason for refusing the referral.")
ONLY_DRAFTS_CHANGE = _("Only a referral that is with the attending physician can be changed.")
NOT_YOUR_REFERRAL = _("Only the physician who proposed this referral can do this.")
CANNOT_WITHDRAW = _("This referral can no longer be withdrawn: the center has decided on it.")
CANNOT_RECORD_TRANSFER = _(
    "Only the proposing department or the hospital's insurance office records the transfer."
)
NOT_VALID_FOR_TRANSFER = _("This referral is not approved for transfer (it is %(state)s).")
TRANSFER_OUTSIDE_VALIDITY = _(
    "The transfer date must fall between the approval (%(approved)s) and the end of its "
    "validity (%(until)s)."
)
UNKNOWN_DECISION = _("Choose approve, return or refuse.")

STEPS = CaseSteps(
    model=Referral,
    flow_class=ReferralFlow,
    step_of_state=STEP_OF_STATE,
    already_handled=ALREADY_HANDLED,
)

# The center's approval is taken by one of the city's reviewers (workflows/claiming.py).
CLAIMING = Claiming(
    slug="referrals",
    steps=STEPS,
    states=(STATE_OF_STEP[Step.CENTER_APPROVE],),
    may_act=permissions.may_decide,
    visible=permissions.visible,
)

CASE_FIELDS = (
    "diagnosis",
    "admission_date",
    "transfer_date",
    "target_institution",
    "target_department",
    "scope",
    "reason",
    "case_summary",
    "outside_province_statement",
)


@transaction.atomic
def referral_open(
    *,
    by: User,
    person: InsuredPerson,
    propose: bool = False,
    opinion: str = "",
    ip_address: str | None = None,
    **fields,
) -> Referral:
    """An attending physician opens a referral in their department (and proposes it at once)."""
    if not permissions.may_open(user=by):
        raise PermissionDenied(NOT_A_PHYSICIAN)
    actor = actor_of(by)
    values = {name: fields[name] for name in CASE_FIELDS if name in fields}
    values.update(
        person=person,
        insured_city=person.insured_city,
        proposed_by=by,
        institution=actor.institution,
        department=actor.department,
        number=next_case_number(prefix=CASE_PREFIX, on=clock.today()),
    )
    _validate(Referral(**values))
    referral = ReferralFlow.start.run(**values)
    step_record(
        case=referral, actor=actor, action=Action.CREATE, state_before="", ip_address=ip_address
    )
    if propose:
        referral = referral_propose(
            referral_id=referral.pk, by=by, opinion=opinion, ip_address=ip_address
        )
    return referral


@transaction.atomic
def referral_revise(
    *,
    referral_id: int,
    by: User,
    propose: bool = False,
    opinion: str = "",
    ip_address: str | None = None,
    **fields,
) -> Referral:
    """The proposing physician changes a referral that is with them (a draft or returned),
    and proposes it at once if asked: the correction and the proposal stand or fall together."""
    referral = STEPS.locked(referral_id)
    if referral.state != State.DRAFT:
        raise ValidationError(ONLY_DRAFTS_CHANGE)
    if not permissions.may_act(user=by, case=referral, step=Step.PROPOSE):
        raise PermissionDenied(NOT_YOUR_REFERRAL)
    changed = [
        str(Referral._meta.get_field(name).verbose_name)
        for name in CASE_FIELDS
        if name in fields and getattr(referral, name) != fields[name]
    ]
    for name in CASE_FIELDS:
        if name in fields:
            setattr(referral, name, fields[name])
    _validate(referral)
    referral.save(update_fields=CASE_FIELDS)
    if changed:
        step_record(
            case=referral,
            actor=actor_of(by),
            action=Action.REVISE,
            state_before=State.DRAFT,
            step=Step.PROPOSE,
            opinion=listed(changed),
            ip_address=ip_address,
        )
    if propose:
        referral = referral_propose(
            referral_id=referral.pk, by=by, opinion=opinion, ip_address=ip_address
        )
    return referral


@transaction.atomic
def referral_propose(
    *, referral_id: int, by: User, opinion: str = "", ip_address: str | None = None
) -> Referral:
    """The attending physician sends the referral to the department director. A referral
    the physician may not see is one that does not exist (Referral.DoesNotExist)."""
    referral = STEPS.locked(referral_id, within=permissions.visible(user=by))
    task = _task_to_act_on(referral, Step.PROPOSE, by)
    textlimits.check_lengths(opinion=(opinion.strip(), textlimits.OPINION))
    problems = broken_rules(referral)
    if problems:
        raise ValidationError(problems)
    referral.propose()
    save_state(referral)
    return STEPS.finish(
        referral,
        by=by,
        action=Action.PROPOSE,
        before=State.DRAFT,
        opinion=opinion,
        ip_address=ip_address,
        task=task,
    )


@transaction.atomic
def referral_decide(
    *,
    referral_id: int,
    by: User,
    step: str,
    decision: str,
    opinion: str,
    ip_address: str | None = None,
) -> Referral:
    """Director, office, dean or center approves, returns or refuses ``step``, the signature
    the referral waits for and theirs. If it waits for another step by now, someone took this
    one meanwhile: the signer is told who and when. A referral the signer may not see is one
    that does not exist (Referral.DoesNotExist): nothing of it is told."""
    referral = STEPS.locked(referral_id, within=permissions.visible(user=by))
    if step not in SIGNING_STEPS:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    task = _task_to_act_on(referral, Step(step), by)
    opinion = opinion.strip()
    textlimits.check_lengths(opinion=(opinion, textlimits.OPINION))
    before = referral.state
    if decision == Decision.APPROVE:
        if not opinion:
            raise ValidationError({"opinion": OPINION_REQUIRED})
        if step == Step.CENTER_APPROVE:
            referral.grant(
                valid_until=clock.today() + datetime.timedelta(days=validity_days(referral))
            )
        else:
            referral.approve()
        action = Action.SIGN if step == Step.DEAN_SIGN else Action.APPROVE
    elif decision == Decision.RETURN:
        if not opinion:
            raise ValidationError({"opinion": REASON_REQUIRED})
        referral.send_back()
        action = Action.RETURN
    elif decision == Decision.REJECT:
        if not opinion:
            raise ValidationError({"opinion": REJECT_REASON_REQUIRED})
        referral.reject()
        action = Action.REJECT
    else:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    save_state(referral, "valid_until")
    return STEPS.finish(
        referral,
        by=by,
        action=action,
        before=before,
        opinion=opinion,
        ip_address=ip_address,
        task=task,
    )


@transaction.atomic
def referral_withdraw(
    *, referral_id: int, by: User, reason: str, ip_address: str | None = None
) -> Referral:
    """The proposing physician takes the referral back before the center has decided."""
    referral = STEPS.locked(referral_id)
    if not referral.is_pending:
        raise ValidationError(CANNOT_WITHDRAW)
    if not permissions.may_withdraw(user=by, case=referral):
        raise PermissionDenied(NOT_YOUR_REFERRAL)
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    textlimits.check_lengths(reason=(reason.strip(), textlimits.REASON))
    before = referral.state
    referral.withdraw()
    save_state(referral)
    step_record(
        case=referral,
        actor=actor_of(by),
        action=Action.WITHDRAW,
        state_before=before,
        opinion=reason.strip(),
        ip_address=ip_address,
    )
    ReferralFlow.instance.cancel(referral)
    return referral


@transaction.atomic
def referral_record_transfer(
    *,
    referral_id: int,
    by: User,
    transferred_on: datetime.date,
    ip_address: str | None = None,
) -> Referral:
    """The patient has moved: the approval is used and cannot be used again."""
    referral = STEPS.locked(referral_id)
    if referral.state != State.APPROVED:
        raise ValidationError(NOT_VALID_FOR_TRANSFER, params={"state": State(referral.state).label})
    if not permissions.may_record_transfer(user=by, case=referral):
        raise PermissionDenied(CANNOT_RECORD_TRANSFER)
    approved_on = _approval_date(referral)
    if not approved_on <= transferred_on <= referral.valid_until:
        raise ValidationError(
            {
                "transferred_on": ValidationError(
                    TRANSFER_OUTSIDE_VALIDITY,
                    params={
                        "approved": formats.date_format(approved_on),
                        "until": formats.date_format(referral.valid_until),
                    },
                )
            }
        )
    referral.mark_used(transferred_on=transferred_on)
    save_state(referral, "transferred_on")
    step_record(
        case=referral,
        actor=actor_of(by),
        action=Action.USE,
        state_before=State.APPROVED,
        opinion=transferred_on.isoformat(),
        ip_address=ip_address,
    )
    task = STEPS.open_task(referral, "await_transfer")
    activation = task.flow_task.activation_class(task)
    activation.run(None)
    activation.execute()
    return referral


def validity_days(referral: Referral) -> int:
    """Days an approval stays valid: the insured city's policy in force for the person's
    scheme, or 30 days where the city has no policy loaded."""
    policy = policy_in_force(
        region=referral.insured_city, scheme=referral.person.scheme, on=clock.today()
    )
    return policy.terms.referral_validity_days if policy else DEFAULT_VALIDITY_DAYS


def _validate(referral: Referral) -> None:
    """The case's own field checks and constraints; the flow's fields and the state are not
    the user's (and django-fsm refuses any assignment to the protected state)."""
    referral.full_clean(exclude=[field.name for field in Process._meta.fields] + ["state"])


def _task_to_act_on(referral: Referral, step: Step, by: User) -> Task:
    """The open task of ``step``, if the referral waits for it and it is ``by``'s; else why not."""
    if STEP_OF_STATE.get(referral.state) != step:
        raise STEPS.already_handled(referral)
    if not permissions.may_act(user=by, case=referral, step=step):
        raise PermissionDenied(NOT_YOUR_STEP % {"role": permissions.ROLE_OF_STEP[step].label})
    task = STEPS.open_task(referral, step)
    check_not_held_by_other(task, by)
    return task


def already_handled_message(referral: Referral) -> str:
    """What a signer who comes too late is told: who took the referral's last step, when."""
    return STEPS.already_handled(referral).messages[0]


def _approval_date(referral: Referral) -> datetime.date:
    granted = (
        step_records_of(referral).filter(step=Step.CENTER_APPROVE, action=Action.APPROVE).last()
    )
    return timezone.localdate(granted.at)
