"""A reimbursement claim, its expense lines and its payment order; the claim's state machine."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from viewflow.workflow.models import Process

from workflows import textlimits
from workflows.policy.choices import Catalogue, CatalogueClass
from workflows.registry.models import EmployerUnit, Institution, InsuredPerson, Region
from workflows.stateguard import StateGuard

from .batches.models import MONEY, ClaimBatch, PaymentOrderLine
from .choices import PREPARING, Kind, State

__all__ = ["Claim", "ClaimBatch", "ClaimLine", "PaymentOrder", "PaymentOrderLine"]


class Claim(StateGuard, Process):
    """A request to reimburse treatment the person paid for: after an emergency or a referral.

    It is the viewflow process of ClaimFlow (multi-table child of Process): the flow says whose
    step is next; ``state`` is the one source of truth for where the claim stands.
    """

    number = models.CharField(_("claim number"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    person = models.ForeignKey(
        InsuredPerson,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("insured person"),
    )
    insured_city = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("insured city"),
        help_text=_("The city whose insurance center reviews and pays; fixed when opened."),
    )
    unit = models.ForeignKey(
        EmployerUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("employer unit"),
        help_text=_("The person's unit when the claim was opened: its agents may act on it."),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="claims_opened",
        verbose_name=_("opened by"),
    )
    followed_referral = models.ForeignKey(
        "referrals.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("referral followed"),
    )
    batch = models.ForeignKey(
        ClaimBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("batch"),
        help_text=_("Off-site outpatient claims: the unit's batch they are submitted in."),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("institution where treated"),
    )
    diagnosis = models.CharField(
        _("diagnosis"), max_length=textlimits.DIAGNOSIS, error_messages=textlimits.MODEL_ERRORS
    )
    admission_date = models.DateField(_("admission date"))
    discharge_date = models.DateField(_("discharge date"))
    reported_on = models.DateField(_("reported on"), help_text=_("The day the claim was opened."))
    report_deadline = models.DateField(
        _("report deadline"),
        null=True,
        blank=True,
        help_text=_("Emergencies: the last day to report under the policy; empty without one."),
    )
    payee = models.CharField(_("payee"), max_length=64, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    bank_account = models.CharField(_("bank account number"), max_length=32, blank=True)
    requested_documents = models.JSONField(
        _("documents asked for"), default=list, blank=True, editable=False
    )
    return_reason = models.CharField(
        _("reason for the return"), max_length=textlimits.REASON, blank=True, editable=False
    )
    calculation = models.JSONField(_("calculation"), null=True, blank=True, editable=False)
    pooled_fund_pays = models.DecimalField(
        _("pooled fund pays"), **MONEY, null=True, blank=True, editable=False
    )
    state = FSMField(
        _("state"), max_length=32, choices=State.choices, default=State.DRAFT, protected=True
    )
    state_changed_at = models.DateTimeField(
        _("in this state since"), default=timezone.now, editable=False
    )

    class Meta:
        verbose_name = _("reimbursement claim")
        verbose_name_plural = _("reimbursement claims")
        permissions = [
            ("prepare_claim", _("Can open and submit a claim")),
            ("review_claim", _("Can review and pay a claim")),
        ]
        # The center's queue reads the first index backwards, newest first, one page at a time.
        indexes = [
            models.Index(
                fields=["insured_city", "state", "-state_changed_at"], name="claim_city_queue"
            ),
            models.Index(fields=["unit", "state"], name="claim_unit_state"),
            models.Index(fields=["person", "state"], name="claim_person_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(discharge_date__gte=F("admission_date")),
                name="claim_discharge_not_before_admission",
            ),
            models.CheckConstraint(
                condition=Q(kind="referral", followed_referral__isnull=False)
                | Q(kind__in=["emergency", "offsite_outpatient"], followed_referral__isnull=True),
                name="claim_referral_only_for_referral_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind="offsite_outpatient", batch__isnull=False)
                | ~Q(kind="offsite_outpatient") & Q(batch__isnull=True),
                name="claim_batch_only_for_offsite_kind",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["approved", "paid", "closed"])
                | Q(pooled_fund_pays__isnull=False, calculation__isnull=False),
                name="claim_approved_has_calculation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.person.name}"

    def get_absolute_url(self) -> str:
        return reverse("claims:detail", args=[self.pk])

    @property
    def current_state(self) -> State:
        """The state as its choice: its label and its badge's tone."""
        return State(self.state)

    @property
    def is_preparing(self) -> bool:
        return self.state in PREPARING

    @property
    def reported_late(self) -> bool:
        """An emergency reported after the policy's deadline: flagged to the reviewer."""
        return self.report_deadline is not None and self.reported_on > self.report_deadline

    # Transitions only stamp fields; who may fire them is in permissions, the rules in services.

    @transition(field=state, source=list(PREPARING), target=State.SUBMITTED)
    def submit(self) -> None:
        """The claimant (or their unit's agent) sends it to the center."""

    @transition(field=state, source=list(PREPARING), target=State.WITHDRAWN)
    def withdraw(self) -> None:
        """The claimant gives it up before the center has it."""

    @transition(field=state, source=State.SUBMITTED, target=State.RETURNED)
    def send_back(self, *, documents: list[str], reason: str) -> None:
        """The reviewer asks for supplements: ``documents`` to add, and why."""
        self.requested_documents = list(documents)
        self.return_reason = reason

    @transition(field=state, source=State.SUBMITTED, target=State.APPROVED)
    def approve(self) -> None:
        """The reviewer approves the stored calculation; a payment order follows."""

    @transition(field=state, source=State.SUBMITTED, target=State.CLOSED)
    def close(self) -> None:
        """The reviewer approves a calculation by which the pooled fund pays nothing (all of
        it under the deductible, say): there is no payment to order, so the claim ends."""

    @transition(field=state, source=State.SUBMITTED, target=State.REJECTED)
    def reject(self) -> None:
        """The reviewer refuses the claim, for good."""

    @transition(field=state, source=State.APPROVED, target=State.PAID)
    def mark_paid(self) -> None:
        """The payment order has been paid."""


