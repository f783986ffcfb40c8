"""The rules a referral must meet before it is proposed: pure conditions, each with its message."""

from django.utils.translation import gettext_lazy as _

from workflows.registry.models import Grade

from .choices import Scope

NEEDS_REASON_AND_SUMMARY = _(
    "Write the reason for the referral and the case summary: the form is not valid without them."
)
TRANSFER_BEFORE_ADMISSION = _("The transfer date cannot be before the admission date.")
TARGET_NOT_DESIGNATED = _(
    "%(target)s is not a designated institution: referrals go to designated institutions only."
)
TARGET_DEPARTMENT_ELSEWHERE = _("The target department %(department)s is not part of %(target)s.")
TARGET_IS_CURRENT = _("The target institution is the institution the patient is already in.")
PROPOSER_NOT_DESIGNATED = _("Only a designated institution can propose a referral.")
LEAVING_CITY_NEEDS_GRADE_THREE = _(
    "A referral outside the city can only be proposed by a Grade III designated institution; "
    "%(institution)s is %(grade)s."
)
WITHIN_CITY_TARGET_ELSEWHERE = _(
    "A referral within the city goes to an institution in the same city; %(target)s is in %(city)s."
)
SCOPE_DOES_NOT_MATCH = _(
    "%(target)s is in %(province)s %(city)s, so the scope of this referral is “%(actual)s”, "
    "not “%(chosen)s”."
)
OUTSIDE_PROVINCE_NEEDS_STATEMENT = _(
    "A referral outside the province needs a statement of why no institution inside the "
    "province can treat the case."
)


def scope_between(origin_city, target_city) -> str:
    """Where ``target_city`` lies as seen from ``origin_city``: in it, elsewhere in its
    province, or in another province."""
    if target_city.pk == origin_city.pk:
        return Scope.WITHIN_CITY
    if target_city.parent_id == origin_city.parent_id:
        return Scope.WITHIN_PROVINCE
    return Scope.OUTSIDE_PROVINCE


def scope_of(referral) -> str:
    """The referral's scope: where its target lies as seen from the referring institution.

    The one rule of it (DESIGN decision 13). The insured person's city decides only which
    municipal center approves and which policy pays: a patient insured in Yichang who is
    referred from Wuhan to Yichang leaves Wuhan, within the province.
    """
    return scope_between(referral.institution.city, referral.target_institution.city)


def has_reason_and_case_summary(referral) -> bool:
    return bool(referral.reason.strip() and referral.case_summary.strip())


def transfers_on_or_after_admission(referral) -> bool:
    return referral.transfer_date >= referral.admission_date


def targets_a_designated_institution(referral) -> bool:
    return referral.target_institution.designated


def target_department_is_in_target(referral) -> bool:
    return referral.target_department.institution_id == referral.target_institution_id


def targets_another_institution(referral) -> bool:
    return referral.target_institution_id != referral.institution_id


def is_proposed_by_a_designated_institution(referral) -> bool:
    return referral.institution.designated


def is_proposed_by_grade_three_when_leaving_the_city(referral) -> bool:
    return scope_of(referral) == Scope.WITHIN_CITY or referral.institution.grade == Grade.III


def stays_in_the_city_when_within_city(referral) -> bool:
    return referral.scope != Scope.WITHIN_CITY or scope_of(referral) == Scope.WITHIN_CITY


def scope_matches_target_location(referral) -> bool:
    return referral.scope == scope_of(referral)


def explains_why_not_inside_the_province(referral) -> bool:
    return referral.scope != Scope.OUTSIDE_PROVINCE or bool(
        referral.outside_province_statement.strip()
    )


PROPOSAL_RULES = (
    (has_reason_and_case_summary, NEEDS_REASON_AND_SUMMARY),
    (transfers_on_or_after_admission, TRANSFER_BEFORE_ADMISSION),
    (is_proposed_by_a_designated_institution, PROPOSER_NOT_DESIGNATED),
    (targets_a_designated_institution, TARGET_NOT_DESIGNATED),
    (target_department_is_in_target, TARGET_DEPARTMENT_ELSEWHERE),
    (targets_another_institution, TARGET_IS_CURRENT),
    (is_proposed_by_grade_three_when_leaving_the_city, LEAVING_CITY_NEEDS_GRADE_THREE),
    (stays_in_the_city_when_within_city, WITHIN_CITY_TARGET_ELSEWHERE),
    (scope_matches_target_location, SCOPE_DOES_NOT_MATCH),
    (explains_why_not_inside_the_province, OUTSIDE_PROVINCE_NEEDS_STATEMENT),
)
PROPOSAL_CONDITIONS = [rule for rule, _message in PROPOSAL_RULES]


def broken_rules(referral) -> list[str]:
    """The message of every proposal rule ``referral`` breaks, in the active language."""
    broken = [message for rule, message in PROPOSAL_RULES if not rule(referral)]
    if not broken:
        return []
    params = _message_params(referral)
    return [str(message) % params for message in broken]


def _message_params(referral) -> dict[str, str]:
    target = referral.target_institution
    return {
        "target": target.name,
        "department": referral.target_department.name,
        "institution": referral.institution.name,
        "grade": referral.institution.get_grade_display(),
        "city": target.city.name,
        "province": target.city.parent.name,
        "actual": Scope(scope_of(referral)).label,
        "chosen": Scope(referral.scope).label,
    }
