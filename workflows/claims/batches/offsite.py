"""Whether an off-site outpatient claim's treatment was covered by an off-site filing."""

from workflows.policy.choices import Scope
from workflows.resettlement.selectors import filing_covering

from ..choices import Kind


def covering_filing(claim):
    """The person's filing in force at the claim's institution on every day of the treatment
    (approved, and not withdrawn or expired before it), if any."""
    if claim.kind != Kind.OFFSITE_OUTPATIENT:
        return None
    return filing_covering(
        person_id=claim.person_id,
        institution_id=claim.institution_id,
        first_day=claim.admission_date,
        last_day=claim.discharge_date,
    )


def calculation_scope(claim) -> str:
    """The policy scope: the claim's kind, or for off-site outpatient claims whether a filing
    covered the treatment (``offsite_filed``) or not (``offsite_unfiled``, flagged)."""
    if claim.kind != Kind.OFFSITE_OUTPATIENT:
        return claim.kind
    return Scope.OFFSITE_FILED if covering_filing(claim) else Scope.OFFSITE_UNFILED
