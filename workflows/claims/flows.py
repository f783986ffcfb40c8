"""ClaimFlow: who acts next on a reimbursement claim. Topology only: who may act is in
permissions.py, what a step writes in the services."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.flowkit import CaseFlow, human_step

from .choices import State, Step
from .models import Claim


class ClaimFlow(CaseFlow):
    """Reimbursement claim

    The insured person (or their unit's agent) prepares and submits it; a reviewer of the
    municipal center returns it for supplements, approves or refuses it, and pays it.
    """

    process_class = Claim
    process_title = _("Reimbursement claim")

    start = flow.StartHandle(this.open_case).Next(this.prepare)
    prepare = (
        human_step(Step.PREPARE)
        .Route(State.SUBMITTED, this.review)
        .Route(State.WITHDRAWN, this.withdrawn)
    )
    review = (
        human_step(Step.REVIEW)
        .Route(State.APPROVED, this.pay)
        .Route(State.CLOSED, this.closed)
        .Route(State.RETURNED, this.prepare)
        .Route(State.REJECTED, this.rejected)
    )
    pay = human_step(Step.PAY).Route(State.PAID, this.paid)

    paid = flow.End()
    closed = flow.End()
    rejected = flow.End()
    withdrawn = flow.End()
