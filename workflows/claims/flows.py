"""ClaimFlow: who acts next on a reimbursement claim. Topology only; the rules live elsewhere."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from workflows.tasks import state_is

from .choices import State, Step
from .models import Claim
from .permissions import PREPARE, REVIEW

PERMISSION_OF_STEP = {Step.PREPARE: PREPARE, Step.REVIEW: REVIEW, Step.PAY: REVIEW}


def _human_step(step: Step, next_node):
    # Every human task carries its step's permission; the scope (the person themself, their
    # unit, their insured city) is checked by the services when someone acts on it.
    return (
        flow.View(_task_view)
        .Annotation(title=step.label)
        .Permission(PERMISSION_OF_STEP[step])
        .Next(next_node)
    )


def _task_view(request, *args, **kwargs):  # pragma: no cover - claims are acted on in views.py
    from .views import claim_detail

    return claim_detail(request, kwargs.get("process_pk"))


class ClaimFlow(flow.Flow):
    """Reimbursement claim

    The insured person (or their unit's agent) prepares and submits it; a reviewer of the
    municipal center returns it for supplements, approves or refuses it, and pays it.
    """

    process_class = Claim
    process_title = _("Reimbursement claim")
    # Services lock the claim row (select_for_update) for the whole step themselves.
    lock_impl = lock.no_lock

    start = flow.StartHandle(this.open_case).Next(this.prepare)
    prepare = _human_step(Step.PREPARE, this.after_prepare)
    after_prepare = (
        flow.Switch()
        .Case(this.review, state_is(State.SUBMITTED))
        .Case(this.withdrawn, state_is(State.WITHDRAWN))
    )
    review = _human_step(Step.REVIEW, this.after_review)
    after_review = (
        flow.Switch()
        .Case(this.pay, state_is(State.APPROVED))
        .Case(this.prepare, state_is(State.RETURNED))
        .Case(this.rejected, state_is(State.REJECTED))
    )
    pay = _human_step(Step.PAY, this.paid)

    paid = flow.End()
    rejected = flow.End()
    withdrawn = flow.End()

    def open_case(self, activation, **fields):
        for name, value in fields.items():
            setattr(activation.process, name, value)
        return activation.process
