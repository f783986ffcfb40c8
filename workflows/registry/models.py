"""The registry: regions, institutions, units, insured people, and who works where."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import resident_id
from .roles import SCOPE_FIELDS, Role

CITY_REQUIRED = _("Choose a city, not a province.")
GRADE_REQUIRED = _("A hospital has a grade (I, II or III).")
PHARMACY_HAS_NO_GRADE = _("A retail pharmacy has no grade.")
DEPARTMENT_OF_OTHER_INSTITUTION = _("This department belongs to another institution.")
SCOPE_REQUIRED = _("A %(role)s needs a %(field)s.")
SCOPE_NOT_ALLOWED = _("A %(role)s has no %(field)s.")
UNIT_REQUIRED = _("An employee-scheme member belongs to an employer unit.")
STATUS_REQUIRED = _("An employee-scheme member is either employed or retired.")
ID_BIRTH_DATE_MISMATCH = _("The birth date does not match the resident ID (%(date)s).")
ID_SEX_MISMATCH = _("The sex does not match the resident ID.")


class User(AbstractUser):
    """A person who signs in: staff by username, insured people by resident ID."""

    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        blank=True,
        help_text=_("Set by the language switcher; empty means the browser's."),
    )
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_(
            "Set when someone else gave this password (an administrator, the account's opening, "
            "the demo): every page asks its owner to choose their own first."
        ),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def __str__(self) -> str:
        return self.get_full_name()


class Region(models.Model):
    """A province or a city, with its GB/T 2260 code."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        CITY = "city", _("city")

    code = models.CharField(_("code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("province"),
    )
    insurance_center_name = models.CharField(
        _("insurance center name"),
        max_length=128,
        blank=True,
        help_text=_("The municipal medical-insurance center; printed on its stamp lines."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=Q(level="province", parent__isnull=True)
                | Q(level="city", parent__isnull=False),
                name="region_city_has_province",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def province(self) -> "Region":
        return self if self.level == self.Level.PROVINCE else self.parent


class Grade(models.TextChoices):
    III = "III", _("Grade III")
    II = "II", _("Grade II")
    I = "I", _("Grade I")  # noqa: E741


class Institution(models.Model):
    """A hospital or retail pharmacy, designated by the insurance or not."""

    class Kind(models.TextChoices):
        HOSPITAL = "hospital", _("hospital")
        PHARMACY = "pharmacy", _("retail pharmacy")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    grade = models.CharField(_("grade"), max_length=3, choices=Grade.choices, blank=True)
    designated = models.BooleanField(_("designated"), default=True)
    city = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="institutions",
        verbose_name=_("city"),
        limit_choices_to={"level": Region.Level.CITY},
    )
    insurance_office_name = models.CharField(
        _("insurance office name"),
        max_length=128,
        blank=True,
        help_text=_("Printed as the stamp line of the office's signature block."),
    )

    class Meta:
        ordering = ["city__code", "code"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="hospital", grade__in=["I", "II", "III"])
                | Q(kind="pharmacy", grade=""),
                name="institution_grade_by_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.HOSPITAL and not self.grade:
            raise ValidationError({"grade": GRADE_REQUIRED})
        if self.kind == self.Kind.PHARMACY and self.grade:
            raise ValidationError({"grade": PHARMACY_HAS_NO_GRADE})
        if self.city_id and self.city.level != Region.Level.CITY:
            raise ValidationError({"city": CITY_REQUIRED})


class Department(models.Model):
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="departments",
        verbose_name=_("institution"),
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=64)

    class Meta:
        ordering = ["institution__code", "code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="department_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.institution.name} {self.name}"


class EmployerUnit(models.Model):
    """An employer that pays contributions for its staff and files for its retirees."""

    code = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=128)
    city = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("city"),
        limit_choices_to={"level": Region.Level.CITY},
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("employer unit")
        verbose_name_plural = _("employer units")

    def __str__(self) -> str:
        return self.name


