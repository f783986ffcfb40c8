"""A notification's vocabulary: what it tells, how its recipient wants to be told."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What happened, as the recipient chooses how to be told of it."""

    TASK = "task", _("A task arrives in my inbox")
    RETURNED = "returned", _("A case of mine is returned for correction")
    REFUSED = "refused", _("A case of mine is refused")
    APPROVED = "approved", _("A case of mine is approved")
    PAID = "paid", _("A claim of mine is paid")
    LAPSED = "lapsed", _("A referral of mine lapses unused")
    EXPIRING = "expiring", _("A filing of mine is about to expire")
    EXPIRED = "expired", _("A filing of mine expires")
    DUE_SOON = "due_soon", _("A task of mine is due on the next working day")
    OVERDUE = "overdue", _("A task I hold or watch over is overdue")


# What each kind says, with the case's kind, number and the person's masked name.
MESSAGES = {
    Kind.TASK: _("%(case)s %(number)s (%(person)s) is waiting for you: %(step)s."),
    Kind.RETURNED: _("%(case)s %(number)s (%(person)s) was returned for correction."),
    Kind.REFUSED: _("%(case)s %(number)s (%(person)s) was refused."),
    Kind.APPROVED: _("%(case)s %(number)s (%(person)s) was approved."),
    Kind.PAID: _("%(case)s %(number)s (%(person)s) was paid."),
    Kind.LAPSED: _("%(case)s %(number)s (%(person)s) lapsed unused."),
    Kind.EXPIRING: _("%(case)s %(number)s (%(person)s) is in force until %(due)s, then expires."),
    Kind.EXPIRED: _("%(case)s %(number)s (%(person)s) expired."),
    Kind.DUE_SOON: _("%(case)s %(number)s (%(person)s) is due on %(due)s: %(step)s."),
    Kind.OVERDUE: _(
        "%(case)s %(number)s (%(person)s) was due on %(due)s and is overdue: %(step)s."
    ),
}


class Delivery(models.TextChoices):
    """How a recipient is told of one kind: always in the app, and by email or not."""

    APP = "app", _("In the app only")
    EMAIL = "email", _("In the app, and by email at once")
    DIGEST = "digest", _("In the app, and in one email a day")


DEFAULT_DELIVERY = Delivery.EMAIL


class Mail(models.TextChoices):
    """Where a notification's email stands."""

    NONE = "none", _("no email")
    PENDING = "pending", _("to be sent")
    DIGEST = "digest", _("in the next daily email")
    SENT = "sent", _("sent")
