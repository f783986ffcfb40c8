"""Saving and deleting a user's filters: the only writers of SavedFilter."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from workflows import textlimits

from .models import NAME_LIMIT, QUERY_LIMIT, SavedFilter

# The pages whose query a filter saves: the inbox's and the overdue lists' tabs, the lists.
PAGES = frozenset(
    {"inbox_queue", "overdue_queue", "referrals:list", "claims:list", "resettlement:list"}
)
DUPLICATE = _("You already have a filter named “%(name)s” on this page: choose another name.")
NO_NAME = _("Give the filter a name.")
NOT_A_PAGE = _("Filters are saved on the inbox, the overdue lists and the case lists only.")
TOO_LONG_QUERY = _("This filter is too long to save: leave out some of its values.")


@transaction.atomic
def saved_filter_add(*, user, page: str, name: str, query: str) -> SavedFilter:
    """Save ``query`` (a page's query string: its search, filters and sort; the page
    number left out) under ``name`` for ``user`` on ``page`` (its path)."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": NO_NAME})
    textlimits.refuse_control_characters(name)
    textlimits.check_lengths(name=(name, NAME_LIMIT))
    if not is_a_filtered_page(page):
        raise ValidationError(NOT_A_PAGE)
    values = QueryDict(query, mutable=True)
    values.pop("page", None)
    query = values.urlencode()
    if len(query) > QUERY_LIMIT:
        raise ValidationError(TOO_LONG_QUERY)
    if SavedFilter.objects.filter(user=user, page=page, name=name).exists():
        raise ValidationError({"name": ValidationError(DUPLICATE, params={"name": name})})
    try:
        with transaction.atomic():
            return SavedFilter.objects.create(user=user, page=page, name=name, query=query)
    except IntegrityError:  # saved meanwhile, from another tab of the browser
        raise ValidationError({"name": ValidationError(DUPLICATE, params={"name": name})}) from None


@transaction.atomic
def saved_filter_delete(*, user, pk: int) -> SavedFilter | None:
    """Delete the user's own filter ``pk``; None if they have none of that id."""
    saved = SavedFilter.objects.filter(user=user, pk=pk).first()
    if saved is not None:
        saved.delete()
    return saved


def is_a_filtered_page(page: str) -> bool:
    """Whether ``page`` is the path of a page whose filters are saved (and of this site)."""
    if not page.startswith("/") or page.startswith("//"):
        return False
    try:
        return resolve(page).view_name in PAGES
    except Resolver404:
        return False
