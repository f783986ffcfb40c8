"""FilingFlow: who acts next on an off-site filing. Topology only: who may act is in
permissions.py, what a step writes in the services, what its timer does in timers.py."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.flowkit import CaseFlow, human_step, midnight_after

from .choices import State, Step
from .models import Filing
from .timers import filing_expire


class FilingFlow(CaseFlow):
    """Off-site medical treatment filing

    The employer unit's agent (or the person, where the unit no longer exists) prepares and
    submits it; a reviewer of the municipal center approves, returns or refuses it. A long-term
    filing stays in force until withdrawn and may change its institutions (reviewed again); a
    temporary one expires after its last day.
    """

    process_class = Filing
    process_title = _("Off-site filing")

    start = flow.StartHandle(this.open_case).Next(this.prepare)
    prepare = (
        human_step(Step.PREPARE)
        .Route(State.SUBMITTED, this.review)
        .Route(State.WITHDRAWN, this.withdrawn)
    )
    review = (
        human_step(Step.REVIEW)
        .Route(State.IN_FORCE, this.hold)
        .Route(State.TEMPORARY_IN_FORCE, this.hold_temporary)
        .Route(State.RETURNED, this.prepare)
        .Route(State.REJECTED, this.rejected)
    )
    hold = (
        human_step(Step.HOLD)
        .Route(State.CHANGE_REQUESTED, this.change_review)
        .Route(State.WITHDRAWN, this.withdrawn)
    )
    change_review = human_step(Step.CHANGE_REVIEW).Route(State.IN_FORCE, this.hold)
    hold_temporary = (
        human_step(Step.HOLD_TEMPORARY)
        .OnTimeout(this.end_of_validity, this.expire)
        .Route(State.WITHDRAWN, this.withdrawn)
    )
    expire = flow.Function(this.expire_case).Next(this.expired)

    rejected = flow.End()
    withdrawn = flow.End()
    expired = flow.End()

    def end_of_validity(self, activation):
        return midnight_after(activation.process.end_date)

    def expire_case(self, activation) -> None:
        filing_expire(filing_id=activation.process.pk)
        activation.process.refresh_from_db()  # the End node saves this instance
