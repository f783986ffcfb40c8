"""The three catalogues and the dated regional policies."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from workflows import textlimits
from workflows.registry.models import CITY_REQUIRED, InsuredPerson, Region

from .catalogue_csv import MAX_LENGTHS
from .choices import Catalogue, CatalogueClass
from .terms import PolicyTerms, parse_terms

UNKNOWN_CLASS = _("The class is A, B or out of list.")
NEGATIVE_PRICE_LIMIT = _("A price limit cannot be negative.")
OUT_OF_LIST_HAS_NO_PRICE_LIMIT = _("An entry outside the list has no price limit.")
ENDS_BEFORE_START = _("The last day in force comes before the first.")
POLICY_OVERLAPS = _(
    "The %(scheme)s policy of %(region)s in force from %(start)s to %(end)s overlaps this "
    "period; two policies of the same region and scheme cannot be in force on the same day. "
    "End that policy first, or choose other dates."
)
POLICY_WITHOUT_END_OVERLAPS = _(
    "The %(scheme)s policy of %(region)s in force from %(start)s, with no end set, overlaps "
    "this period; two policies of the same region and scheme cannot be in force on the same "
    "day. End that policy first, or choose other dates."
)

NOTE = 200  # what the day is: "武汉马拉松，全市放假一天"

# The PostgreSQL exclusion constraint added by migration 0002 (see there).
NO_OVERLAP_CONSTRAINT = "policy_policy_no_overlap"


class CatalogueEntry(models.Model):
    """An entry of one of the three catalogues, with its class and price limit."""

    code = models.CharField(_("code"), max_length=MAX_LENGTHS["code"], unique=True)
    name = models.CharField(_("name"), max_length=MAX_LENGTHS["name"])
    catalogue_class = models.CharField(_("class"), max_length=3, choices=CatalogueClass.choices)
    price_limit = models.DecimalField(
        _("price limit"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Yuan per unit; empty when there is none. The insured person pays any price above it."
        ),
    )
    unit = models.CharField(_("unit"), max_length=MAX_LENGTHS["unit"], blank=True)

    class Meta:
        abstract = True
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(catalogue_class__in=CatalogueClass.values),
                name="%(app_label)s_%(class)s_class_known",
                violation_error_message=UNKNOWN_CLASS,
            ),
            models.CheckConstraint(
                condition=Q(price_limit__isnull=True) | Q(price_limit__gte=0),
                name="%(app_label)s_%(class)s_price_limit_not_negative",
                violation_error_message=NEGATIVE_PRICE_LIMIT,
            ),
            models.CheckConstraint(
                condition=~Q(catalogue_class=CatalogueClass.OUT) | Q(price_limit__isnull=True),
                name="%(app_label)s_%(class)s_out_of_list_has_no_limit",
                violation_error_message=OUT_OF_LIST_HAS_NO_PRICE_LIMIT,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Drug(CatalogueEntry):
    class Meta(CatalogueEntry.Meta):
        verbose_name = _("drug")
        verbose_name_plural = _("drugs")


class TreatmentItem(CatalogueEntry):
    class Meta(CatalogueEntry.Meta):
        verbose_name = _("treatment item")
        verbose_name_plural = _("treatment items")


class FacilityStandard(CatalogueEntry):
    """A medical service facility standard: beds, wards and the like."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("medical service facility standard")
        verbose_name_plural = _("medical service facility standards")


CATALOGUE_MODELS: dict[str, type[CatalogueEntry]] = {
    Catalogue.DRUGS: Drug,
    Catalogue.TREATMENTS: TreatmentItem,
    Catalogue.FACILITIES: FacilityStandard,
}


def validate_terms(value: object) -> None:
    """Model field validator: the terms read as a policy file's terms do."""
    parse_terms(value)


