"""The closed sets of codes the printed documents accept, each with its printed label."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

# The values match the registry's choices, so callers pass their model values as they are.


class Sex(TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")


class Scheme(TextChoices):
    EMPLOYEE = "employee", _("employee scheme")
    RESIDENT = "resident", _("urban and rural resident scheme")


class EmploymentStatus(TextChoices):
    EMPLOYED = "employed", _("employed")
    RETIRED = "retired", _("retired")


class Grade(TextChoices):
    III = "III", _("Grade III")
    II = "II", _("Grade II")
    I = "I", _("Grade I")  # noqa: E741


class ReferralScope(TextChoices):
    WITHIN_CITY = "within_city", _("within the city")
    WITHIN_PROVINCE = "within_province", _("outside the city, inside the province")
    OUTSIDE_PROVINCE = "outside_province", _("outside the province")


class ClaimKind(TextChoices):
    EMERGENCY = "emergency", _("emergency treatment")
    REFERRAL = "referral", _("referred treatment")
    OFFSITE_OUTPATIENT = "offsite_outpatient", _("off-site outpatient treatment")


class ExpenseClass(TextChoices):
    CLASS_A = "class_a", _("Class A")
    CLASS_B = "class_b", _("Class B")
    OUT_OF_LIST = "out_of_list", _("Outside the catalogue")


class CalculationStepKind(TextChoices):
    """The steps of an inpatient calculation, in the order DOMAIN.md gives them."""

    TOTAL = "total", _("Total expenses")
    OUT_OF_LIST = "out_of_list", _("Self-paid: outside the catalogue")
    OVER_PRICE_LIMIT = "over_price_limit", _("Self-paid: above the price limit")
    CLASS_B_SHARE = "class_b_share", _("Class B first share")
    ELIGIBLE = "eligible", _("Eligible expenses")
    DEDUCTIBLE = "deductible", _("Deductible applied")
    RATIO = "ratio", _("Reimbursement ratio")
    CAP = "cap", _("Annual cap remaining")
    POOLED_FUND = "pooled_fund", _("Paid by the pooled fund")
    PERSONAL = "personal", _("Paid by the person")


class FilingCategory(TextChoices):
    RESETTLED_RETIREE = "resettled_retiree", _("resettled retiree")
    LONG_TERM_RESIDENT = "long_term_resident", _("long-term resident elsewhere")
    POSTED_STAFF = "posted_staff", _("staff posted elsewhere")
    REFERRED_PATIENT = "referred_patient", _("referred patient")
    EMERGENCY = "emergency", _("emergency patient elsewhere")
    TEMPORARY_TRIP = "temporary_trip", _("other temporary trip for treatment")


LONG_TERM_CATEGORIES = (
    FilingCategory.RESETTLED_RETIREE,
    FilingCategory.LONG_TERM_RESIDENT,
    FilingCategory.POSTED_STAFF,
)
TEMPORARY_CATEGORIES = (
    FilingCategory.REFERRED_PATIENT,
    FilingCategory.EMERGENCY,
    FilingCategory.TEMPORARY_TRIP,
)


class AttachmentKind(TextChoices):
    RESIDENCE_PROOF = "residence_proof", _("residence proof or signed pledge")
    UNIT_LETTER = "unit_letter", _("unit dispatch letter (sealed)")
    REFERRAL_CERTIFICATE = "referral_certificate", _("referral certificate")
