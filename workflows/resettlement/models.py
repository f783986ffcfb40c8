"""An off-site medical treatment filing (异地就医备案), its versioned choices of institutions,
and the filing's state machine."""

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
from workflows.registry.models import EmployerUnit, Institution, InsuredPerson, Region
from workflows.stateguard import StateGuard

from .choices import (
    IN_FORCE,
    LONG_TERM_CATEGORIES,
    PREPARING,
    TEMPORARY_CATEGORIES,
    WITHDRAWABLE,
    Category,
    ChoiceState,
    State,
)

_APPROVED = [*IN_FORCE, State.EXPIRED]


class Filing(StateGuard, Process):
    """A person's filing to be treated away from their insured city, at one or two designated
    institutions there: long-term until withdrawn, or temporary until its end date.

    It is the viewflow process of FilingFlow (multi-table child of Process): the flow says
    whose step is next; ``state`` is the one source of truth for where the filing stands.
    """

    number = models.CharField(_("filing number"), max_length=32, unique=True)
    person = models.ForeignKey(
        InsuredPerson,
        on_delete=models.PROTECT,
        related_name="filings",
        verbose_name=_("insured person"),
        db_index=False,  # the person's index below starts with it
    )
    insured_city = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("insured city"),
        help_text=_("The city whose insurance center keeps the filing; fixed when opened."),
        db_index=False,  # the queue index below starts with it
    )
    unit = models.ForeignKey(
        EmployerUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filings",
        verbose_name=_("filing unit"),
        help_text=_("The employer unit that files; empty when the person files for themself."),
        db_index=False,  # the unit's index below starts with it
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="filings_opened",
        verbose_name=_("opened by"),
    )
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    destination_city = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("destination city"),
        limit_choices_to={"level": Region.Level.CITY},
    )
    residence_address = models.CharField(
        _("residence address"),
        max_length=textlimits.ADDRESS,
        error_messages=textlimits.MODEL_ERRORS,
    )
    phone = models.CharField(_("phone"), max_length=20)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Temporary filings only.")
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True, editable=False)
    ended_on = models.DateField(
        _("last day in force"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the filing is withdrawn after its approval, or expires."),
    )
    return_reason = models.CharField(
        _("reason for the return"), max_length=textlimits.REASON, blank=True, editable=False
    )
    state = FSMField(
        _("state"), max_length=32, choices=State.choices, default=State.DRAFT, protected=True
    )
    state_changed_at = models.DateTimeField(
        _("in this state since"), default=timezone.now, editable=False
    )

    class Meta:
        verbose_name = _("off-site filing")
        verbose_name_plural = _("off-site filings")
        permissions = [
            ("prepare_filing", _("Can file, change and withdraw an off-site filing")),
            ("review_filing", _("Can review an off-site filing")),
        ]
        # The center's queue reads the first index backwards, newest first, one page at a time.
        indexes = [
            models.Index(
                fields=["insured_city", "state", "-state_changed_at"], name="filing_city_queue"
            ),
            models.Index(fields=["unit", "state"], name="filing_unit_state"),
            models.Index(fields=["person", "state"], name="filing_person_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=LONG_TERM_CATEGORIES, end_date__isnull=True)
                | Q(category__in=TEMPORARY_CATEGORIES, end_date__gte=F("start_date")),
                name="filing_temporary_has_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=_APPROVED) | Q(approved_on__isnull=False),
                name="filing_approved_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(destination_city=F("insured_city")),
                name="filing_destination_elsewhere",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.person.name}"

    def get_absolute_url(self) -> str:
        return reverse("resettlement:detail", args=[self.pk])

    @property
    def current_state(self) -> State:
        """The state as its choice: its label and its badge's tone."""
        return State(self.state)

    @property
    def is_preparing(self) -> bool:
        return self.state in PREPARING

    @property
    def is_in_force(self) -> bool:
        return self.state in IN_FORCE

    @property
    def is_long_term(self) -> bool:
        return self.category in LONG_TERM_CATEGORIES

    @property
    def by_unit(self) -> bool:
        return self.unit_id is not None

    # Transitions only stamp fields; who may fire them is in permissions, the rules in services.

    @transition(field=state, source=list(PREPARING), target=State.SUBMITTED)
    def submit(self) -> None:
        """The applicant sends it to the center of the insured city."""

    @transition(field=state, source=list(WITHDRAWABLE), target=State.WITHDRAWN)
    def withdraw(self, *, on: datetime.date) -> None:
        """The applicant gives it up; a filing in force stays in force until ``on``."""
        if self.approved_on is not None:
            self.ended_on = on

    @transition(field=state, source=State.SUBMITTED, target=State.IN_FORCE)
    def approve(self, *, on: datetime.date) -> None:
        """The center records a long-term filing: in force until withdrawn."""
        self.approved_on = on

    @transition(field=state, source=State.SUBMITTED, target=State.TEMPORARY_IN_FORCE)
    def approve_temporary(self, *, on: datetime.date) -> None:
        """The center records a temporary filing: in force until its last day."""
        self.approved_on = on

    @transition(field=state, source=State.SUBMITTED, target=State.RETURNED)
    def send_back(self, *, reason: str) -> None:
        """The center asks the applicant to correct it, saying what and why."""
        self.return_reason = reason

    @transition(field=state, source=State.SUBMITTED, target=State.REJECTED)
    def reject(self) -> None:
        """The center refuses the filing, for good."""

    @transition(field=state, source=State.IN_FORCE, target=State.CHANGE_REQUESTED)
    def request_change(self) -> None:
        """The applicant proposes other institutions; the current ones stay in force meanwhile."""

    @transition(field=state, source=State.CHANGE_REQUESTED, target=State.IN_FORCE)
    def approve_change(self) -> None:
        """The proposed institutions are in force from now on; the old ones are superseded."""

    @transition(field=state, source=State.CHANGE_REQUESTED, target=State.IN_FORCE)
    def return_change(self) -> None:
        """The proposed change goes back for correction; the old institutions stay in force."""

    @transition(field=state, source=State.CHANGE_REQUESTED, target=State.IN_FORCE)
    def refuse_change(self) -> None:
        """The proposed change is refused; the old institutions stay in force."""

    @transition(field=state, source=State.TEMPORARY_IN_FORCE, target=State.EXPIRED)
    def expire(self) -> None:
        """The last day has passed (fired by the flow's timer)."""
        self.ended_on = self.end_date


class InstitutionChoice(models.Model):
    """One version of a filing's one or two designated institutions.

    The first version comes with the filing; each change of institutions adds the next, and
    the versions before it stay in the record as superseded, returned or refused.
    """

    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="choices", verbose_name=_("filing")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    first = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("first designated institution"),
    )
    second = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second designated institution"),
    )
    state = FSMField(
        _("state"),
        max_length=16,
        choices=ChoiceState.choices,
        default=ChoiceState.PROPOSED,
        protected=True,
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    superseded_on = models.DateField(
        _("superseded on"), null=True, blank=True, help_text=_("The first day no longer in force.")
    )

    class Meta:
        ordering = ["filing", "version"]
        verbose_name = _("choice of institutions")
        verbose_name_plural = _("choices of institutions")
        constraints = [
            models.UniqueConstraint(fields=["filing", "version"], name="choice_one_version"),
            models.UniqueConstraint(
                fields=["filing"], condition=Q(state="proposed"), name="choice_one_proposed"
            ),
            models.UniqueConstraint(
                fields=["filing"], condition=Q(state="in_force"), name="choice_one_in_force"
            ),
            models.CheckConstraint(
                condition=~Q(second=F("first")), name="choice_two_different_institutions"
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["in_force", "superseded"])
                | Q(effective_from__isnull=False),
                name="choice_in_force_has_first_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filing.number} v{self.version}"

    @property
    def current_state(self) -> ChoiceState:
        """The state as its choice: its label and its badge's tone."""
        return ChoiceState(self.state)

    @property
    def institution_ids(self) -> tuple[int, ...]:
        return tuple(pk for pk in (self.first_id, self.second_id) if pk is not None)

    @transition(field=state, source=ChoiceState.PROPOSED, target=ChoiceState.IN_FORCE)
    def put_in_force(self, *, on: datetime.date) -> None:
        self.effective_from = on

    @transition(field=state, source=ChoiceState.IN_FORCE, target=ChoiceState.SUPERSEDED)
    def supersede(self, *, on: datetime.date) -> None:
        self.superseded_on = on

    @transition(field=state, source=ChoiceState.PROPOSED, target=ChoiceState.RETURNED)
    def send_back(self) -> None:
        """The reviewer asked for a corrected change; a new version will be proposed."""

    @transition(field=state, source=ChoiceState.PROPOSED, target=ChoiceState.REFUSED)
    def refuse(self) -> None:
        """The reviewer refused the change (or the whole filing)."""
