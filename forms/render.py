"""Render a document to PDF bytes: Django templates make the HTML, WeasyPrint typesets it."""

import threading
from pathlib import Path
from typing import NamedTuple

from django.template import Context, Engine
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .choices import LONG_TERM_CATEGORIES, TEMPORARY_CATEGORIES, ReferralScope
from .documents import OffsiteFilingForm, ReferralApprovalForm, ReimbursementStatement

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
STYLESHEET = TEMPLATES_DIR / "forms" / "print.css"
NOT_A_DOCUMENT = "render_pdf() prints the dataclasses of forms.documents, not {kind}."


class Layout(NamedTuple):
    template: str
    title: Promise
    number_field: str
    extra: dict


LAYOUTS = {
    ReferralApprovalForm: Layout(
        "forms/referral_approval_form.html",
        _("Referral approval form"),
        "case_number",
        {"scopes": tuple(ReferralScope)},
    ),
    ReimbursementStatement: Layout(
        "forms/reimbursement_statement.html",
        _("Medical expense reimbursement statement"),
        "claim_number",
        {},
    ),
    OffsiteFilingForm: Layout(
        "forms/offsite_filing_form.html",
        _("Off-site medical treatment filing form"),
        "filing_number",
        {"long_term": LONG_TERM_CATEGORIES, "temporary": TEMPORARY_CATEGORIES},
    ),
}

# Its own engine, so the forms' filters need no installed app and the compiled templates are
# cached whatever DEBUG says.
ENGINE = Engine(
    dirs=[TEMPLATES_DIR],
    libraries={"i18n": "django.templatetags.i18n", "printing": "forms.filters"},
)

# WeasyPrint's fonts (Pango) are not thread-safe: each thread keeps its own font configuration
# and parsed stylesheet, made at its first render and reused by all the next.
_per_thread = threading.local()


def render_html(document, *, language: str = "zh-hans") -> str:
    """The document as the HTML that render_pdf typesets (for debugging and tests)."""
    layout = LAYOUTS.get(type(document))
    if layout is None:
        raise TypeError(NOT_A_DOCUMENT.format(kind=type(document).__name__))
    with translation.override(language):
        context = {
            "doc": document,
            "title": str(layout.title),
            "number": getattr(document, layout.number_field),
            **layout.extra,
        }
        return ENGINE.get_template(layout.template).render(Context(context))


def render_pdf(document, *, language: str = "zh-hans") -> bytes:
    """The document as an A4 PDF, in Chinese unless another language is asked for."""
    font_config, stylesheet = _typesetting()
    html = HTML(string=render_html(document, language=language), base_url=str(TEMPLATES_DIR))
    return html.write_pdf(stylesheets=[stylesheet], font_config=font_config)


def _typesetting() -> tuple[FontConfiguration, CSS]:
    if not hasattr(_per_thread, "stylesheet"):
        _per_thread.font_config = FontConfiguration()
        _per_thread.stylesheet = CSS(filename=str(STYLESHEET), font_config=_per_thread.font_config)
    return _per_thread.font_config, _per_thread.stylesheet
