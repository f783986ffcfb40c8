"""Fit a free text into its box on a printed form, as one writes small on a paper form.

A box has the width of its cell and the most height its text may take without pushing the
form past its page. The text is set at the form's size if it fits, else a step smaller, never
below a legible 7.5 pt; a text that fits at none goes to a continuation sheet, and its box
names that sheet. The fit is worked out from the characters (a CJK character is one em wide,
others less) rather than by typesetting the form again, so fitting costs nothing noticeable.
"""

import math
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

SIZES_PT = (9.5, 9.0, 8.5, 8.0, 7.5)  # the form's own size first; 7.5 pt is the least
LINE_HEIGHT = 1.25  # tighter than the form's 1.4, as small handwriting is
PT_PER_MM = 72 / 25.4
NARROW_EM = 0.62  # the widest a Latin letter, digit or space runs on average, with a margin
SLACK_EM = 2.0  # what a line loses where a word or a closing punctuation mark cannot break


class Box(NamedTuple):
    """A text's room on the form: its width inside the cell and its most height, in mm."""

    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class Fitted:
    """A text as it prints: at ``size`` pt in its box, or ``continued`` on the continuation
    sheet under ``label``, its box naming that sheet."""

    text: str
    label: str
    size: float
    continued: bool = False

    @property
    def style(self) -> str:
        return f"font-size: {self.size}pt; line-height: {LINE_HEIGHT}"


def fit(text: str, box: Box, *, label: str) -> Fitted:
    """``text`` set as large as its box allows, or sent to the continuation sheet."""
    widths = [_width_em(line) for line in text.split("\n")]  # once, for every size tried
    for size in SIZES_PT:
        if _height_mm(widths, box.width_mm, size) <= box.height_mm:
            return Fitted(text=text, label=label, size=size)
    return Fitted(text=text, label=label, size=SIZES_PT[0], continued=True)


def _height_mm(widths: list[float], width_mm: float, size: float) -> float:
    per_line = width_mm * PT_PER_MM / size - SLACK_EM
    lines = sum(max(1, math.ceil(width / per_line)) for width in widths)
    return lines * size * LINE_HEIGHT / PT_PER_MM


def _width_em(line: str) -> float:
    wide = sum(1 for ch in line if unicodedata.east_asian_width(ch) in "WF")
    return wide + (len(line) - wide) * NARROW_EM