class ClaimLine(models.Model):
    """One line of the hospital's detailed expense list, with its catalogue class at the time."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="lines", verbose_name=_("claim")
    )
    position = models.PositiveIntegerField(_("line"))
    catalogue = models.CharField(_("catalogue"), max_length=16, choices=Catalogue.choices)
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("item"), max_length=128)
    catalogue_class = models.CharField(_("class"), max_length=3, choices=CatalogueClass.choices)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit_price = models.DecimalField(_("unit price"), **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)
    over_limit = models.DecimalField(_("above the price limit"), **MONEY)

    class Meta:
        ordering = ["claim", "position"]
        verbose_name = _("expense line")
        verbose_name_plural = _("expense lines")
        constraints = [
            models.UniqueConstraint(fields=["claim", "position"], name="claim_line_position"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="claim_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="claim_line_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(over_limit__gte=0, over_limit__lte=F("amount")),
                name="claim_line_over_limit_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.code} {self.name}"


class PaymentOrder(models.Model):
    """What the pooled fund pays, and to whom: for one approved claim, or for a unit's batch
    (its lines list each claim's amount); paid with a reference."""

    claim = models.OneToOneField(
        Claim,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payment_order",
        verbose_name=_("claim"),
    )
    batch = models.OneToOneField(
        ClaimBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payment_order",
        verbose_name=_("batch"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    payee = models.CharField(_("payee"), max_length=64)
    bank_name = models.CharField(_("bank"), max_length=100)
    bank_account = models.CharField(_("bank account number"), max_length=32)
    created_at = models.DateTimeField(_("ordered at"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    reference = models.CharField(_("payment reference"), max_length=64, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked paid by"),
    )

    class Meta:
        verbose_name = _("payment order")
        verbose_name_plural = _("payment orders")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="payment_not_negative"),
            models.CheckConstraint(
                condition=Q(claim__isnull=False, batch__isnull=True)
                | Q(claim__isnull=True, batch__isnull=False),
                name="payment_for_a_claim_or_a_batch",
            ),
            models.CheckConstraint(
                condition=Q(paid_at__isnull=True, reference="")
                | Q(paid_at__isnull=False, paid_by__isnull=False) & ~Q(reference=""),
                name="payment_paid_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{(self.claim or self.batch).number} {self.amount}"
