"""Saving and deleting a filter, from the queue or list it was made on, and what those pages
show of the search: the form, the sortable headers, the saved filters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .filters import OPENED


def page_context(request, form, *, path: str) -> dict:
    """What a queue or list page shows of its search: the ``form``, its column headers
    (each sorting), the query the pager keeps, and the user's filters saved on ``path``."""
    query = QueryDict(mutable=True)  # what was asked for: the blank fields left out
    for key, values in request.GET.lists():
        given = [value for value in values if value]
        if given and key != "page":
            query.setlist(key, given)
    return {
        "find_form": form,
        "headers": form.headers(query),
        "query": query.urlencode(),
        "page_path": path,
        "saved_filters": selectors.saved_filters_of(user=request.user, page=path),
    }


@login_required
@require_POST
def saved_filter_save(request):
    page, query = request.POST.get("page", ""), request.POST.get("query", "")
    try:
        saved = services.saved_filter_add(
            user=request.user, page=page, name=request.POST.get("name", ""), query=query
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        if not services.is_a_filtered_page(page):
            return redirect("home")
        return redirect(f"{page}?{query}" if query else page)
    messages.success(request, _("Filter “%(name)s” saved.") % {"name": saved.name})
    return redirect(saved.get_absolute_url())


@login_required
@require_POST
def saved_filter_delete(request, pk: int):
    saved = services.saved_filter_delete(user=request.user, pk=pk)
    if saved is None:
        messages.error(request, _("That saved filter is not yours, or is already deleted."))
        return redirect("home")
    messages.success(request, _("Filter “%(name)s” deleted.") % {"name": saved.name})
    return redirect(saved.page)


def list_form(request, finder, columns):
    """A case list's search, filters and sort, newest opened first by default."""
    return finder.form(
        request.GET,
        viewer=finder.list_viewer(request.user, request.GET),
        columns=columns,
        default_sort="-opened",
        dated=OPENED,
        without=("claimed",),  # whose task it is, on the queues
    )
