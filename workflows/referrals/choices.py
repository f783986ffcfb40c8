"""A referral's vocabulary: where it goes, where it stands, and whose step it is."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from workflows.badges import badge_tone


class Scope(models.TextChoices):
    WITHIN_CITY = "within_city", _("within the city")
    WITHIN_PROVINCE = "within_province", _("outside the city, inside the province")
    OUTSIDE_PROVINCE = "outside_province", _("outside the province")


class State(models.TextChoices):
    DRAFT = "draft", _("with the attending physician")
    PROPOSED = "proposed", _("awaiting the department director")
    DEPARTMENT_APPROVED = "department_approved", _("awaiting the medical-insurance office")
    OFFICE_REVIEWED = "office_reviewed", _("awaiting the dean in charge")
    DEAN_SIGNED = "dean_signed", _("awaiting the municipal center")
    APPROVED = "approved", _("approved for transfer")
    USED = "used", _("transfer done")
    LAPSED = "lapsed", _("lapsed unused")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")

    tone = badge_tone(good=("approved", "used"), bad=("lapsed", "rejected", "withdrawn"))


class Step(models.TextChoices):
    """The five signatures, named as the flow's task nodes."""

    PROPOSE = "propose", _("proposal by the attending physician")
    DIRECTOR_REVIEW = "director_review", _("opinion of the department director")
    OFFICE_REVIEW = "office_review", _("review by the medical-insurance office")
    DEAN_SIGN = "dean_sign", _("signature of the dean in charge")
    CENTER_APPROVE = "center_approve", _("approval by the municipal center")


class Decision(models.TextChoices):
    """What a signer decides on the step that is theirs."""

    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return to the previous step")
    REJECT = "reject", _("Refuse")


# The chain: in which state each step's task is open, and where approving or returning leads.
STEP_OF_STATE = {
    State.DRAFT: Step.PROPOSE,
    State.PROPOSED: Step.DIRECTOR_REVIEW,
    State.DEPARTMENT_APPROVED: Step.OFFICE_REVIEW,
    State.OFFICE_REVIEWED: Step.DEAN_SIGN,
    State.DEAN_SIGNED: Step.CENTER_APPROVE,
}
STATE_OF_STEP = {step: state for state, step in STEP_OF_STATE.items()}
CHAIN = tuple(Step)
SIGNING_STEPS = CHAIN[1:]  # the four signatures after the proposal
# The signatures given at the hospital, after the proposal; the center's comes last.
HOSPITAL_STEPS = (Step.DIRECTOR_REVIEW, Step.OFFICE_REVIEW, Step.DEAN_SIGN)
PENDING_STATES = tuple(STEP_OF_STATE)
FINAL_STATES = (State.USED, State.LAPSED, State.REJECTED, State.WITHDRAWN)
