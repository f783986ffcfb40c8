"""The mechanics every case type's services share: lock a case, save a transition, record the
step and complete its flow task, and refuse a step someone else has taken meanwhile."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from workflows import clock
from workflows.audit.models import Action
from workflows.audit.selectors import last_step_of
from workflows.audit.services import step_record
from workflows.claiming import check_not_held_by_other
from workflows.flowkit import finish_task, open_task
from workflows.registry.selectors import actor_of

ALREADY_HANDLED_CODE = "already_handled"
EVERY_CASE = Q()  # the filter that lets every case through


def already_handled(case, message) -> ValidationError:
    """``message`` (with %(action)s, %(name)s and %(time)s) about the case's last step."""
    last = last_step_of(case)
    text = message % {
        "action": last.get_action_display(),
        "name": last.actor_name or _("the system"),
        "time": formats.date_format(timezone.localtime(last.at), "DATETIME_FORMAT"),
    }
    return ValidationError(text, code=ALREADY_HANDLED_CODE)


class CaseLock:
    """Lock one case of ``model``: its row and its process row, until the transaction ends.

    No joins: the decisions read the case's own columns, and a wide join costs PostgreSQL
    more to plan than the few related rows cost to fetch when a rule needs them.

    ``within``, a case type's visibility filter, is read in the same statement: a case the user
    may not see is then one that does not exist. Its refusal, ``NotVisible``, is both the
    model's DoesNotExist (a page answers it as a case that does not exist, telling nothing of
    it) and PermissionDenied (the user may not act on it). None: they see no case at all.
    """

    def __init__(self, model):
        self.model = model
        self.NotVisible = type("NotVisible", (model.DoesNotExist, PermissionDenied), {})

    def __call__(self, case_id: int, *, within: Q | None = EVERY_CASE):
        if within is None:
            raise self.NotVisible(f"No {self.model._meta.object_name} is visible")
        cases = self.model.objects.select_for_update(of=("self", "process_ptr"))
        try:
            return cases.filter(within).get(pk=case_id)
        except self.model.DoesNotExist:
            raise self.NotVisible(f"No visible {self.model._meta.object_name} {case_id}") from None


class CaseSteps:
    """One case type's step mechanics, for its services: ``locked`` the case, the refusal of
    a step ``already_handled``, the case ``awaiting`` a decision, its ``open_task``, and
    ``finish`` (record the step taken and complete its flow task).

    ``step_of_state`` names the flow node whose task is open in each state;
    ``already_handled`` is the case type's message, with %(action)s, %(name)s and %(time)s.
    """

    def __init__(self, *, model, flow_class, step_of_state: dict, already_handled: str):
        self.locked = CaseLock(model)
        self.flow_class = flow_class
        self.step_of_state = step_of_state
        self.already_handled_message = already_handled

    def already_handled(self, case) -> ValidationError:
        """The refusal of a step someone else has taken meanwhile, naming who and when."""
        return already_handled(case, self.already_handled_message)

    def awaiting(self, case_id: int, *, by, state: str, allowed, refusal: str):
        """The case, locked, if ``allowed(case)`` (else PermissionDenied with ``refusal``),
        it is still in ``state`` (else: already handled) and its task is not held by someone
        else (``claiming``). The task read is kept on the case for ``finish``."""
        case = self.locked(case_id)
        if not allowed(case):
            raise PermissionDenied(refusal)
        if case.state != state:
            raise self.already_handled(case)
        case.open_task_read = self.open_task(case)
        check_not_held_by_other(case.open_task_read, by)
        return case

    def open_task(self, case, step: str | None = None):
        """The open task of ``step`` (by default, of the step the case's state waits for)."""
        return open_task(self.flow_class, case, step or self.step_of_state[case.state])

    def finish(
        self, case, *, by, action: str, before: str, opinion: str = "", ip_address=None, task=None
    ):
        """Record the step just taken from the state ``before`` and complete its flow task
        (``task``, when the service has it in hand already)."""
        step = self.step_of_state[before]
        step_record(
            case=case,
            actor=actor_of(by),
            action=action,
            state_before=before,
            step=step,
            opinion=opinion,
            ip_address=ip_address,
        )
        task = task or getattr(case, "open_task_read", None)
        if task is None or task.flow_task.name != step:
            task = open_task(self.flow_class, case, step)
        finish_task(task, case, by)
        return case


def save_state(case, *stamped: str) -> None:
    """Save a transition: the new state, when it began, and what the transition stamped.

    Only these columns of the case's own table, guarded (``StateGuard.save_transition``).
    """
    case.state_changed_at = clock.now()
    case.save_transition("state", "state_changed_at", *stamped)


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
