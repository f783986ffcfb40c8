"""The files the policy commands read, and how a command refuses one (exit status 2)."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import CommandError
from django.utils.translation import gettext_lazy as _

NO_SUCH_FILE = _("There is no file %(path)s.")
NOT_UTF8 = _("%(path)s is not UTF-8 text.")
NOT_JSON = _("%(path)s is not JSON: %(error)s (line %(line)s, column %(column)s).")
REFUSED = _("%(path)s is refused:")
REFUSED_NOTHING_LOADED = _("%(path)s is refused; nothing was loaded:")

REFUSED_STATUS = 2


def read_text(path: str) -> str:
    """The UTF-8 text of ``path`` (a byte-order mark is dropped); ValidationError if none."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(NO_SUCH_FILE, params={"path": path}) from None
    except UnicodeDecodeError:
        raise ValidationError(NOT_UTF8, params={"path": path}) from None


def read_json(path: str) -> object:
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as error:
        params = {"path": path, "error": error.msg, "line": error.lineno, "column": error.colno}
        raise ValidationError(NOT_JSON, params=params) from None


def refusal(path: str, error: ValidationError, *, heading=REFUSED) -> CommandError:
    """The error a command raises for a refused file: every problem on a line of its own."""
    lines = [str(heading) % {"path": path}, *(f"- {message}" for message in error.messages)]
    return CommandError("\n".join(lines), returncode=REFUSED_STATUS)
