"""Template filters shared by every page."""

from django import template

from .. import resident_id

register = template.Library()


@register.filter
def masked_id(value: str) -> str:
    """A resident ID as shown to anyone who does not need it whole."""
    return resident_id.mask(value)
