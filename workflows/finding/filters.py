"""Find the task: a queue's or a case list's search, filters and sort, read from the page's
query string (a GET form, so a filtered page is a link to share or bookmark) and applied as
conditions on the case queryset the page already scopes to the user. Filters only narrow:
nobody finds a case their scope does not already show them.

Each case type describes its own (its ``finding.py``): which filters it has, what each
means for its cases, which columns sort. The forms' choices are drawn from what the viewer
may see, so a value outside their scope is refused with a message, never widened to."""

import datetime
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django import forms
from django.db import connection
from django.db.models import Case, CharField, DateTimeField, F, Func, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workflows import textlimits
from workflows.claiming import CLAIM_CHOICES, claimed_condition
from workflows.policy.terms import DEFAULT_STEP_TIME_LIMITS
from workflows.registry import resident_id
from workflows.registry.models import Department, Institution, InsuredPerson
from workflows.registry.selectors import actor_of
from workflows.widgets import DateField, DateRange

SEARCH_LIMIT = 64
NOT_IN_SCOPE = _("This is not one of the choices you may filter by: choose one from the list.")
PICK_AN_INSTITUTION = _("Filter by an institution first: its departments are then listed here.")
UNKNOWN_SORT = _("The list cannot be sorted that way: choose a column to sort by.")
ALL = _("All")
SELECTED = mark_safe(" selected")  # an option's attribute, in Control.options_html
# The date ranges a page filters by: the field, and the labels of its first and last day.
ARRIVED = ("state_changed_at", _("Arrived from"), _("Arrived until"))
OPENED = ("created", _("Opened from"), _("Opened until"))


@dataclass(frozen=True)
class Viewer:
    """Who looks at a queue or list, and what of it the filters may offer: ``states`` and
    ``steps`` as (value, label) choices; ``institution``: the id of the institution asked
    for, whose departments the department filter then offers."""

    user: object
    states: list
    steps: list
    institution: str = ""


@dataclass(frozen=True)
class Filter:
    """One filter: its form field for a viewer, and the condition its value puts on the
    cases (called only with a value given; with the viewer too where ``per_viewer``, for
    a filter whose meaning is the user's own, as "taken by me" / "not taken" is: an
    ``Exists`` of the case's open task with that owner, still a condition on the cases)."""

    name: str
    field: Callable  # field(viewer) -> forms.Field
    condition: Callable  # condition(value) -> Q, or condition(value, viewer) -> Q
    offered: Callable = lambda viewer: True  # offered(viewer): whether the viewer has it
    per_viewer: bool = False


@dataclass(frozen=True)
class Column:
    """A sortable column of a page: its header, the URL's name for it and the fields it
    sorts by (ascending; "-" reverses), then the case's id."""

    header: object
    key: str
    order: tuple


def person_search(text: str, *, person: str = "person") -> Q:
    """The cases whose number or whose person's name, resident ID or insurance number holds
    ``text``. On PostgreSQL each of these is a trigram index (finding's migration 0002).
    Numbers and IDs are written in ASCII: a fragment with a Chinese character is looked for in
    the names alone, so that the database goes from the few people so named to their cases
    instead of reading the whole queue for a number that cannot match."""
    if not text.isascii():
        return Q(**{f"{person}__in": named(text).values("pk")})
    people = InsuredPerson.objects.filter(
        Q(name__icontains=text)
        | Q(resident_id__contains=resident_id.normalise(text))
        | Q(insurance_number__icontains=text)
    )
    return Q(number__icontains=text) | Q(**{f"{person}__in": people.values("pk")})


class Doubled(Func):
    """A text with each character written twice (PostgreSQL, finding's migration 0002)."""

    function = "finding_doubled"
    output_field = CharField()


def named(text: str) -> QuerySet[InsuredPerson]:
    """The people whose name holds ``text``, a fragment in Chinese characters. A trigram
    holds three characters, and most of a Chinese name's fragments have two ("明芳" of 张明芳):
    on PostgreSQL both the name and the fragment are compared with each character doubled
    (张张明明芳芳 holds 明明芳芳 exactly when 张明芳 holds 明芳), whose trigrams the index
    finds. A single character (a surname) matches too many people for an index to help."""
    if connection.vendor != "postgresql" or len(text) < 2:
        return InsuredPerson.objects.filter(name__contains=text)
    doubled = "".join(character * 2 for character in text)
    return InsuredPerson.objects.annotate(doubled_name=Doubled("name")).filter(
        doubled_name__contains=doubled
    )


