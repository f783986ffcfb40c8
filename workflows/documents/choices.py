"""The kinds of document a case asks for: each answers one item of a case's checklist."""

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
