"""How long each free text may be, and which control characters no typed value may hold: one
place for the forms, the services and the models.

The limits are what a paper form's box holds: the printed forms are laid out so that every
text at its limit still fits their one page (forms/fitting.py sets a long one smaller).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DIAGNOSIS = 100  # a diagnosis, as written on the admission record
CASE_SUMMARY = 500  # the course of the illness and the treatment so far
REASON = 300  # why: a referral, a statement, a return, a refusal, a withdrawal, a change
OPINION = 200  # a signer's opinion in their signature block
ADDRESS = 200  # a residence address, as on a household register

# Django's validators and these checks alike pass limit_value and show_value.
TOO_LONG = _("At most %(limit_value)d characters here: you typed %(show_value)d.")
MODEL_ERRORS = {"max_length": TOO_LONG}
# A free text holds lines and tabs, never another control character (a NUL, a bell, an escape);
# a one-line value (a name, a number) holds none at all. A value pasted or sent with one is
# refused, not stored for the database (PostgreSQL refuses NUL) or the printed form to trip on.
CONTROL_CHARACTER = _(
    "This text holds a control character (%(character)s) that cannot be kept: type it again "
    "without it."
)
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def length(text: str) -> int:
    """Characters as a person counts them: a line break is one, however the browser sent it."""
    return len(text.replace("\r\n", "\n"))


def too_long(text: str, limit: int) -> ValidationError | None:
    """The refusal of ``text`` if it is longer than ``limit``, else None."""
    typed = length(text)
    if typed <= limit:
        return None
    return ValidationError(
        TOO_LONG, code="max_length", params={"limit_value": limit, "show_value": typed}
    )


def control_character(text: str, *, lines: bool = False) -> str | None:
    """The first control character of ``text``, written U+0000; ``lines``: line breaks and
    tabs are text, not control characters."""
    found = (_CONTROL_IN_TEXT if lines else _CONTROL_IN_LINE).search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def written_out(text: str) -> str:
    """``text`` with each control character written as U+0000, so a message can show it."""
    return _CONTROL_IN_LINE.sub(lambda found: f"U+{ord(found.group()):04X}", text)


def refuse_control_characters(text: str, *, lines: bool = False) -> None:
    """Refuse ``text`` if it holds a control character (``control_character``)."""
    character = control_character(text or "", lines=lines)
    if character:
        raise ValidationError(
            CONTROL_CHARACTER, code="control_character", params={"character": character}
        )


def check_lengths(**texts: tuple[str, int]) -> None:
    """Refuse every text longer than its limit, on its field: ``reason=(reason, REASON)``."""
    errors = {}
    for field, (text, limit) in texts.items():
        error = too_long(text or "", limit)
        if error is not None:
            errors[field] = error
    if errors:
        raise ValidationError(errors)


class LimitedText(forms.CharField):
    """A free text of at most ``limit`` characters: the page gets maxlength (and its counter,
    static/js/characters_left.js), the server the same limit and the same message."""

    def __init__(self, *, limit: int, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        error_messages = {**MODEL_ERRORS, **kwargs.pop("error_messages", {})}
        super().__init__(max_length=limit, error_messages=error_messages, **kwargs)

    def validate(self, value):
        super().validate(value)
        refuse_control_characters(value, lines=True)

    def widget_attrs(self, widget):
        # The counter is for the texts people write, not for a username's or an ID's maxlength.
        return {**super().widget_attrs(widget), "data-characters-left": ""}

    def to_python(self, value):
        # A browser counts a line break as one character against maxlength but sends "\r\n".
        text = super().to_python(value)
        return text.replace("\r\n", "\n")


class PlainText(forms.CharField):
    """A one-line value typed into a form (a name, a number, a reference): Django's CharField
    refusing every control character, with the message free texts give."""

    def validate(self, value):
        super().validate(value)
        refuse_control_characters(value)