def choice_filter(name: str, label, choices, *, lookup: str | None = None) -> Filter:
    """A filter by one of a field's ``choices`` (a scope, a kind, a category)."""
    return Filter(
        name,
        lambda viewer: choice_field(label, choices),
        lambda value: Q(**{lookup or name: value}),
    )


def state_filter() -> Filter:
    return Filter(
        "state", lambda viewer: choice_field(_("State"), viewer.states), lambda v: Q(state=v)
    )


def step_filter(step_of_state: Mapping) -> Filter:
    """The step a case waits at: the states in which that step's task is open."""

    def condition(step):
        return Q(state__in=[state for state, its in step_of_state.items() if its == step])

    return Filter(
        "step",
        lambda viewer: choice_field(
            pgettext_lazy("the step a case waits at", "Step"), viewer.steps
        ),
        condition,
    )


def institution_filter(condition: Callable) -> Filter:
    return Filter(
        "institution",
        lambda viewer: _model_field(_("Institution"), institutions_for(viewer.user)),
        condition,
    )


def department_filter(*, lookup: str = "department") -> Filter:
    def field(viewer):
        departments = departments_for(viewer.user, institution=viewer.institution)
        found = _model_field(_("Department"), departments)
        profile = actor_of(viewer.user).profile
        if profile is None or not profile.institution_id:
            found.help_text = PICK_AN_INSTITUTION
        return found

    return Filter("department", field, lambda department: Q(**{lookup: department}))


def overdue_filter(condition: Callable) -> Filter:
    """Cases whose step the workflow timers have found past its due date: ``condition()``
    (read when filtering: it names the case type's content type)."""
    return Filter(
        "overdue",
        lambda viewer: forms.BooleanField(label=_("Overdue only"), required=False),
        lambda overdue: Q(condition()),
    )


def claim_filter(steps) -> Filter:
    """Taken by me, not taken, taken by others (workflows/claiming.py): on the queues whose
    tasks include one of ``steps``, those the center's reviewers take."""
    names = {str(step) for step in steps}
    return Filter(
        "claimed",
        lambda viewer: choice_field(_("Taken"), CLAIM_CHOICES),
        lambda value, viewer: claimed_condition(value, viewer.user),
        offered=lambda viewer: any(step in names for step, _label in viewer.steps),
        per_viewer=True,
    )


def institutions_for(user) -> QuerySet[Institution]:
    """The institutions a user may filter by: their own, for a hospital's staff; any, for
    those whose cases come from everywhere (a city's center, its supervisors, the insured)."""
    profile = actor_of(user).profile
    institutions = Institution.objects.order_by("name", "pk")
    if profile is not None and profile.institution_id:
        return institutions.filter(pk=profile.institution_id)
    return institutions


def departments_for(user, *, institution: str = "") -> QuerySet[Department]:
    """The departments a user may filter by: their own, for a department's staff; their
    hospital's, for its office and dean; for everyone else, those of the ``institution``
    they filter by (an id as typed: none for a value that is not one, or none given)."""
    profile = actor_of(user).profile
    departments = Department.objects.select_related("institution").order_by("name", "pk")
    if profile is not None and profile.department_id:
        return departments.filter(pk=profile.department_id)
    if profile is not None and profile.institution_id:
        return departments.filter(institution_id=profile.institution_id)
    if not institution.isdigit():
        return departments.none()
    return departments.filter(institution__in=institutions_for(user).filter(pk=institution))


def choice_field(label, choices) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", ALL), *((value, str(text).capitalize()) for value, text in choices)],
        error_messages={"invalid_choice": NOT_IN_SCOPE},
    )


def _model_field(label, queryset) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset,
        label=label,
        required=False,
        empty_label=ALL,
        error_messages={"invalid_choice": NOT_IN_SCOPE},
    )


