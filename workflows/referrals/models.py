"""A referral (转诊转院): the case, its state machine and the rules of its transitions."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from viewflow.workflow.models import Process

from workflows import textlimits
from workflows.registry.models import Department, Institution, InsuredPerson, Region
from workflows.stateguard import StateGuard

from .choices import PENDING_STATES, Scope, State
from .rules import PROPOSAL_CONDITIONS, TRANSFER_BEFORE_ADMISSION


class Referral(StateGuard, Process):
    """A request to transfer an insured inpatient to another institution.

    It is the viewflow process of ReferralFlow (multi-table child of Process): the flow says
    whose step is next; ``state`` is the one source of truth for where the case stands.
    """

    number = models.CharField(_("case number"), max_length=32, unique=True)
    person = models.ForeignKey(
        InsuredPerson,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("insured person"),
        db_index=False,  # the queue index below starts with it
    )
    insured_city = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("insured city"),
        help_text=_("The city whose insurance center approves; fixed when the case opens."),
        db_index=False,  # the queue index below starts with it
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="referrals_out",
        verbose_name=_("current institution"),
        db_index=False,  # the queue index below starts with it
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="referrals_out",
        verbose_name=_("current department"),
        db_index=False,  # the queue index below starts with it
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="referrals_proposed",
        verbose_name=_("attending physician"),
        db_index=False,  # the queue index below starts with it
    )
    diagnosis = models.CharField(
        _("diagnosis"), max_length=textlimits.DIAGNOSIS, error_messages=textlimits.MODEL_ERRORS
    )
    admission_date = models.DateField(_("admission date"))
    transfer_date = models.DateField(_("proposed transfer date"))
    target_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="referrals_in",
        verbose_name=_("target institution"),
    )
    target_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="referrals_in",
        verbose_name=_("target department"),
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    reason = models.CharField(
        _("reason for the referral"),
        max_length=textlimits.REASON,
        blank=True,
        error_messages=textlimits.MODEL_ERRORS,
    )
    case_summary = models.CharField(
        _("case summary"),
        max_length=textlimits.CASE_SUMMARY,
        blank=True,
        error_messages=textlimits.MODEL_ERRORS,
    )
    outside_province_statement = models.CharField(
        _("why no institution inside the province can treat the case"),
        max_length=textlimits.REASON,
        blank=True,
        error_messages=textlimits.MODEL_ERRORS,
    )
    state = FSMField(
        _("state"), max_length=32, choices=State.choices, default=State.DRAFT, protected=True
    )
    state_changed_at = models.DateTimeField(
        _("in this state since"), default=timezone.now, editable=False
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    transferred_on = models.DateField(_("transferred on"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        permissions = [
            ("propose_referral", _("Can propose a referral")),
            ("review_referral_as_director", _("Can give the department's opinion")),
            ("review_referral_as_office", _("Can review as the medical-insurance office")),
            ("sign_referral_as_dean", _("Can sign as the dean in charge")),
            ("approve_referral_as_center", _("Can approve as the municipal center")),
        ]
        # Each inbox reads one of these backwards, newest first, and stops after a page.
        indexes = [
            models.Index(
                fields=["department", "state", "-state_changed_at"],
                name="referral_department_queue",
            ),
            models.Index(
                fields=["institution", "state", "-state_changed_at"],
                name="referral_institution_queue",
            ),
            models.Index(
                fields=["insured_city", "state", "-state_changed_at"], name="referral_city_queue"
            ),
            models.Index(
                fields=["proposed_by", "state", "-state_changed_at"],
                name="referral_physician_queue",
            ),
            models.Index(fields=["person", "state"], name="referral_person_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(transfer_date__gte=F("admission_date")),
                name="referral_transfer_not_before_admission",
                violation_error_message=TRANSFER_BEFORE_ADMISSION,
            ),
            models.CheckConstraint(
                condition=Q(state__in=["approved", "used", "lapsed"], valid_until__isnull=False)
                | ~Q(state__in=["approved", "used", "lapsed"]),
                name="referral_approved_has_validity",
                violation_error_message=_("An approved referral has an end of validity."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.person.name}"

    def get_absolute_url(self) -> str:
        return reverse("referrals:detail", args=[self.pk])

    @property
    def current_state(self) -> State:
        """The state as its choice: its label and its badge's tone."""
        return State(self.state)

    @property
    def is_pending(self) -> bool:
        return self.state in PENDING_STATES

    # Transitions only stamp fields; who may fire them is permissions.py's, when is rules.py's.

    @transition(
        field=state,
        source=State.DRAFT,
        target=State.PROPOSED,
        conditions=PROPOSAL_CONDITIONS,
    )
    def propose(self) -> None:
        """The attending physician sends it to the department director."""

    @transition(
        field=state,
        source=State.PROPOSED,
        target=State.DEPARTMENT_APPROVED,
    )
    @transition(
        field=state,
        source=State.DEPARTMENT_APPROVED,
        target=State.OFFICE_REVIEWED,
    )
    @transition(
        field=state,
        source=State.OFFICE_REVIEWED,
        target=State.DEAN_SIGNED,
    )
    def approve(self) -> None:
        """Director, insurance office or dean agrees; the case goes to the next signature."""

    @transition(
        field=state,
        source=State.DEAN_SIGNED,
        target=State.APPROVED,
    )
    def grant(self, *, valid_until: datetime.date) -> None:
        """The municipal center approves: the patient may transfer until ``valid_until``."""
        self.valid_until = valid_until

    @transition(field=state, source=State.PROPOSED, target=State.DRAFT)
    @transition(
        field=state,
        source=State.DEPARTMENT_APPROVED,
        target=State.PROPOSED,
    )
    @transition(
        field=state,
        source=State.OFFICE_REVIEWED,
        target=State.DEPARTMENT_APPROVED,
    )
    @transition(
        field=state,
        source=State.DEAN_SIGNED,
        target=State.OFFICE_REVIEWED,
    )
    def send_back(self) -> None:
        """Return the case to the previous signer, who revises and sends it on again."""

    @transition(
        field=state,
        source=list(PENDING_STATES[1:]),
        target=State.REJECTED,
    )
    def reject(self) -> None:
        """Refuse the referral, for good."""

    @transition(field=state, source=list(PENDING_STATES), target=State.WITHDRAWN)
    def withdraw(self) -> None:
        """The proposing physician takes it back before the center decides."""

    @transition(field=state, source=State.APPROVED, target=State.USED)
    def mark_used(self, *, transferred_on: datetime.date) -> None:
        self.transferred_on = transferred_on

    @transition(field=state, source=State.APPROVED, target=State.LAPSED)
    def lapse(self) -> None:
        """The validity period ended without a transfer."""
