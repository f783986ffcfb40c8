"""A change of a long-term filing's institutions: the applicant asks, the center decides.

The institutions in force stay so until a change is approved; each proposal is a new version
of the choice, and the versions before it stay in the record.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from workflows import clock, textlimits
from workflows.audit.models import Action
from workflows.casekit import ALREADY_HANDLED_CODE, save_state
from workflows.registry.models import Institution, Region, User

from . import rules
from .choices import ChangeDecision, State
from .declared import pair
from .models import Filing, InstitutionChoice
from .review import REASON_REQUIRED, UNKNOWN_DECISION
from .selectors import current_choice, proposed_change
from .services import names
from .steps import STEPS, awaiting_decision, check_applicant

ENDED_FILING_UNCHANGED = _(
    "Filing %(number)s is %(state)s: a withdrawn, expired or refused filing cannot be changed."
)
CHANGE_NOT_YET = _(
    "Filing %(number)s is %(state)s: its institutions can be changed once it is in force."
)
CHANGE_ONLY_LONG_TERM = _(
    "A temporary filing keeps its institutions: withdraw it and file again to change them."
)
CHANGE_ALREADY_PENDING = _("A change of institutions already awaits the center's review.")
SAME_INSTITUTIONS = _("These are the institutions already in force: choose others to change.")
CHANGE_NOTE = _("Version %(version)s proposed: %(institutions)s.")


@transaction.atomic
def filing_request_change(
    *,
    filing_id: int,
    by: User,
    institutions: list[Institution],
    reason: str = "",
    ip_address: str | None = None,
) -> Filing:
    """The applicant proposes other institutions for a long-term filing in force: a new
    version, reviewed by the center; the institutions in force stay so meanwhile."""
    filing = STEPS.locked(filing_id)
    check_applicant(filing, by)
    check_changeable(filing)
    textlimits.check_lengths(reason=(reason.strip(), textlimits.REASON))
    destination = Region.objects.get(pk=filing.destination_city_id)
    rules.check_institutions(institutions, destination)
    first, second = pair(institutions)
    current = current_choice(filing)
    if {first.pk, second.pk if second else None} == {current.first_id, current.second_id}:
        raise ValidationError({"institutions": SAME_INSTITUTIONS})
    version = InstitutionChoice.objects.filter(filing=filing).aggregate(last=Max("version"))["last"]
    InstitutionChoice.objects.create(
        filing=filing, version=version + 1, first=first, second=second, proposed_at=clock.now()
    )
    filing.request_change()
    save_state(filing)
    note = str(CHANGE_NOTE) % {"version": version + 1, "institutions": names(institutions)}
    opinion = f"{note}\n{reason.strip()}" if reason.strip() else note
    return STEPS.finish(
        filing,
        by=by,
        action=Action.REQUEST_CHANGE,
        before=State.IN_FORCE,
        opinion=opinion,
        ip_address=ip_address,
    )


@transaction.atomic
def filing_decide_change(
    *, filing_id: int, by: User, decision: str, reason: str = "", ip_address: str | None = None
) -> Filing:
    """The center approves the proposed institutions (in force from today, or from the
    filing's first day if later; the old ones superseded), returns or refuses them (the old
    ones stay in force)."""
    filing = awaiting_decision(filing_id, by, State.CHANGE_REQUESTED)
    reason = reason.strip()
    textlimits.check_lengths(reason=(reason, textlimits.REASON))
    proposed = proposed_change(filing)
    if decision == ChangeDecision.APPROVE:
        on = max(clock.today(), filing.start_date)
        current = current_choice(filing)
        current.supersede(on=on)
        current.save(update_fields=["state", "superseded_on"])
        proposed.put_in_force(on=on)
        proposed.save(update_fields=["state", "effective_from"])
        filing.approve_change()
        action = Action.APPROVE
    elif decision in (ChangeDecision.RETURN, ChangeDecision.REJECT):
        if not reason:
            raise ValidationError({"reason": REASON_REQUIRED})
        if decision == ChangeDecision.RETURN:
            proposed.send_back()
            filing.return_change()
        else:
            proposed.refuse()
            filing.refuse_change()
        proposed.save(update_fields=["state"])
        action = Action.RETURN if decision == ChangeDecision.RETURN else Action.REJECT
    else:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    save_state(filing)
    return STEPS.finish(
        filing,
        by=by,
        action=action,
        before=State.CHANGE_REQUESTED,
        opinion=reason,
        ip_address=ip_address,
    )


def check_changeable(filing: Filing) -> None:
    params = {"number": filing.number, "state": State(filing.state).label}
    if filing.state in (State.WITHDRAWN, State.EXPIRED, State.REJECTED):
        raise ValidationError(ENDED_FILING_UNCHANGED, params=params, code=ALREADY_HANDLED_CODE)
    if filing.state == State.CHANGE_REQUESTED:
        raise ValidationError(CHANGE_ALREADY_PENDING, code=ALREADY_HANDLED_CODE)
    if filing.state == State.TEMPORARY_IN_FORCE:
        raise ValidationError(CHANGE_ONLY_LONG_TERM)
    if filing.state != State.IN_FORCE:
        raise ValidationError(CHANGE_NOT_YET, params=params)
