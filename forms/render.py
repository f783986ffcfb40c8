"""Render a document to PDF bytes: Django templates make the HTML, WeasyPrint typesets it."""

import threading
from collections.abc import Callable
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
from .fitting import Box, Fitted, fit

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
STYLESHEET = TEMPLATES_DIR / "forms" / "print.css"
NOT_A_DOCUMENT = "render_pdf() prints the dataclasses of forms.documents, not {kind}."


# The free texts of each form, each with its room: (label on a continuation sheet, text, box).
# Widths are the cells' inside widths on A4 less margins (print.css); the heights add up, with
# every other row, to one page when each text is at its limit (workflows/textlimits.py).
FIELD_TEXT_MM = 146  # a text cell beside one label column (the wider English one)
OPINION_MM = 105  # the opinion cell between the role and the signature columns


def _referral_texts(doc: ReferralApprovalForm) -> dict[str, tuple]:
    def opinion(role, signature) -> tuple:
        label = _("%(role)s: opinion") % {"role": role}
        return label, signature.opinion if signature else "", Box(OPINION_MM, 20)

    return {
        "diagnosis": (_("Diagnosis"), doc.diagnosis, Box(FIELD_TEXT_MM, 8)),
        "outside_province_statement": (
            _("Outside-province statement"),
            doc.outside_province_statement,
            Box(FIELD_TEXT_MM, 21),
        ),
        "reason": (_("Reason for referral"), doc.reason, Box(FIELD_TEXT_MM, 21)),
        "case_summary": (_("Case summary"), doc.case_summary, Box(FIELD_TEXT_MM, 34)),
        "attending_physician": opinion(_("Attending physician"), doc.attending_physician),
        "department_director": opinion(_("Department director"), doc.department_director),
        "insurance_office": opinion(_("Medical-insurance office"), doc.insurance_office),
        "dean": opinion(_("Dean in charge"), doc.dean),
        "center": opinion(_("Municipal medical-insurance center"), doc.center),
    }


def _filing_texts(doc: OffsiteFilingForm) -> dict[str, tuple]:
    return {
        "residence_address": (
            _("Residence address"),
            doc.residence_address,
            Box(FIELD_TEXT_MM, 15),
        ),
    }


class Layout(NamedTuple):
    template: str
    title: Promise
    number_field: str
    extra: dict
    texts: Callable[[object], dict[str, tuple]] = lambda doc: {}


LAYOUTS = {
    ReferralApprovalForm: Layout(
        "forms/referral_approval_form.html",
        _("Referral approval form"),
        "case_number",
        {"scopes": tuple(ReferralScope)},
        _referral_texts,
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
        _filing_texts,
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
        fitted = fitted_texts(document, layout)
        context = {
            "doc": document,
            "title": str(layout.title),
            "number": getattr(document, layout.number_field),
            "fit": fitted,
            "continued": [text for text in fitted.values() if text.continued],
            **layout.extra,
        }
        return ENGINE.get_template(layout.template).render(Context(context))


def fitted_texts(document, layout: Layout) -> dict[str, Fitted]:
    """Each free text of the document set to fit its box, or sent to the continuation sheet."""
    return {
        name: fit(text, box, label=str(label))
        for name, (label, text, box) in layout.texts(document).items()
    }


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
