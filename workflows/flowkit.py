"""Our viewflow kit: a human task node that routes on its case's state, and the helpers every
case type's services use to find and complete the task they have just acted on.

A signer approves, returns or refuses; the case's FSM state then says where the flow goes.
viewflow would model that as a View followed by a Switch gateway, which costs every step a
gateway task (an insert, a link, a savepoint and an update). Here the routes are conditional
sequence flows leaving the task itself (BPMN allows them on any activity), and the person
who acts is recorded with the task's completion in one write instead of three. The next task
and its link to the completed one are viewflow's own (``ViewActivation.create``), an INSERT
each: Django adds the link without reading the table first while no one listens to
``m2m_changed`` for it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.timezone import now
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.base import Edge
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.flow import nodes
from viewflow.workflow.models import Process, Task
from viewflow.workflow.nodes.view import ViewActivation
from viewflow.workflow.signals import task_finished
from viewflow.workflow.status import STATUS


class RoutedViewActivation(ViewActivation):
    @Activation.status.super()
    def create_next(self):
        state = self.process.state
        node = self.flow_task.route_for(state)
        if node is None:
            raise FlowRuntimeError(f"{self.flow_task.name} has no route for state {state!r}")
        yield node._create(self, self.task.token)

    @Activation.status.transition(source=[STATUS.NEW, STATUS.ASSIGNED], target=STATUS.DONE)
    def complete_by(self, user) -> None:
        """``user`` took and finished the task: owner, times and status in one save."""
        moment = now()
        self.task.owner = user
        self.task.assigned = self.task.assigned or moment
        self.task.started = moment
        self.task.finished = moment
        self.task.save(update_fields=["owner", "assigned", "started", "finished", "status"])
        task_finished.send(sender=self.flow_class, process=self.process, task=self.task)

    def finish(self, user) -> None:
        """Complete the task as ``user`` and create the task its case's state routes to."""
        self.complete_by(user)
        self.activate_next()


class RoutedView(nodes.View):
    """``flow.View`` with ``.Route(state, node)`` in place of ``.Next(node)``."""

    activation_class = RoutedViewActivation

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._routes: list[tuple[str, object]] = []

    def Route(self, state: str, node) -> "RoutedView":
        """When the task ends with the case in ``state``, the flow goes on to ``node``."""
        self._routes.append((state, node))
        return self

    def _resolve(self, instance):
        super()._resolve(instance)
        self._routes = [(state, this.resolve(instance, node)) for state, node in self._routes]

    def _outgoing(self):
        for _state, node in self._routes:
            yield Edge(src=self, dst=node, edge_class="cond_true")

    def route_for(self, state: str):
        return next((node for routed, node in self._routes if routed == state), None)

    @property
    def routes(self) -> list[tuple[str, object]]:
        return list(self._routes)


OPEN = (STATUS.NEW, STATUS.ASSIGNED)


def open_task(flow_class, process, node_name: str) -> Task | None:
    """The open task of ``process`` at the node ``node_name`` of ``flow_class``, if any."""
    return (
        Task.objects.filter(
            process_id=process.pk,
            flow_task=getattr(flow_class, node_name),
            status__in=[*OPEN, STATUS.SCHEDULED],
        )
        .order_by("-pk")
        .first()
    )


def task_of_case(task_id: int, process) -> Task | None:
    """The task ``task_id`` if it belongs to ``process`` (whatever its status), else None."""
    return Task.objects.filter(pk=task_id, process_id=process.pk).first()


def finish_task(task: Task, process, by) -> None:
    """Complete ``task`` as done by ``by``; the flow moves on by the case's state, already saved."""
    task.process = process  # the activation works on this very (locked, saved) instance
    task.flow_task.activation_class(task).finish(by)


class TaskQueue:
    """The open tasks of the cases waiting in one inbox queue, in the cases' order.

    ``cases`` is an ordered queryset of the waiting cases, each with one open task at one of
    ``nodes``; it should walk a queue index. A page takes its case ids from that index alone,
    then fetches just their tasks: page 40 costs what page 1 does. Django's Paginator and
    viewflow's list views take it like a queryset (``count()`` and slices).
    """

    model = Task
    ordered = True

    def __init__(self, cases, *, nodes, joins=(), fields=None, count: int | None = None):
        self.cases = cases
        self.nodes = list(nodes)
        self.joins = joins
        self.fields = fields  # the only fields to read (``QuerySet.only``), or None for all
        self.known_count = count  # the number of ``cases``, when the caller has just counted

    def count(self) -> int:
        return self.cases.count() if self.known_count is None else self.known_count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = list(self.cases.values_list("pk", flat=True)[index])
        tasks = Task.objects.filter(
            process_id__in=ids, flow_task__in=self.nodes, status__in=OPEN
        ).select_related("owner", *self.joins)
        if self.fields is not None:
            tasks = tasks.only(*self.fields)
        by_case = {task.process_id: task for task in tasks}
        return [by_case[pk] for pk in ids if pk in by_case]

    def __iter__(self):
        return iter(self[:])


@dataclass(frozen=True)
class Waiting:
    """The cases waiting for one user in a queue (unordered), and the flow nodes at which
    their open tasks are."""

    cases: QuerySet
    nodes: list


