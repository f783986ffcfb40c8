"""ReferralFlow: who acts next on a referral. Topology only: the rules are in rules.py, who may
act in permissions.py, what a step writes in services.py, what its timer does in timers.py."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.flowkit import CaseFlow, human_step, midnight_after

from .choices import State, Step
from .models import Referral
from .timers import referral_lapse


class ReferralFlow(CaseFlow):
    """Referral and transfer

    Attending physician, department director, medical-insurance office, dean in charge and
    the municipal center sign in turn; any of them may send it back one step or refuse it.
    """

    process_class = Referral
    process_title = _("Referral and transfer")

    start = flow.StartHandle(this.open_case).Next(this.propose)

    # The proposal task belongs to the physician who opened the case: a return comes back to them.
    propose = (
        human_step(Step.PROPOSE)
        .Assign(this.proposing_physician)
        .Route(State.PROPOSED, this.director_review)
    )
    director_review = (
        human_step(Step.DIRECTOR_REVIEW)
        .Route(State.DEPARTMENT_APPROVED, this.office_review)
        .Route(State.DRAFT, this.propose)
        .Route(State.REJECTED, this.rejected)
    )
    office_review = (
        human_step(Step.OFFICE_REVIEW)
        .Route(State.OFFICE_REVIEWED, this.dean_sign)
        .Route(State.PROPOSED, this.director_review)
        .Route(State.REJECTED, this.rejected)
    )
    dean_sign = (
        human_step(Step.DEAN_SIGN)
        .Route(State.DEAN_SIGNED, this.center_approve)
        .Route(State.DEPARTMENT_APPROVED, this.office_review)
        .Route(State.REJECTED, this.rejected)
    )
    center_approve = (
        human_step(Step.CENTER_APPROVE)
        .Route(State.APPROVED, this.await_transfer)
        .Route(State.OFFICE_REVIEWED, this.dean_sign)
        .Route(State.REJECTED, this.rejected)
    )
    await_transfer = (
        flow.Handle()
        .Annotation(title=_("valid for transfer"))
        .OnTimeout(this.end_of_validity, this.lapse)
        .Next(this.used)
    )
    lapse = flow.Function(this.lapse_case).Next(this.lapsed)

    used = flow.End()
    lapsed = flow.End()
    rejected = flow.End()

    def proposing_physician(self, activation):
        return activation.process.proposed_by

    def end_of_validity(self, activation):
        return midnight_after(activation.process.valid_until)

    def lapse_case(self, activation) -> None:
        referral_lapse(referral_id=activation.process.pk)
        activation.process.refresh_from_db()  # the End node saves this instance
