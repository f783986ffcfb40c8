"""Notifications: one per recipient of what a step of a case told them, read or not, with the
state of its email; each person's choice of how to be told of each kind."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflows.audit.models import StepRecord

from .choices import Delivery, Kind, Mail


class Notification(models.Model):
    """What one step (``record``) told one person. It names the case by its kind, number and
    the person's masked name only: no other personal data, in the app or in the mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    record = models.ForeignKey(
        StepRecord, on_delete=models.PROTECT, related_name="+", verbose_name=_("step record")
    )
    case_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("case type")
    )
    case_id = models.PositiveBigIntegerField(_("case id"))
    case_number = models.CharField(_("case number"), max_length=32)
    person = models.CharField(_("person (masked)"), max_length=16, blank=True)
    step = models.CharField(_("step"), max_length=64, blank=True)
    due = models.DateField(_("due on"), null=True, blank=True)
    path = models.CharField(_("link"), max_length=200)
    created_at = models.DateTimeField(_("time"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail = models.CharField(_("email"), max_length=8, choices=Mail.choices, default=Mail.NONE)
    mail_attempts = models.PositiveSmallIntegerField(_("email attempts"), default=0)
    next_mail_at = models.DateTimeField(_("next email attempt"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    mail_error = models.CharField(_("last email error"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["next_mail_at"],
                condition=models.Q(mail="pending"),
                name="notification_mail_due",
            ),
            models.Index(
                fields=["recipient"], condition=models.Q(mail="digest"), name="notification_digest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.get_kind_display()} → {self.recipient}"


class NotifiedStep(models.Model):
    """That a step record's notifications were made: made once, however often it is sent to
    the worker or found by the sweep."""

    record = models.OneToOneField(
        StepRecord, on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("notified step")
        verbose_name_plural = _("notified steps")

    def __str__(self) -> str:
        return f"{self.record_id} {self.at:%Y-%m-%d %H:%M}"


class Preference(models.Model):
    """How one person wants to be told of one kind; without one, ``DEFAULT_DELIVERY``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=8, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} → {self.get_delivery_display()}"
