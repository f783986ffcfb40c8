"""Who may do what with catalogues and policies; merged into the roles by the registry."""

from workflows.registry.roles import Role

POLICY_MODELS = ("drug", "treatmentitem", "facilitystandard", "policy", "calendarday")


def _perms(*actions: str) -> list[str]:
    return [f"policy.{action}_{model}" for model in POLICY_MODELS for action in actions]


# Administrators keep the catalogues, policies and cities' own calendar days; the center's
# reviewers and the supervisors read them (a reviewer checks a reimbursement against the policy
# it was computed with).
POLICY_PERMISSIONS: dict[str, list[str]] = {
    Role.ADMINISTRATOR: _perms("add", "change", "delete", "view"),
    Role.CENTER_REVIEWER: _perms("view"),
    Role.SUPERVISOR: _perms("view"),
}
