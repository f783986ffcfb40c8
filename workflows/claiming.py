"""Taking a task: a city has several center reviewers, and one of them claims a case waiting
in the city's queue, so that the others see it is taken (and by whom) and leave it. They may
release it; the city's supervisor may give it to another reviewer of the city. Acting on a
task someone else holds is refused, naming who holds it.

The holder is viewflow's own: the task's ``owner``, its status ASSIGNED while held (viewflow's
``assign``, ``unassign`` and ``reassign``), so finishing the task as the holder changes
nothing of how a step is completed. Each claim, release and reassignment is recorded on the
case like a step (``Action.CLAIM``, ``RELEASE``, ``REASSIGN``), in one transaction under the
case's lock: two reviewers claiming at once, one gets the task and the other is told who.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows import clock
from workflows.audit.models import Action
from workflows.audit.services import step_record
from workflows.registry.models import User
from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of

HELD_BY_OTHER = _(
    "%(name)s has taken this task (since %(time)s): only they can act on it now, unless they "
    "release it or the supervisor gives it to you."
)
HELD_BY_OTHER_CODE = "held_by_other"
NOT_CLAIMABLE = _("This case is not waiting for a review by the center: there is no task to take.")
NOT_YOURS_TO_CLAIM = _("Only a reviewer of the municipal center of the case's city can take it.")
NOT_HELD = _("Nobody has taken this task: there is nothing to release.")
NOT_YOURS_TO_RELEASE = _(
    "Only the one who took the task, or the city's supervisor, can release it."
)
NOT_A_SUPERVISOR = _("Only a supervisor of the case's city can give its task to a reviewer.")
NOT_A_REVIEWER_OF_CITY = _(
    "%(name)s is not a reviewer of this city's center: choose one of the reviewers listed."
)

# The "claimed" filter of a queue: its values, for the finder (finding.filters.claim_filter).
MINE, UNCLAIMED, OTHERS = "mine", "unclaimed", "others"
CLAIM_CHOICES = (
    (MINE, _("taken by me")),
    (UNCLAIMED, _("not taken")),
    (OTHERS, _("taken by others")),
)


def held(task: Task | None) -> bool:
    return task is not None and task.status == STATUS.ASSIGNED and task.owner_id is not None


def check_not_held_by_other(task: Task | None, by) -> None:
    """Refuse ``by`` a task someone else holds, naming them and since when, unless ``by``
    stands in for them today: a refusal the page shows on its form, as it does one of a
    step taken meanwhile."""
    if held(task) and task.owner_id != by.pk and not stands_in_for(by, task.owner_id):
        raise ValidationError(
            HELD_BY_OTHER,
            code=HELD_BY_OTHER_CODE,
            params={
                "name": task.owner.get_full_name() or task.owner.get_username(),
                "time": formats.date_format(timezone.localtime(task.assigned), "DATETIME_FORMAT"),
            },
        )


def stands_in_for(user, absent_id: int) -> bool:
    """Whether ``user`` stands in today for the user ``absent_id`` (registry/standins)."""
    return any(a.pk == absent_id for a in actor_of(user).standing_in_for(clock.today()))


def claimed_condition(value: str, user) -> Q:
    """The cases whose open task is taken by ``user`` (MINE), by nobody, or by someone else."""
    holding = Task.objects.filter(process_id=OuterRef("pk"), status=STATUS.ASSIGNED)
    if value == MINE:
        return Q(Exists(holding.filter(owner_id=user.pk)))
    if value == OTHERS:
        return Q(Exists(holding.exclude(owner_id=user.pk)))
    return ~Q(Exists(holding))


@dataclass(frozen=True)
class HolderPanel:
    """Who holds a case's task, and what the viewer may do about it."""

    slug: str
    case_id: int
    holder: User | None
    since: object
    mine: bool
    may_claim: bool
    may_release: bool
    reviewers: list