@dataclass(frozen=True)
class Finder:
    """A case type's search, filters and sorts. ``sorts``: by the URL's name of a column,
    the fields it sorts by; ``arrived``: the field of the date range (when the case reached
    the step it waits at, or when it was opened); ``states``, ``steps``: its choices, and
    ``step_of_state`` which step's task is open in which state."""

    filters: tuple
    sorts: Mapping
    states: type
    steps: type
    step_of_state: Mapping
    search: Callable = person_search

    def form(self, data, *, viewer: Viewer, columns, default_sort: str, without=(), dated=ARRIVED):
        """The form of one page: its ``columns`` ((header, key) pairs), every filter but
        those named in ``without``, and its date range on the field ``dated`` (ARRIVED: when
        the case reached the step it waits at; OPENED: when it was opened)."""
        return FindForm(
            data,
            finder=self,
            filters=[one for one in self.filters if one.name not in without],
            viewer=viewer,
            columns=[Column(header, key, self.sorts[key]) for header, key in columns],
            default_sort=default_sort,
            dated=dated,
        )

    def queue_viewer(self, user, nodes, data) -> Viewer:
        """A queue's viewer: the states and steps of the queue's task ``nodes``."""
        names = [node.name for node in nodes]
        return Viewer(
            user,
            institution=data.get("institution", ""),
            states=[
                (s, self.states(s).label) for s, step in self.step_of_state.items() if step in names
            ],
            steps=[(name, self.steps(name).label) for name in names],
        )

    def list_viewer(self, user, data) -> Viewer:
        """A case list's viewer: every state, and every step at which a case waits."""
        steps = dict.fromkeys(self.step_of_state.values())
        return Viewer(
            user,
            institution=data.get("institution", ""),
            states=self.states.choices,
            steps=[(step, self.steps(step).label) for step in steps],
        )


class FindForm(DateRange, forms.Form):
    """The search box, the filters of one page and its sort, as one GET form."""

    q = textlimits.PlainText(
        label=_("Search"),
        required=False,
        max_length=SEARCH_LIMIT,
        help_text=_("Part of a case number, a name, a resident ID or an insurance number."),
    )

    def __init__(self, data, *, finder, filters, viewer, columns, default_sort, dated):
        super().__init__(data or None)
        self.finder, self.columns, self.viewer = finder, columns, viewer
        self.default_sort = default_sort
        self.dated, since_label, until_label = dated
        self.filters = filters = [one for one in filters if one.offered(viewer)]
        for one in filters:
            self.fields[one.name] = one.field(viewer)
        self.fields["since"] = DateField(label=since_label, required=False)
        self.fields["until"] = DateField(label=until_label, required=False)
        keys = [c.key for c in columns]
        self.fields["sort"] = forms.ChoiceField(
            required=False,
            choices=[("", ""), *((k, k) for k in keys), *((f"-{k}", f"-{k}") for k in keys)],
            error_messages={"invalid_choice": UNKNOWN_SORT},
            widget=forms.HiddenInput,
        )

    def controls(self) -> list["Control"]:
        """The filters as the page draws them (see ``Control``)."""
        return [Control.of(self[name]) for name in self.fields if name not in ("q", "sort")]

    @property
    def sort(self) -> str:
        if self.is_bound and self.is_valid() and self.cleaned_data["sort"]:
            return self.cleaned_data["sort"]
        return self.default_sort

    @property
    def narrows(self) -> bool:
        """Whether the search or a filter leaves cases out (a sort alone does not; a form not
        valid leaves them all out)."""
        if not self.is_bound:
            return False
        if not self.is_valid():
            return True
        data = self.cleaned_data
        given = [one.name for one in self.filters] + ["since", "until"]
        return bool(data["q"].strip()) or any(data.get(n) not in (None, "", False) for n in given)

    def narrow(self, cases: QuerySet) -> QuerySet:
        """``cases`` narrowed by the search and the filters given, in the sort asked for; no
        case at all when the form is not valid (its errors say why)."""
        if not self.is_bound:
            return cases.order_by(*self.ordering())
        if not self.is_valid():
            return cases.none()
        data = self.cleaned_data
        text = " ".join(data["q"].split())
        if text:
            cases = cases.filter(self.finder.search(text))
        for one in self.filters:
            value = data.get(one.name)
            if value not in (None, "", False):
                args = (value, self.viewer) if one.per_viewer else (value,)
                cases = cases.filter(one.condition(*args))
        arrived = self.dated
        if data.get("since"):
            cases = cases.filter(**{f"{arrived}__gte": _start_of(data["since"])})
        if data.get("until"):
            next_day = data["until"] + datetime.timedelta(days=1)
            cases = cases.filter(**{f"{arrived}__lt": _start_of(next_day)})
        return cases.order_by(*self.ordering())

    def ordering(self) -> list:
        """The sort's fields, then the case's id the way the first of them goes: a stable
        order (the queue's own by default: newest arrivals first, ids down)."""
        key = self.sort
        descending = key.startswith("-")
        parts = self.finder.sorts[key.lstrip("-")]
        first = parts[0]
        pk_down = descending != (isinstance(first, str) and first.startswith("-"))
        order = []
        for part in (*parts, "-pk" if pk_down != descending else "pk"):
            if isinstance(part, str):
                down = descending != part.startswith("-")
                name = part.lstrip("-")
                order.append(F(name).desc() if down else F(name).asc())
            elif descending:
                order.append(part.desc(nulls_last=True))
            else:
                order.append(part.asc(nulls_last=True))
        return order

    def headers(self, query) -> list:
        """Each column's header with the link that sorts by it (the other way round when it
        is the sort already) and its ``aria-sort``."""
        current = self.sort
        found = []
        for column in self.columns:
            if current == column.key:
                state, key = "ascending", f"-{column.key}"
            elif current == f"-{column.key}":
                state, key = "descending", column.key
            else:
                state, key = "none", column.key
            link = query.copy()
            link.pop("page", None)
            link["sort"] = key
            found.append(Header(column.header, f"?{link.urlencode()}", state))
        return found