# What a queue's row reads of a task: its node, whether and by whom it is taken (the owner's
# name), its case.
ROW_TASK_FIELDS = (
    "flow_task",
    "status",
    "owner_id",
    "process_id",
    "owner__username",
    "owner__full_name",
    "owner__first_name",
    "owner__last_name",
)


# What every queue's row and its deadline read of the case (web.InboxQueue.rows, deadlines):
# its number and person, when it entered its state and the city whose policy times it. The
# state is read when the case is made (django-fsm's ConcurrentTransitionMixin).
ROW_CASE_FIELDS = (
    "number",
    "state",
    "state_changed_at",
    "insured_city_id",
    "person__name",
    "person__scheme",
)


class CaseQueue:
    """One case type's queue: the open tasks of the cases that wait for a user.

    ``waiting(user=...)`` gives the cases, as a filter on the case type's queue index (which
    ends with the state and ``-state_changed_at``), or None when the user serves no such
    queue. ``case`` names the case from its process (``process.referral``); ``shows``, the
    fields of the case that its tab's row and deadline read beyond ``ROW_CASE_FIELDS``
    ("institution__name", ...): a page's tasks are read with these alone, and the relations
    they name joined. Each waiting
    case has exactly one open task at one of the nodes (every case type's test_graphs_agree),
    so counting the cases counts the tasks.
    """

    def __init__(self, *, waiting: Callable, case: str, shows: tuple, oldest_first: bool = False):
        self.waiting = waiting
        self.case = case
        shows = (*ROW_CASE_FIELDS, *shows)
        relations = dict.fromkeys(field.rpartition("__")[0] for field in shows if "__" in field)
        self.joins = tuple(f"process__{case}__{join}" for join in relations)
        self.fields = (*ROW_TASK_FIELDS, *(f"process__{case}__{field}" for field in shows))
        self.order = ("state_changed_at", "pk") if oldest_first else ("-state_changed_at", "-pk")

    def serves(self, *, user) -> bool:
        return self.waiting(user=user) is not None

    def count(self, *, user) -> int:
        waiting = self.waiting(user=user)
        return waiting.cases.count() if waiting else 0

    def page(self, waiting: Waiting, cases: QuerySet | None = None, *, count=None) -> TaskQueue:
        """The queue for a page, paged through the queue index: the ``waiting`` cases (what
        ``waiting(user=...)`` gave) newest arrivals first (or, ``oldest_first``, those
        waiting longest); or ``cases``, those of them a search finds, in the order it asks
        for (a filter on the cases, so that a page still takes its case ids alone first).
        ``count``: how many they are, when the caller has just counted them."""
        if cases is None:
            cases = waiting.cases.order_by(*self.order)
        return TaskQueue(
            cases, nodes=waiting.nodes, joins=self.joins, fields=self.fields, count=count
        )

    def tasks(self, *, user) -> QuerySet[Task]:
        """The same open tasks as one queryset, newest arrivals first."""
        waiting = self.waiting(user=user)
        if waiting is None:
            return Task.objects.none()
        return (
            Task.objects.filter(
                process_id__in=waiting.cases.values("pk"),
                flow_task__in=waiting.nodes,
                status__in=OPEN,
            )
            .select_related(*self.joins)
            .order_by(f"-process__{self.case}__state_changed_at", "-pk")
        )


def count_each(querysets: list[QuerySet]) -> list[int]:
    """How many rows each of ``querysets`` holds, counted in one statement: a page that shows
    the counts of several queues (its tabs) pays one round trip and one query's work for
    them, however many they are."""
    counts = [None] * len(querysets)
    parts, params = [], []
    for n, queryset in enumerate(querysets):
        query = queryset.order_by().values("pk").query
        try:
            sql, its_params = query.get_compiler(using=queryset.db).as_sql()
        except EmptyResultSet:  # none() or a condition nothing meets, known without asking
            counts[n] = 0
            continue
        # Django's own SQL of the queryset, its values passed as parameters beside it.
        parts.append((n, f"(SELECT COUNT(*) FROM ({sql}) AS counted)"))  # noqa: S608
        params.extend(its_params)
    if parts:
        with connections[querysets[0].db].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(part for _n, part in parts), params)
            for (n, _part), count in zip(parts, cursor.fetchone(), strict=True):
                counts[n] = count
    return counts


class CaseFlow(flow.Flow):
    """A case type's flow: its process is the case, which the first node opens with the fields
    its service has checked. The services lock the case's row themselves for the whole step
    (``select_for_update``), so the flow takes no lock of its own (viewflow's ``no_lock``)."""

    lock_impl = lock.no_lock

    def open_case(self, activation, **fields):
        for name, value in fields.items():
            setattr(activation.process, name, value)
        return activation.process


def midnight_after(day: datetime.date) -> datetime.datetime:
    """When a timer for the last day ``day`` fires: midnight after it, Asia/Shanghai."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def human_step(step) -> RoutedView:
    """The task of one of a case type's ``Step`` choices, titled with it. Who may act on it is
    the case type's permissions.py's: its services ask when someone acts."""
    return RoutedView(case_page).Annotation(title=step.label)


def case_page(request, *, process_pk, **_kwargs):
    """A task's page is its case's page: every task is acted on there, through its case
    type's service. The flows' human nodes name this view; viewflow's own task views are not
    mounted."""
    process = get_object_or_404(Process, pk=process_pk)
    return redirect(process.flow_class.process_class.objects.get(pk=process.pk))
