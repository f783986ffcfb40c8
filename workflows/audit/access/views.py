"""The access log's pages: a supervisor's search of their city's, and an insured person's
"who looked at my records". Thin: the permission, the selector, a page of rows."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from . import permissions, selectors
from .forms import AccessSearchForm
from .models import AccessRecord

NOT_A_SUPERVISOR = _("Only a supervisor searches the access log, for the people of their city.")
NOT_AN_INSURED_PERSON = _("Only an insured person sees who looked at their own records.")
PAGE_SIZE = 25


@login_required
def access_log_search(request):
    city_id = permissions.searched_city(user=request.user)
    if city_id is None:
        raise PermissionDenied(NOT_A_SUPERVISOR)
    form = AccessSearchForm(request.GET or None)
    if not form.is_bound:
        records = selectors.access_records_search(city_id=city_id)
    elif form.is_valid():
        records = selectors.access_records_search(city_id=city_id, **form.cleaned_data)
    else:
        records = AccessRecord.objects.none()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/access_log.html",
        {
            "form": form,
            "page": _page(request, records),
            "query": query.urlencode(),
            "retention_days": settings.ACCESS_LOG_RETENTION_DAYS,
        },
    )


@login_required
def who_looked(request):
    person = permissions.own_records_person(user=request.user)
    if person is None:
        raise PermissionDenied(NOT_AN_INSURED_PERSON)
    records = selectors.access_records_of(person=person, other_than=request.user)
    return render(
        request,
        "audit/who_looked.html",
        {"page": _page(request, records), "retention_days": settings.ACCESS_LOG_RETENTION_DAYS},
    )


def _page(request, records):
    return Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
