"""An employer unit's monthly batch of off-site outpatient claims for its resettled retirees,
and the lines of the one payment order that pays it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.registry.models import EmployerUnit, Region
from workflows.stateguard import StateGuard

from ..choices import BatchState

MONEY = {"max_digits": 12, "decimal_places": 2}


class ClaimBatch(StateGuard, models.Model):
    """The claims a unit submits together inside the policy's settlement window.

    Each claim is reviewed on its own; when none awaits review any more, the claims approved
    are listed on one payment order to the unit (a returned claim goes into a later batch).
    """

    number = models.CharField(_("batch number"), max_length=32, unique=True)
    unit = models.ForeignKey(
        EmployerUnit,
        on_delete=models.PROTECT,
        related_name="claim_batches",
        verbose_name=_("employer unit"),
    )
    city = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("insured city"),
        help_text=_("The unit's city, whose insurance center reviews and pays; fixed when opened."),
        db_index=False,  # the queue index below starts with it
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened at"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    payee = models.CharField(_("payee"), max_length=64, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    bank_account = models.CharField(_("bank account number"), max_length=32, blank=True)
    state = FSMField(
        _("state"),
        max_length=16,
        choices=BatchState.choices,
        default=BatchState.OPEN,
        protected=True,
    )
    state_changed_at = models.DateTimeField(
        _("in this state since"), default=timezone.now, editable=False
    )

    class Meta:
        verbose_name = _("batch of outpatient claims")
        verbose_name_plural = _("batches of outpatient claims")
        indexes = [
            models.Index(fields=["city", "state", "-state_changed_at"], name="batch_city_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(state="open"), name="batch_one_open_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.unit.name}"

    @property
    def current_state(self) -> BatchState:
        """The state as its choice: its label and its badge's tone."""
        return BatchState(self.state)

    # Transitions only stamp fields; who may fire them and when is checked by the services.

    @transition(field=state, source=BatchState.OPEN, target=BatchState.SUBMITTED)
    def submit(self, *, on) -> None:
        """The unit's agent submits every claim of the batch, inside the window."""
        self.submitted_on = on

    @transition(field=state, source=BatchState.SUBMITTED, target=BatchState.ORDERED)
    def order(self) -> None:
        """No claim awaits review any more and some were approved: one order pays them."""

    @transition(field=state, source=BatchState.SUBMITTED, target=BatchState.CLOSED)
    def close(self) -> None:
        """No claim awaits review any more and none was approved: nothing to pay."""

    @transition(field=state, source=BatchState.ORDERED, target=BatchState.PAID)
    def mark_paid(self) -> None:
        """The batch's payment order has been paid."""


class PaymentOrderLine(models.Model):
    """One claim of a batch's payment order, with the amount approved for it."""

    order = models.ForeignKey(
        "claims.PaymentOrder",
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("payment order"),
    )
    claim = models.OneToOneField(
        "claims.Claim",
        on_delete=models.PROTECT,
        related_name="payment_line",
        verbose_name=_("claim"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["order", "claim"]
        verbose_name = _("payment order line")
        verbose_name_plural = _("payment order lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="payment_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.claim.number} {self.amount}"
