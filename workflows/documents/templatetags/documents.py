"""What the checklist's upload controls need from the documents app."""

from django import template

from ..choices import ACCEPT

register = template.Library()


@register.simple_tag
def accepted_types() -> str:
    """The file input's ``accept``: the MIME types of the accepted files."""
    return ACCEPT
