"""Read a PDF as the tests check it, with poppler's pdftotext, pdfinfo and pdffonts."""

import re
import subprocess

A4 = "595.276 x 841.89 pts (A4)"


def _run(*command: str, pdf: bytes) -> str:
    return subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode()


def text(pdf: bytes, *, page: int | None = None) -> str:
    """The text of the PDF (or of one page) with every space and line break taken out.

    Table cells wrap their text and pdftotext puts spaces between CJK runs, so the tests look
    for each value with its own spaces taken out too (see ``squeeze``).
    """
    pages = ("-f", str(page), "-l", str(page)) if page else ()
    return squeeze(_run("pdftotext", *pages, "-", "-", pdf=pdf))


def missing(pdf: bytes, values: list[str]) -> list[str]:
    """The values (field values, labels) that the PDF's text does not contain."""
    found = text(pdf)
    return [value for value in values if squeeze(value) not in found]


def rows(pdf: bytes) -> list[str]:
    """The lines of the page as laid out (pdftotext -layout), each without its spaces: a table
    row whose cells do not wrap reads as one line."""
    return [squeeze(line) for line in _run("pdftotext", "-layout", "-", "-", pdf=pdf).splitlines()]


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def info(pdf: bytes) -> dict[str, str]:
    lines = _run("pdfinfo", "-", pdf=pdf).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """One row per font: name, emb(edded), sub(set)."""
    rows = _run("pdffonts", "-", pdf=pdf).splitlines()[2:]
    return [
        {"name": row.split()[0], "emb": row.split()[-5], "sub": row.split()[-4]} for row in rows
    ]
