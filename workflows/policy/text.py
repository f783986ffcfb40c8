"""Translatable messages kept with their parameters, rendered in the active language when read."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.functional import Promise

from .money import show_amount, show_percent, show_points


@dataclass(frozen=True, slots=True)
class Percent:
    """A ratio shown as a percentage (0.85 reads 85%)."""

    ratio: Decimal

    def __str__(self) -> str:
        return show_percent(self.ratio)


@dataclass(frozen=True, slots=True)
class Points:
    """A ratio shown in percentage points (0.10 reads 10)."""

    ratio: Decimal

    def __str__(self) -> str:
        return show_points(self.ratio)


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable message and its parameters: cheap to make, translated when read.

    Decimal parameters are amounts in yuan and read 1,234.50; lazy labels, nested messages,
    ``Percent`` and ``Points`` are rendered in the language active when the message is read.
    """

    text: Promise | str
    params: Mapping[str, object]

    def __str__(self) -> str:
        return str(self.text) % {name: _shown(value) for name, value in self.params.items()}

    def render(self, language: str | None = None) -> str:
        """The message in ``language``, or in the active language when it is None."""
        if language is None:
            return str(self)
        with translation.override(language):
            return str(self)


def _shown(value: object) -> str:
    return show_amount(value) if isinstance(value, Decimal) else str(value)
