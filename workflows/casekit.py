"""The mechanics every case type's services share: save a transition, record the step and
complete its flow task, and refuse a step someone else has taken meanwhile."""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from workflows import clock
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.audit.services import step_record
from workflows.flowkit import finish_task, open_task
from workflows.prepared import PreparedQuery
from workflows.registry.selectors import actor_of

ALREADY_HANDLED_CODE = "already_handled"


def already_handled(case, message) -> ValidationError:
    """``message`` (with %(action)s, %(name)s and %(time)s) about the case's last step."""
    last = step_records_of(case).last()
    text = message % {
        "action": last.get_action_display(),
        "name": last.actor_name or _("the system"),
        "time": formats.date_format(timezone.localtime(last.at), "DATETIME_FORMAT"),
    }
    return ValidationError(text, code=ALREADY_HANDLED_CODE)


class CaseLock:
    """Lock one case of ``model``: its row and its process row, until the transaction ends.

    No joins: the decisions read the case's own columns, and a wide join costs PostgreSQL
    more to plan than the few related rows cost to fetch when a rule needs them. Compiled
    once (``PreparedQuery``): every decision takes this lock first.
    """

    def __init__(self, model):
        self.query = PreparedQuery(
            lambda case_id: model.objects.select_for_update(of=("self", "process_ptr")).filter(
                pk=case_id
            )
        )

    def __call__(self, case_id: int):
        return self.query.get(case_id=case_id)


def save_state(case, *stamped: str) -> None:
    """Save a transition: the new state, when it began, and what the transition stamped.

    Only these columns of the case's own table, guarded (``StateGuard.save_transition``).
    """
    case.state_changed_at = clock.now()
    case.save_transition("state", "state_changed_at", *stamped)


def finish_step(
    case, *, flow_class, step: str, by, action: str, before: str, opinion, ip_address, task=None
):
    """Record the step just taken (from ``before``) and complete the flow task of ``step``
    (``task``, when the service has it in hand already)."""
    step_record(
        case=case,
        actor=actor_of(by),
        action=action,
        state_before=before,
        step=step,
        opinion=opinion,
        ip_address=ip_address,
    )
    finish_task(task or open_task(flow_class, case, step), case, by)
    return case


def record_revision(case, *, by, changed, ip_address) -> None:
    """One step record for a correction of ``case`` (in its state), naming what ``changed``."""
    step_record(
        case=case,
        actor=actor_of(by),
        action=Action.REVISE,
        state_before=case.state,
        opinion=listed(changed),
        ip_address=ip_address,
    )


def listed(labels) -> str:
    """Labels as a list inside a sentence, in the active language."""
    # Translators: what separates the items of a list inside a sentence ("、" in Chinese).
    return pgettext("list separator", ", ").join(str(label) for label in labels)
