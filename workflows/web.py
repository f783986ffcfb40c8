"""What every workflow's views share: a service's refusal shown to the user, an inbox tab."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from workflows.casekit import ALREADY_HANDLED_CODE
from workflows.claiming import held


def client_ip(request) -> str | None:
    """The address recorded with each step (the proxy's, unless it is trusted in settings)."""
    return request.META.get("REMOTE_ADDR") or None


@dataclass(frozen=True)
class Outcome:
    """What came of a form's service: its ``result``, or None when the form shows why not;
    ``taken_meanwhile`` when someone else took the step first (the user has been told)."""

    result: object = None
    taken_meanwhile: bool = False


def run_form(request, form, service, *, fields=None, **arguments) -> Outcome:
    """Run ``service`` with the valid ``form``'s data (``fields(form)``, else its cleaned
    data), ``arguments``, the acting user and their address. A refusal goes on the form,
    where it names a field; a step someone else took meanwhile, to the user as a warning."""
    if not form.is_valid():
        return Outcome()
    data = fields(form) if fields else form.cleaned_data
    try:
        result = service(by=request.user, ip_address=client_ip(request), **arguments, **data)
    except ValidationError as error:
        if warned_already_handled(request, error):
            return Outcome(taken_meanwhile=True)
        show_errors(form, error)
        return Outcome()
    return Outcome(result)


def case_action(request, form, service, *, done: str, incomplete: str, back: str):
    """A one-form action from a case page (withdraw, record a transfer...): run ``service``
    with the form's data, tell the user what came of it, and go back to the case page."""
    if not form.is_valid():
        messages.error(request, incomplete)
    else:
        try:
            service(**form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    return redirect(back)


def warned_already_handled(request, error: ValidationError) -> bool:
    """Whether ``error`` says someone else took this step meanwhile; if so, the user is told
    who and when, and the view shows the case again."""
    if getattr(error, "code", None) != ALREADY_HANDLED_CODE:
        return False
    messages.warning(request, " ".join(error.messages))
    return True


def show_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where it names them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@dataclass(frozen=True)
class Column:
    """One column of an inbox queue: its header, and its cell for a case."""

    header: str | Promise
    value: Callable  # value(case) -> str


YOUR_STEP = _("Your step")
# What each of a queue's columns sorts by, in the finder's names.
QUEUE_SORTS = ("number", "person", "step", "about", "waiting", "due")
OVERDUE_STEP = _("Overdue step")


def case_url(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])``, remembered: a queue's page links each of its rows, and
    the same rows are read page after page."""
    return _case_url(name, pk, get_script_prefix())


@functools.lru_cache(maxsize=100_000)
def _case_url(name: str, pk: int, _prefix: str) -> str:
    return reverse(name, args=[pk])


@dataclass(frozen=True)
class Row:
    """A task's row in a queue: where it leads, the case's number (the linked cell), the
    other cells, and the task's deadline (None for a step without a time limit)."""

    link: str
    number: str
    cells: list
    deadline: object = None  # a deadlines.Deadline
    holder: object = None  # who has taken the task (workflows/claiming.py), if anyone
    case_id: int | None = None
    selectable: bool = False  # in the queue's bulk approval (``Bulk``)


@dataclass(frozen=True)
class Bulk:
    """A queue's bulk approval: the task ``steps`` a reviewer may approve several at once with
    one opinion, and the service that approves one case (``approve(case_id=, by=, opinion=,
    ip_address=)``, its own transaction). Referrals and filings have it; claims do not: each
    claim's money is calculated on its own."""

    model: type
    steps: tuple
    approve: Callable


@dataclass(frozen=True)
class InboxQueue:
    """One case type's tab of the staff inbox: its open tasks (``queue``), how a row names
    the case (the ``number`` and ``person`` headers, and one column of what it is about),
    where a row leads (``link``) and the time limits of its steps (``deadlines``, a
    ``deadlines.TimedSteps``). The overdue lists are tabs of the same kind, whose step is
    someone else's (``step_header``)."""

    slug: str
    label: str | Promise
    queue: object  # a flowkit.CaseQueue
    number: str | Promise
    person: str | Promise
    about: Column
    link: str  # the URL's name of the page where the user acts on a case (its pk the argument)
    deadlines: object  # a deadlines.TimedSteps
    finder: object  # a finding.filters.Finder: its search, filters and sorts
    step_header: str | Promise = YOUR_STEP
    default_sort: str = "waiting"  # the newest arrivals first
    without_filters: tuple = ()  # the finder's filters this tab does not offer
    bulk: Bulk | None = None

    def headers(self) -> list:
        return [
            self.number,
            self.person,
            self.step_header,
            self.about.header,
            _("Waiting"),
            _("Due"),
        ]

    def find_form(self, data, *, user):
        """The tab's search, filters and sort, read from ``data`` (the query string), their
        choices drawn from what waits for ``user``; None if nothing does."""
        waiting = self.queue.waiting(user=user)
        return self.finder.form(
            data,
            viewer=self.finder.queue_viewer(user, waiting.nodes if waiting else [], data),
            columns=list(zip(self.headers(), QUEUE_SORTS, strict=True)),
            default_sort=self.default_sort,
            without=self.without_filters,
        )

    def rows(self, tasks, *, now, user=None) -> list[Row]:
        """The rows of ``tasks`` (a page), their deadlines read together; for ``user``, which
        of them they may approve in bulk (those at a bulk step nobody else holds)."""
        tasks = list(tasks)
        cases = [getattr(task.process, self.queue.case) for task in tasks]
        deadlines = self.deadlines.deadlines(
            [(case, task.flow_task.name) for case, task in zip(cases, tasks, strict=True)],
            now=now,
        )
        return [
            Row(
                link=case_url(self.link, case.pk),
                number=case.number,
                cells=[case.person.name, task.flow_task.task_title, self.about.value(case)],
                deadline=deadline,
                holder=task.owner if held(task) else None,
                case_id=case.pk,
                selectable=self._selectable(task, user),
            )
            for case, task, deadline in zip(cases, tasks, deadlines, strict=True)
        ]

    def _selectable(self, task, user) -> bool:
        if self.bulk is None or user is None or task.flow_task.name not in self.bulk.steps:
            return False
        return not held(task) or task.owner_id == user.pk


def labelled_steps(records, states) -> list:
    """Step records with their states named for people, by a case type's ``states`` choices."""
    labels = dict(states)
    records = list(records)
    for record in records:
        record.state_before_label = labels.get(record.state_before, record.state_before)
        record.state_after_label = labels.get(record.state_after, record.state_after)
    return records