@dataclass(frozen=True)
class Claiming:
    """One case type's claiming: its step mechanics (``steps``, a ``casekit.CaseSteps``),
    its ``slug`` in the URLs, the states whose task the center takes (``states``), who may
    act on it (``may_act(user=, case=)``) and what the user may see (``visible(user=)``)."""

    slug: str
    steps: object
    states: tuple
    may_act: Callable
    visible: Callable

    @property
    def model(self):
        return self.steps.locked.model

    def claimable(self, case) -> bool:
        return case.state in self.states

    def holder_panel(self, case, user) -> "HolderPanel | None":
        """What the case page shows of its task's holder, to whom may take it or give it."""
        if not self.claimable(case):
            return None
        acts, supervises = self.may_act(user=user, case=case), self.supervises(user, case)
        if not (acts or supervises):
            return None
        task = self.steps.open_task(case)
        if task is None:
            return None
        holder = task.owner if held(task) else None
        return HolderPanel(
            slug=self.slug,
            case_id=case.pk,
            holder=holder,
            since=task.assigned if holder else None,
            mine=holder is not None and holder.pk == user.pk,
            may_claim=acts and holder is None,
            may_release=holder is not None and (holder.pk == user.pk or supervises),
            reviewers=self.reviewers(case) if supervises else [],
        )

    def supervises(self, user, case) -> bool:
        actor = actor_of(user)
        return (
            actor.role == Role.SUPERVISOR
            and actor.profile is not None
            and actor.profile.city_id == case.insured_city_id
        )

    def reviewers(self, case):
        """The users to whom the city's supervisor may give the case's task."""
        users = User.objects.filter(
            is_active=True,
            staff_profile__role=Role.CENTER_REVIEWER,
            staff_profile__city_id=case.insured_city_id,
        ).order_by("full_name", "pk")
        return [user for user in users if self.may_act(user=user, case=case)]

    def _task(self, case_id, by):
        case = self.steps.locked(case_id, within=self.visible(user=by))
        task = self.steps.open_task(case) if self.claimable(case) else None
        if task is None:
            raise ValidationError(NOT_CLAIMABLE)
        return case, task

    def _record(self, case, task, by, action, opinion="", ip_address=None):
        step_record(
            case=case,
            actor=actor_of(by),
            action=action,
            state_before=case.state,
            step=task.flow_task.name,
            opinion=opinion,
            ip_address=ip_address,
        )

    @transaction.atomic
    def claim(self, *, case_id: int, by, ip_address=None):
        """``by`` takes the case's task; taking one's own again changes nothing."""
        case, task = self._task(case_id, by)
        if not self.may_act(user=by, case=case):
            raise PermissionDenied(NOT_YOURS_TO_CLAIM)
        check_not_held_by_other(task, by)
        if held(task):
            return case
        task.assigned = timezone.now()
        task.flow_task.activation_class(task).assign(by)
        self._record(case, task, by, Action.CLAIM, ip_address=ip_address)
        return case

    @transaction.atomic
    def release(self, *, case_id: int, by, ip_address=None):
        """The holder (or the city's supervisor) gives the task back to the city's queue."""
        case, task = self._task(case_id, by)
        if not held(task):
            raise ValidationError(NOT_HELD)
        if task.owner_id != by.pk and not self.supervises(by, case):
            raise PermissionDenied(NOT_YOURS_TO_RELEASE)
        holder = task.owner
        task.assigned = None
        task.flow_task.activation_class(task).unassign()
        self._record(case, task, by, Action.RELEASE, holder.get_full_name(), ip_address)
        return case

    @transaction.atomic
    def reassign(self, *, case_id: int, by, to: User, ip_address=None):
        """The city's supervisor gives the task to ``to``, a reviewer of the city."""
        case, task = self._task(case_id, by)
        if not self.supervises(by, case):
            raise PermissionDenied(NOT_A_SUPERVISOR)
        if not self.may_act(user=to, case=case):
            raise ValidationError(
                {"to": ValidationError(NOT_A_REVIEWER_OF_CITY, params={"name": to.get_full_name()})}
            )
        if held(task) and task.owner_id == to.pk:
            return case
        activation = task.flow_task.activation_class(task)
        task.assigned = timezone.now()
        if held(task):
            activation.reassign(to)
        else:
            activation.assign(to)
        self._record(case, task, by, Action.REASSIGN, to.get_full_name(), ip_address)
        return case
