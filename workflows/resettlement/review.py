"""The only writers of filings, the center's side: approve, return for correction or refuse
a filing. Each locks the row and records its step."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from workflows import clock, textlimits
from workflows.audit.models import Action
from workflows.casekit import save_state
from workflows.registry.models import User

from .choices import Decision, State
from .models import Filing
from .selectors import current_choice
from .steps import STEPS, awaiting_decision

REASON_REQUIRED = _("Write the reason: the applicant reads it.")
UNKNOWN_DECISION = _("Choose approve, return for correction or refuse.")


@transaction.atomic
def filing_decide(
    *, filing_id: int, by: User, decision: str, reason: str = "", ip_address: str | None = None
) -> Filing:
    """The reviewer records the filing (its institutions in force from its first day),
    returns it for correction or refuses it. Two reviewers at once: the second is told who
    decided first."""
    filing = awaiting_decision(filing_id, by, State.SUBMITTED)
    reason = reason.strip()
    if decision not in Decision.values:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    if decision != Decision.APPROVE and not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    textlimits.check_lengths(reason=(reason, textlimits.REASON))
    choice = current_choice(filing)
    if decision == Decision.APPROVE:
        choice.put_in_force(on=filing.start_date)
        choice.save(update_fields=["state", "effective_from"])
        if filing.is_long_term:
            filing.approve(on=clock.today())
        else:
            filing.approve_temporary(on=clock.today())
        save_state(filing, "approved_on")
    elif decision == Decision.RETURN:
        filing.send_back(reason=reason)
        save_state(filing, "return_reason")
    else:
        choice.refuse()
        choice.save(update_fields=["state"])
        filing.reject()
        save_state(filing)
    return STEPS.finish(
        filing,
        by=by,
        action=Action(decision),  # the decisions are named as the step record's actions
        before=State.SUBMITTED,
        opinion=reason,
        ip_address=ip_address,
    )
