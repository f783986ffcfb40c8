"""The kinds of document a case asks for (each answers one item of a case's checklist), which
of them hold several files, and the file types accepted."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """Shared by every case type, so an invoice is an invoice whichever case it belongs to.

    A case type lists the kinds its checklist asks for; a new case type adds its own here.
    """

    EMERGENCY_RECORDS = "emergency_records", _("emergency hospitalisation records")
    EXAMINATION_SHEETS = "examination_sheets", _("examination and laboratory sheets")
    MEDICAL_RECORD_CERTIFICATE = "medical_record_certificate", _("medical record certificate")
    PRESCRIPTION = "prescription", _("prescription")
    INVOICES = "invoices", _("invoices")
    EXPENSE_LIST = "expense_list", _("detailed expense list")
    DIAGNOSIS = "diagnosis", _("diagnosis certificate")
    MEDICAL_RECORDS = "medical_records", _("medical records")
    # Off-site filings: the values are the printed form's attachment kinds.
    RESIDENCE_PROOF = "residence_proof", _("residence proof or signed pledge")
    UNIT_LETTER = "unit_letter", _("unit dispatch letter (sealed)")
    REFERRAL_CERTIFICATE = "referral_certificate", _("referral certificate")
    OTHER = "other", _("other supporting documents")


# The kinds that hold several files, each a file of its own, with its own versions. People
# photograph or scan paper one sheet at a time, so a kind holds several files wherever the
# paper is normally several sheets or several documents:
# - emergency hospitalisation records, medical records: pages of a record, and several visits;
# - examination and laboratory sheets: one sheet per examination or test;
# - invoices: one per payment, and a stay is paid for several times;
# - prescriptions: one per prescribing, several in a stay or over outpatient visits;
# - the detailed expense list: the hospital prints it over several pages;
# - residence proof: a residence permit's two sides, a lease's pages;
# - other supporting documents: anything, so any number.
# The others are one signed or sealed sheet each: the medical record certificate and the
# diagnosis certificate (one per stay, issued by the hospital), the unit's sealed dispatch
# letter and the referral certificate. A second upload of one of those is a new version of it.
HOLDS_SEVERAL_FILES = frozenset(
    {
        Kind.EMERGENCY_RECORDS,
        Kind.MEDICAL_RECORDS,
        Kind.EXAMINATION_SHEETS,
        Kind.INVOICES,
        Kind.PRESCRIPTION,
        Kind.EXPENSE_LIST,
        Kind.RESIDENCE_PROOF,
        Kind.OTHER,
    }
)


def holds_several_files(kind: str) -> bool:
    """Whether a document of ``kind`` is normally several files (each its own, versioned on
    its own), rather than one file that a new upload replaces by a new version."""
    return kind in HOLDS_SEVERAL_FILES


class ContentType(models.TextChoices):
    """The only file types accepted, as recognised from the file's first bytes."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


EXTENSIONS = {
    ContentType.PDF: (".pdf",),
    ContentType.JPEG: (".jpg", ".jpeg"),
    ContentType.PNG: (".png",),
}

# What a file input offers: the accepted types by their MIME types, which Chromium on Android
# turns into its chooser's filter, offering the camera beside the files because image types
# are among them (see templates/includes/checklist.html).
ACCEPT = ",".join(ContentType.values)
