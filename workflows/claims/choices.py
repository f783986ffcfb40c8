"""A claim's vocabulary: its kinds, where it stands, whose step it is, what it must include."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from workflows.badges import badge_tone
from workflows.documents.choices import Kind as Document


class Kind(models.TextChoices):
    """Also the policy scope of the calculation (``workflows.policy.choices.Scope``), but for
    off-site outpatient claims, whose scope says whether a filing covered the treatment."""

    EMERGENCY = "emergency", _("emergency treatment")
    REFERRAL = "referral", _("referred treatment")
    OFFSITE_OUTPATIENT = "offsite_outpatient", _("off-site outpatient treatment")


# The claimant opens these one by one; off-site outpatient claims come in the unit's batch.
SINGLE_KINDS = (Kind.EMERGENCY, Kind.REFERRAL)


class Decision(models.TextChoices):
    """What the center's reviewer decides on a claim under review."""

    APPROVE = "approve", _("Approve the calculated reimbursement")
    RETURN = "return", _("Return for supplements")
    REJECT = "reject", _("Refuse")


class BatchState(models.TextChoices):
    OPEN = "open", _("being prepared by the unit")
    SUBMITTED = "submitted", _("claims under review")
    ORDERED = "ordered", _("payment ordered")
    PAID = "paid", _("paid")
    CLOSED = "closed", _("closed with nothing to pay")

    tone = badge_tone(good=("ordered", "paid"), bad=("closed",))


class State(models.TextChoices):
    DRAFT = "draft", _("being prepared")
    SUBMITTED = "submitted", _("awaiting review by the center")
    RETURNED = "returned", _("returned for supplements")
    APPROVED = "approved", _("approved, awaiting payment")
    PAID = "paid", _("paid")
    CLOSED = "closed", _("approved, nothing to pay")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")

    tone = badge_tone(good=("approved", "paid", "closed"), bad=("rejected", "withdrawn"))


class Step(models.TextChoices):
    """The human steps, named as the flow's task nodes."""

    PREPARE = "prepare", _("preparing the claim")
    REVIEW = "review", _("review by the municipal center")
    PAY = "pay", _("payment by the municipal center")


STEP_OF_STATE = {
    State.DRAFT: Step.PREPARE,
    State.RETURNED: Step.PREPARE,
    State.SUBMITTED: Step.REVIEW,
    State.APPROVED: Step.PAY,
}
PREPARING = (State.DRAFT, State.RETURNED)
FINAL_STATES = (State.PAID, State.CLOSED, State.REJECTED, State.WITHDRAWN)
# Approved claims: their pooled-fund payment (none for a closed one) counts towards the
# person's annual cap, and their statement can be printed.
PAYING_STATES = (State.APPROVED, State.PAID, State.CLOSED)

# DOMAIN.md: what each kind of claim is reimbursed on. A referral claim also names the approved
# referral it follows; that is chosen, not uploaded.
REQUIRED_DOCUMENTS = {
    Kind.EMERGENCY: (
        Document.EMERGENCY_RECORDS,
        Document.EXAMINATION_SHEETS,
        Document.INVOICES,
        Document.EXPENSE_LIST,
    ),
    Kind.REFERRAL: (
        Document.MEDICAL_RECORD_CERTIFICATE,
        Document.PRESCRIPTION,
        Document.INVOICES,
        Document.EXPENSE_LIST,
    ),
    # DOMAIN.md, off-site resettlement: diagnosis, medical records, valid bills, prescriptions
    # and the expense lists.
    Kind.OFFSITE_OUTPATIENT: (
        Document.DIAGNOSIS,
        Document.MEDICAL_RECORDS,
        Document.INVOICES,
        Document.PRESCRIPTION,
        Document.EXPENSE_LIST,
    ),
}
OPTIONAL_DOCUMENTS = (Document.OTHER,)


def documents_of_kind(kind: str) -> tuple[str, ...]:
    """Every document a claim of ``kind`` may hold: the required ones, then the optional."""
    return (*REQUIRED_DOCUMENTS[Kind(kind)], *OPTIONAL_DOCUMENTS)
