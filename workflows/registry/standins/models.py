"""Stand-ins: a staff member away names a colleague of the same role and scope who acts for
them over a period; the stand-in's steps then name both."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class StandIn(models.Model):
    """``stand_in`` acts for ``absent`` from ``starts_on`` to ``ends_on``, both included: the
    absent person's tasks show in their inbox, and what they sign is signed on the absent
    person's behalf. It ends by itself after ``ends_on``."""

    absent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="stand_ins",
        verbose_name=_("absent person"),
    )
    stand_in = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="standing_in_for",
        verbose_name=_("stand-in"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    created_at = models.DateTimeField(_("named at"))

    class Meta:
        verbose_name = _("stand-in")
        verbose_name_plural = _("stand-ins")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="stand_in_ends_after_start"
            ),
            models.CheckConstraint(condition=~Q(absent=F("stand_in")), name="stand_in_not_oneself"),
        ]
        indexes = [models.Index(fields=["stand_in", "ends_on"], name="stand_in_active")]

    def __str__(self) -> str:
        return f"{self.stand_in} → {self.absent} {self.starts_on}–{self.ends_on}"