class PolicyQuerySet(models.QuerySet):
    def overlapping(self, *, start: datetime.date, end: datetime.date | None) -> "PolicyQuerySet":
        """Policies in force on some day from ``start`` to ``end`` (None: open-ended)."""
        ends_after_start = Q(effective_to__isnull=True) | Q(effective_to__gte=start)
        if end is None:
            return self.filter(ends_after_start)
        return self.filter(ends_after_start, effective_from__lte=end)

    def in_force(self, *, on: datetime.date) -> "PolicyQuerySet":
        return self.overlapping(start=on, end=on)


class Policy(models.Model):
    """A region's reimbursement policy for one scheme, in force for a period of days."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="policies",
        verbose_name=_("city"),
        limit_choices_to={"level": Region.Level.CITY},
    )
    scheme = models.CharField(_("scheme"), max_length=10, choices=InsuredPerson.Scheme.choices)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("The last day in force; empty while no end is set."),
    )
    terms_json = models.JSONField(
        _("terms"),
        validators=[validate_terms],
        help_text=_(
            "The policy file's terms: deductible, ratio, annual_cap, class_b_first_share, "
            "scope_ratio_cut, referral_validity_days and emergency_report_days."
        ),
    )

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "scheme", "-effective_from"]
        verbose_name = _("reimbursement policy")
        verbose_name_plural = _("reimbursement policies")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "scheme", "effective_from"], name="policy_one_start_per_scheme"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="policy_ends_after_start",
                violation_error_message=ENDS_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=Q(scheme__in=InsuredPerson.Scheme.values), name="policy_scheme_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.get_scheme_display()} {self.effective_from}"

    @property
    def terms(self) -> PolicyTerms:
        """The terms the calculation and the workflows read (parsed on every access)."""
        return parse_terms(self.terms_json)

    def clean(self) -> None:
        if self.region_id and self.region.level != Region.Level.CITY:
            raise ValidationError({"region": CITY_REQUIRED})
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            return  # policy_ends_after_start says so
        other = self.overlapping_policy()
        if other is not None:
            params = {
                "scheme": other.get_scheme_display(),
                "region": other.region.name,
                "start": other.effective_from.isoformat(),
            }
            if other.effective_to is None:
                raise ValidationError(POLICY_WITHOUT_END_OVERLAPS, code="overlap", params=params)
            params["end"] = other.effective_to.isoformat()
            raise ValidationError(POLICY_OVERLAPS, code="overlap", params=params)

    def overlapping_policy(self) -> "Policy | None":
        """Another policy of this region and scheme in force on one of this one's days."""
        if not (self.region_id and self.scheme and self.effective_from):
            return None
        return (
            Policy.objects.filter(region_id=self.region_id, scheme=self.scheme)
            .exclude(pk=self.pk)
            .overlapping(start=self.effective_from, end=self.effective_to)
            .select_related("region")
            .first()
        )


class CalendarDay(models.Model):
    """A city's own day off, or its own working day, over China's official calendar: a local
    holiday, or a weekend day the city works. The workflows' time limits count in it
    (workflows/workingdays.py)."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="calendar_days",
        verbose_name=_("city"),
        limit_choices_to={"level": Region.Level.CITY},
        db_index=False,  # the unique constraint below starts with it
    )
    day = models.DateField(_("day"))
    is_working_day = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_(
            "Ticked: the city works that day, whatever the national calendar says. Not ticked: "
            "a day off in the city."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=NOTE,
        blank=True,
        validators=[textlimits.refuse_control_characters],
        error_messages=textlimits.MODEL_ERRORS,
        help_text=_("What the day is, for instance the local holiday's name."),
    )

    class Meta:
        ordering = ["region__code", "day"]
        verbose_name = _("city's own calendar day")
        verbose_name_plural = _("cities' own calendar days")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "day"],
                name="calendar_day_once_per_city",
                violation_error_message=_("This city already has its own entry for that day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.day}"

    def clean(self) -> None:
        if self.region_id and self.region.level != Region.Level.CITY:
            raise ValidationError({"region": CITY_REQUIRED})
