"""Reads of saved filters: each user's own."""

from django.db.models import QuerySet

from .models import SavedFilter


def saved_filters_of(*, user, page: str) -> QuerySet[SavedFilter]:
    """The filters ``user`` saved on ``page`` (its path), by name."""
    return SavedFilter.objects.filter(user=user, page=page).order_by("name", "pk")
