"""Step records (who did what to which case, when, from where) and case-number counters."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflows.registry.roles import Role

APPEND_ONLY = _("Step records are never changed or deleted.")
SIGNED_BY_STAND_IN = _("%(absent)s (signed by %(stand_in)s, standing in)")


class Action(models.TextChoices):
    CREATE = "create", _("created")
    REVISE = "revise", _("revised")
    PROPOSE = "propose", _("proposed")
    SUBMIT = "submit", _("submitted")
    APPROVE = "approve", _("approved")
    SIGN = "sign", _("signed")
    RETURN = "return", _("returned")
    REJECT = "reject", _("rejected")
    WITHDRAW = "withdraw", _("withdrew")
    USE = "use", _("marked as used")
    LAPSE = "lapse", _("lapsed")
    PAY = "pay", _("paid")
    UPLOAD = "upload", _("uploaded")
    CALCULATE = "calculate", _("calculated")
    REQUEST_CHANGE = "request_change", _("asked for a change")
    EXPIRE = "expire", _("expired")
    ORDER = "order", _("ordered the payment")
    CLOSE = "close", _("closed")
    # The system's: the open step passed its due date (workflows/escalation.py).
    OVERDUE = "overdue", _("found the step overdue")
    # The system's: the open step is due on the next working day; its owners are reminded.
    REMIND = "remind", _("reminded of the due date")
    # Who holds the open task (workflows/claiming.py): not a change of the case itself.
    CLAIM = "claim", _("took the task")
    RELEASE = "release", _("released the task")
    REASSIGN = "reassign", _("gave the task to")


# The records that say who holds a task or that it is due or late: the last step taken is
# another's.
NOT_STEPS_TAKEN = (Action.OVERDUE, Action.REMIND, Action.CLAIM, Action.RELEASE, Action.REASSIGN)


class StepRecord(models.Model):
    """One step of one case. Written once by a service, never updated or deleted."""

    case_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("case type")
    )
    case_id = models.PositiveBigIntegerField(_("case id"))
    case = GenericForeignKey("case_type", "case_id")
    case_number = models.CharField(_("case number"), max_length=32, db_index=True)
    step = models.CharField(_("step"), max_length=64, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="step_records",
        verbose_name=_("actor"),
    )
    # Snapshots: a printed form shows who signed as what, even after people move on.
    actor_name = models.CharField(_("actor's name"), max_length=64, blank=True)
    actor_role = models.CharField(
        _("actor's role"), max_length=32, blank=True, choices=Role.choices
    )
    actor_organisation = models.CharField(_("on behalf of"), max_length=200, blank=True)
    # A stand-in's step (registry/standins): the absent person it was taken for.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stood in for"),
    )
    on_behalf_of_name = models.CharField(_("stood in for (name)"), max_length=64, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    state_before = models.CharField(_("state before"), max_length=32, blank=True)
    state_after = models.CharField(_("state after"), max_length=32)
    at = models.DateTimeField(_("time"))
    ip_address = models.GenericIPAddressField(_("request address"), null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("step record")
        verbose_name_plural = _("step records")
        indexes = [
            models.Index(fields=["case_type", "case_id", "at"], name="step_case_idx"),
            # The notifications' sweep reads the last day's steps (workflows/notifications).
            models.Index(fields=["at"], name="step_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.get_action_display()} {self.actor_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(str(APPEND_ONLY))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(str(APPEND_ONLY))

    @property
    def signed_as(self) -> str:
        """The signer as a page or a printed form names them: 王芳, or, for a stand-in's
        step, the absent person and the stand-in's surname, 刘洋（李某代签）."""
        if not self.on_behalf_of_name:
            return self.actor_name
        return SIGNED_BY_STAND_IN % {
            "absent": self.on_behalf_of_name,
            "stand_in": self.actor_name[:1] + "某",
        }


class CaseCounter(models.Model):
    """The last number given to a case of one kind in one year (ZZ2026-000042)."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="case_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}{self.year}: {self.last}"


# The access log's model lives with its package; imported here, where Django looks for models.
from .access.models import AccessRecord  # noqa: E402, F401
