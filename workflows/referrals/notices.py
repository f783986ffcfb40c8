"""Whom a referral's steps tell (workflows/notifications): the signer of the step it waits for,
those who watch over that step when it is late, the physician who proposed it and the patient."""

from workflows.notifications.audience import Audience, opener_and_person, staff, supervisors_of
from workflows.registry.roles import Role

from . import permissions
from .choices import STEP_OF_STATE, State, Step
from .models import Referral

# Where the signers of each step work, as the fields of a staff profile.
SIGNERS_OF = {
    Step.DIRECTOR_REVIEW: lambda case: {"department_id": case.department_id},
    Step.OFFICE_REVIEW: lambda case: {"institution_id": case.institution_id},
    Step.DEAN_SIGN: lambda case: {"institution_id": case.institution_id},
    Step.CENTER_APPROVE: lambda case: {"city_id": case.insured_city_id},
}


def signers(case):
    step = STEP_OF_STATE[case.state]
    users = staff(permissions.ROLE_OF_STEP[step], **SIGNERS_OF[step](case))
    return [user for user in users if permissions.may_act(user=user, case=case, step=step)]


def watching(case, step: str):
    if step in permissions.OFFICE_WATCHES:
        return staff(Role.INSURANCE_OFFICE, institution_id=case.institution_id)
    return supervisors_of(case.insured_city_id)


AUDIENCE = Audience(
    model=Referral,
    staff_states=tuple(state for state, step in STEP_OF_STATE.items() if step in SIGNERS_OF),
    approved_states=(State.APPROVED,),
    steps=Step,
    step_of_state=STEP_OF_STATE,
    acting=signers,
    watching=watching,
    concerned=opener_and_person("proposed_by"),
)
