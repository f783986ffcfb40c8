"""Who may do what to a claim: the role (a group with a permission) and the scope."""

from django.utils.translation import gettext_lazy as _

from workflows.registry.roles import Role
from workflows.registry.selectors import actor_of

VIEW = "claims.view_claim"
PREPARE = "claims.prepare_claim"
REVIEW = "claims.review_claim"
ROLE_PERMISSIONS = {
    Role.INSURED_PERSON: [VIEW, PREPARE],
    Role.UNIT_AGENT: [VIEW, PREPARE],
    Role.CENTER_REVIEWER: [VIEW, REVIEW],
    Role.SUPERVISOR: [VIEW],
}
# Nobody else sees a claim: its files are medical records and bills.


def may_open_for(user, person) -> bool:
    """The person themself, or an agent of the employer unit the person belongs to."""
    if not user.has_perm(PREPARE):
        return False
    actor = actor_of(user)
    if actor.role == Role.INSURED_PERSON:
        return actor.person.pk == person.pk
    if actor.role == Role.UNIT_AGENT:
        return person.unit_id is not None and person.unit_id == actor.profile.unit_id
    return False


def may_prepare(claim, user) -> bool:
    """The claimant, or an agent of the unit the claimant belonged to when it was opened."""
    if not user.has_perm(PREPARE):
        return False
    actor = actor_of(user)
    if actor.role == Role.INSURED_PERSON:
        return actor.person.pk == claim.person_id
    if actor.role == Role.UNIT_AGENT:
        return claim.unit_id is not None and claim.unit_id == actor.profile.unit_id
    return False


def may_review(claim, user) -> bool:
    """A reviewer of the municipal center of the claimant's insured city."""
    actor = actor_of(user)
    return (
        actor.role == Role.CENTER_REVIEWER
        and user.has_perm(REVIEW)
        and actor.profile.city_id == claim.insured_city_id
    )


def may_view(user, claim) -> bool:
    """Those who may prepare or review it, and the supervisors of its city."""
    if not user.has_perm(VIEW):
        return False
    if actor_of(user).role == Role.SUPERVISOR:
        return actor_of(user).profile.city_id == claim.insured_city_id
    return may_prepare(claim, user) or may_review(claim, user)


NOT_A_BATCH_REVIEWER = _("Only a reviewer of the municipal center of the unit's city can do this.")


def may_review_batch(batch, user) -> bool:
    """A reviewer of the municipal center of the batch's (the unit's) city."""
    actor = actor_of(user)
    return (
        actor.role == Role.CENTER_REVIEWER
        and user.has_perm(REVIEW)
        and actor.profile.city_id == batch.city_id
    )
