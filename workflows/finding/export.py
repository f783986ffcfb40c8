"""A case list exported: the rows its search and filters find, in the user's scope, as a CSV
file (UTF-8 with its byte-order mark, so that a spreadsheet opened on a Chinese Windows reads
the characters) or an Excel workbook (openpyxl). The headers are in the user's language.

A resident ID is masked (420106********3260) but for the municipal center's reviewers, who
check identities and pay; every exported case is an access record (``exported``) of its
person. An export holds at most ``EXPORT_LIMIT`` cases: a larger selection is refused with how
many it found, to be narrowed (the print center takes the large jobs in the background)."""

import csv
import datetime
import decimal
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from workflows import clock
from workflows.audit.access.services import personal_data_exported
from workflows.registry import resident_id
from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of

from .views import list_form

EXPORT_LIMIT = 5_000
FORMATS = ("csv", "xlsx")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What a workbook's cell holds as it is: numbers and days (a date column sorts as dates).
NATIVE = (int, float, decimal.Decimal, datetime.date)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOO_MANY = gettext_lazy(
    "The filter finds %(count)s cases; an export holds at most %(limit)s. Narrow the filter "
    "(a period, an institution, a state) and export again."
)
NOT_VALID = gettext_lazy("Correct the filter first: the list says what is wrong with it.")
RESIDENT_ID = gettext_lazy("Resident ID")
# Those who see resident IDs whole in an export: they check identities and pay.
WHOLE_IDS = (Role.CENTER_REVIEWER,)


@dataclass(frozen=True)
class Column:
    header: object
    value: Callable  # value(case) -> str, a date, a number


@dataclass(frozen=True)
class Export:
    """A case type's list export: the file's ``name``, which is also the URL namespace of its
    list (``<name>:list``) and of the export (``<name>:export``) unless ``namespace`` names
    another; the ``columns`` after the case number, the person and the resident ID (the first
    two headed as the list heads them); how the list is read (``cases(user=)``, scoped, with
    the joins the columns need) and who has it (``visible(user=)``, None for no access,
    refused with ``no_access``); the list's search (``finder``, ``list_columns``)."""

    name: str
    columns: tuple
    cases: Callable
    visible: Callable
    finder: object
    list_columns: tuple
    no_access: object
    namespace: str = ""

    def url(self, name: str) -> str:
        return f"{self.namespace or self.name}:{name}"

    @property
    def headers(self) -> list[str]:
        (number, _key), (person, _key) = self.list_columns[:2]
        return [str(number), str(person), str(RESIDENT_ID)] + [
            str(column.header) for column in self.columns
        ]


def links(request, export: Export) -> list[tuple]:
    """The list page's links to its export, each format with the page's search and filters."""
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    labels = {"csv": "CSV", "xlsx": "Excel"}
    return [
        (
            labels[fmt],
            reverse(export.url("export"), kwargs={"fmt": fmt}) + (f"?{encoded}" if encoded else ""),
        )
        for fmt in FORMATS
    ]


def export_view(export: Export):
    """The export page of a case list: ``/<list>/export.<csv|xlsx>?<the list's query>``."""

    @login_required
    def view(request, fmt: str):
        if export.visible(user=request.user) is None:
            raise PermissionDenied(export.no_access)
        query = request.GET.urlencode()
        back = reverse(export.url("list")) + (f"?{query}" if query else "")
        form = list_form(request, export.finder, export.list_columns)
        if form.is_bound and not form.is_valid():
            messages.error(request, NOT_VALID)
            return redirect(back)
        cases = form.narrow(export.cases(user=request.user))
        count = cases.count()
        if count > EXPORT_LIMIT:
            messages.error(
                request,
                TOO_MANY
                % {
                    "count": formats.number_format(count, force_grouping=True),
                    "limit": formats.number_format(EXPORT_LIMIT, force_grouping=True),
                },
            )
            return redirect(back)
        cases = list(cases)
        whole = actor_of(request.user).role in WHOLE_IDS
        rows = [
            [
                case.number,
                case.person.name,
                case.person.resident_id if whole else resident_id.mask(case.person.resident_id),
                *(column.value(case) for column in export.columns),
            ]
            for case in cases
        ]
        personal_data_exported(user=request.user, cases=cases, request=request)
        stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M")
        filename = f"{export.name}-{stamp}.{fmt}"
        content, kind = (_csv(export.headers, rows), "text/csv; charset=utf-8")
        if fmt == "xlsx":
            content, kind = _xlsx(export.headers, rows, title=export.name), XLSX
        response = HttpResponse(content, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    return view


def _text(value) -> str:
    """A cell's text. One that a spreadsheet would take for a formula (=, +, -, @ first) gets
    an apostrophe before it, so that it is shown as written and never run."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def _csv(headers: list, rows: list) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows([_text(value) for value in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(headers: list, rows: list, *, title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append([value if isinstance(value, NATIVE) else _text(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
