"""A filing's vocabulary: its categories, where it stands, whose step it is, what it includes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from forms.choices import LONG_TERM_CATEGORIES, TEMPORARY_CATEGORIES
from forms.choices import FilingCategory as Category
from workflows.badges import badge_tone
from workflows.documents.choices import Kind as Document

__all__ = ["LONG_TERM_CATEGORIES", "TEMPORARY_CATEGORIES", "Category"]


class State(models.TextChoices):
    DRAFT = "draft", _("being prepared")
    SUBMITTED = "submitted", _("awaiting review by the center")
    RETURNED = "returned", _("returned for correction")
    IN_FORCE = "in_force", _("in force until withdrawn")
    CHANGE_REQUESTED = "change_requested", _("in force, a change of institutions awaits review")
    TEMPORARY_IN_FORCE = "temporary_in_force", _("in force until its end date")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EXPIRED = "expired", _("expired")

    tone = badge_tone(
        good=("in_force", "change_requested", "temporary_in_force"),
        bad=("rejected", "withdrawn", "expired"),
    )


class Step(models.TextChoices):
    """The human steps, named as the flow's task nodes."""

    PREPARE = "prepare", _("preparing the filing")
    REVIEW = "review", _("review by the municipal center")
    HOLD = "hold", _("in force: the applicant may change or withdraw it")
    CHANGE_REVIEW = "change_review", _("review of a change of institutions")
    HOLD_TEMPORARY = (
        "hold_temporary",
        _("in force until its end date: the applicant may withdraw it"),
    )


class ChoiceState(models.TextChoices):
    """Where one version of the designated institutions stands."""

    PROPOSED = "proposed", _("proposed")
    IN_FORCE = "in_force", _("in force")
    SUPERSEDED = "superseded", _("superseded")
    RETURNED = "returned", _("returned for correction")
    REFUSED = "refused", _("refused")

    tone = badge_tone(good=("in_force",), warn=("proposed",), other="")  # plain once over


class Decision(models.TextChoices):
    """What the center's reviewer decides on a filing."""

    APPROVE = "approve", _("Approve the filing")
    RETURN = "return", _("Return for correction")
    REJECT = "reject", _("Refuse")


class ChangeDecision(models.TextChoices):
    """What the center's reviewer decides on a change of institutions."""

    APPROVE = "approve", _("Approve the change")
    RETURN = "return", _("Return the change for correction")
    REJECT = "reject", _("Refuse the change")


STEP_OF_STATE = {
    State.DRAFT: Step.PREPARE,
    State.RETURNED: Step.PREPARE,
    State.SUBMITTED: Step.REVIEW,
    State.IN_FORCE: Step.HOLD,
    State.CHANGE_REQUESTED: Step.CHANGE_REVIEW,
    State.TEMPORARY_IN_FORCE: Step.HOLD_TEMPORARY,
}
PREPARING = (State.DRAFT, State.RETURNED)
PENDING = (*PREPARING, State.SUBMITTED)
IN_FORCE = (State.IN_FORCE, State.CHANGE_REQUESTED, State.TEMPORARY_IN_FORCE)
# A person may not hold two of these for overlapping periods.
LIVE = (*PENDING, *IN_FORCE)
WITHDRAWABLE = (*PREPARING, State.IN_FORCE, State.TEMPORARY_IN_FORCE)
FINAL_STATES = (State.REJECTED, State.WITHDRAWN, State.EXPIRED)
# The center's queue: filings and changes waiting for a decision.
QUEUE_STATES = (State.SUBMITTED, State.CHANGE_REQUESTED)

MAX_INSTITUTIONS = 2

# DOMAIN.md: residence proof (or a signed pledge), the unit's letter with its seal, the referral
# certificate. The unit's letter is a dispatch letter (单位派出证明): only posted staff have one,
# and it is asked for only when the unit files (a person files for themself only when their
# unit no longer exists).
REQUIRED_ATTACHMENTS = {
    Category.RESETTLED_RETIREE: (Document.RESIDENCE_PROOF,),
    Category.LONG_TERM_RESIDENT: (Document.RESIDENCE_PROOF,),
    Category.POSTED_STAFF: (Document.UNIT_LETTER,),
    Category.REFERRED_PATIENT: (Document.REFERRAL_CERTIFICATE,),
    Category.EMERGENCY: (),
    Category.TEMPORARY_TRIP: (),
}
ATTACHMENTS = (
    Document.RESIDENCE_PROOF,
    Document.UNIT_LETTER,
    Document.REFERRAL_CERTIFICATE,
    Document.OTHER,
)


def required_attachments(category: str, *, by_unit: bool) -> tuple[str, ...]:
    kinds = REQUIRED_ATTACHMENTS[Category(category)]
    return tuple(kind for kind in kinds if by_unit or kind != Document.UNIT_LETTER)


def optional_attachments(category: str, *, by_unit: bool) -> tuple[str, ...]:
    """What the checklist offers besides the required: never a dispatch letter to anyone but
    posted staff."""
    required = required_attachments(category, by_unit=by_unit)
    dispatched = Category(category) == Category.POSTED_STAFF
    return tuple(
        kind
        for kind in ATTACHMENTS
        if kind not in required and (dispatched or kind != Document.UNIT_LETTER)
    )