@dataclass(frozen=True)
class Control:
    """One filter of the form as ``includes/find_form.html`` draws it, in plain values: what
    kind of control (``select``, ``checkbox`` or ``date``), its name, id and label, the value
    given, a choice's options as (value, label, selected), its help text and errors. The form
    is on every queue and list page: one loop over these costs a fraction of rendering each
    field's widget template (and each option's) in turn, for the same HTML."""

    kind: str
    name: str
    id: str
    label: str
    value: str
    options: tuple
    help_text: str
    errors: list
    described_by: str  # the ids of its help text and errors, for aria-describedby

    @property
    def options_html(self) -> SafeString:
        """A choice's options, as HTML (a hundred institutions' and departments' options cost
        a template's loop several times what this does)."""
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, SELECTED if selected else "", label)
                for value, label, selected in self.options
            ),
        )

    @classmethod
    def of(cls, field: forms.BoundField) -> "Control":
        given, options = field.data, ()
        if isinstance(field.field, forms.BooleanField):
            kind, value = "checkbox", "on" if given else ""
        elif isinstance(field.field, forms.DateField):
            kind, value = "date", given or ""
        else:
            kind, value = "select", "" if given is None else str(given)
            options = tuple(
                (str(option), label, str(option) == value)
                for option, label in _choices(field.field)
            )
        errors = list(field.errors)
        help_text = str(field.help_text)
        described = [f"{field.auto_id}_helptext"] if help_text else []
        described += [f"{field.auto_id}_error"] if errors else []
        return cls(
            kind,
            field.html_name,
            field.auto_id,
            str(field.label),
            value,
            options,
            help_text,
            errors,
            " ".join(described),
        )


def _choices(field: forms.Field):
    """A choice field's choices; a model's read in one query (Django's own iterator reads
    them through a server-side cursor on PostgreSQL: three round trips for a short list)."""
    if not isinstance(field, forms.ModelChoiceField):
        return field.choices
    return [("", field.empty_label)] + [
        (instance.pk, field.label_from_instance(instance)) for instance in field.queryset
    ]


@dataclass(frozen=True)
class Header:
    label: object
    link: str
    sort: str  # aria-sort: ascending, descending or none


def position_order(values, *, field: str = "state") -> Case:
    """``field``'s values in the order of ``values`` (a chain's states, step by step)."""
    whens = [When(**{field: value}, then=Value(n)) for n, value in enumerate(values)]
    return Case(*whens, default=Value(len(whens)))


def due_order(terms: Mapping, step_of_state: Mapping):
    """An estimate of each waiting case's due date, to sort by: the day it reached its step
    and the step's default limit in working days, as calendar days (five working days a
    week). Within one step that is the order of the due dates themselves; across steps it
    follows the default limits, not a city's own days off (the due dates shown are exact)."""
    whens = []
    for state, step in step_of_state.items():
        if step in terms:
            days = math.ceil(DEFAULT_STEP_TIME_LIMITS[terms[step]] * 7 / 5)
            whens.append(
                When(state=state, then=F("state_changed_at") + Value(datetime.timedelta(days)))
            )
    return Case(*whens, default=None, output_field=DateTimeField())


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def case_sorts(states, terms: Mapping, step_of_state: Mapping, *, about, list_columns) -> dict:
    """What a case type's columns sort by: the queues' (number, person, step, about, waiting,
    due: ``web.QUEUE_SORTS``), the state and opening day of its case list, and the list's
    own ``list_columns``. ``states``: the case type's states in their chain's order."""
    return {
        "number": ("number",),
        "person": ("person__name",),
        "step": (position_order(states),),
        "about": about,
        "waiting": ("-state_changed_at",),
        "due": (due_order(terms, step_of_state),),
        **list_columns,
        "state": (position_order(states),),
        "opened": ("created",),
    }