class InsuredPerson(models.Model):
    """Somebody insured by the basic medical insurance of one city."""

    class Sex(models.TextChoices):
        MALE = "M", _("male")
        FEMALE = "F", _("female")

    class Scheme(models.TextChoices):
        EMPLOYEE = "employee", _("employee scheme")
        RESIDENT = "resident", _("urban and rural resident scheme")

    class Status(models.TextChoices):
        EMPLOYED = "employed", _("employed")
        RETIRED = "retired", _("retired")

    name = models.CharField(_("name"), max_length=64)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    resident_id = models.CharField(
        _("resident ID"),
        max_length=18,
        unique=True,
        validators=[resident_id.validate_resident_id],
    )
    insurance_number = models.CharField(_("insurance number"), max_length=20, unique=True)
    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices)
    status = models.CharField(
        _("employment status"), max_length=10, choices=Status.choices, blank=True
    )
    unit = models.ForeignKey(
        EmployerUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("employer unit"),
    )
    insured_city = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="insured_people",
        verbose_name=_("insured city"),
        limit_choices_to={"level": Region.Level.CITY},
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    user = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insured_person",
        verbose_name=_("sign-in account"),
    )

    class Meta:
        ordering = ["insurance_number"]
        verbose_name = _("insured person")
        verbose_name_plural = _("insured people")
        constraints = [
            models.CheckConstraint(
                condition=Q(scheme="resident")
                | Q(unit__isnull=False, status__in=["employed", "retired"]),
                name="insured_employee_has_unit_and_status",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_name(self) -> str:
        """The name as shown where only the case's number and the person's surname may be:
        张三 → 张*."""
        return self.name[:1] + "*" * (len(self.name) - 1)

    @property
    def masked_resident_id(self) -> str:
        return resident_id.mask(self.resident_id)

    def clean(self) -> None:
        self.resident_id = resident_id.normalise(self.resident_id)
        errors = {}
        if self.scheme == self.Scheme.EMPLOYEE:
            if not self.unit_id:
                errors["unit"] = UNIT_REQUIRED
            if not self.status:
                errors["status"] = STATUS_REQUIRED
        try:
            parsed = resident_id.parse(self.resident_id)
        except ValidationError:
            pass  # the field validator reports it
        else:
            if self.birth_date and self.birth_date != parsed.birth_date:
                errors["birth_date"] = ValidationError(
                    ID_BIRTH_DATE_MISMATCH, params={"date": parsed.birth_date.isoformat()}
                )
            if self.sex and self.sex != parsed.sex:
                errors["sex"] = ID_SEX_MISMATCH
        if errors:
            raise ValidationError(errors)

    def age_on(self, day) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


class StaffProfile(models.Model):
    """Which role a staff user has, and where: the scope every permission check reads."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="staff_profile", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("institution"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("department"),
    )
    unit = models.ForeignKey(
        EmployerUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agents",
        verbose_name=_("employer unit"),
    )
    city = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("city"),
        limit_choices_to={"level": Region.Level.CITY},
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="insured_person"), name="staff_profile_not_insured_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def clean(self) -> None:
        needed = SCOPE_FIELDS.get(self.role, ())
        errors = {}
        for field in ("institution", "department", "unit", "city"):
            has_value = getattr(self, f"{field}_id") is not None
            label = self._meta.get_field(field).verbose_name
            params = {"role": self.get_role_display(), "field": label}
            if field in needed and not has_value:
                errors[field] = ValidationError(SCOPE_REQUIRED, params=params)
            elif field not in needed and has_value:
                errors[field] = ValidationError(SCOPE_NOT_ALLOWED, params=params)
        if (
            self.department_id
            and self.institution_id
            and (self.department.institution_id != self.institution_id)
        ):
            errors["department"] = DEPARTMENT_OF_OTHER_INSTITUTION
        if errors:
            raise ValidationError(errors)


from .sessions.models import SignIn  # noqa: E402, F401  (a model of the registry app)

# The stand-ins' model lives with its package; imported here, where Django looks for models.
from .standins.models import StandIn  # noqa: E402, F401
