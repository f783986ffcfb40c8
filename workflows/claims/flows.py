"""ClaimFlow: who acts next on a reimbursement claim. Topology only; the rules live elsewhere."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from workflows.flowkit import RoutedView

from .choices import State, Step
from .models import Claim


def _human_step(step: Step) -> RoutedView:
    # Who may act on the task is permissions.py's: the services ask it when someone acts.
    return RoutedView(_task_view).Annotation(title=step.label)


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
    prepare = (
        _human_step(Step.PREPARE)
        .Route(State.SUBMITTED, this.review)
        .Route(State.WITHDRAWN, this.withdrawn)
    )
    review = (
        _human_step(Step.REVIEW)
        .Route(State.APPROVED, this.pay)
        .Route(State.CLOSED, this.closed)
        .Route(State.RETURNED, this.prepare)
        .Route(State.REJECTED, this.rejected)
    )
    pay = _human_step(Step.PAY).Route(State.PAID, this.paid)

    paid = flow.End()
    closed = flow.End()
    rejected = flow.End()
    withdrawn = flow.End()

    def open_case(self, activation, **fields):
        for name, value in fields.items():
            setattr(activation.process, name, value)
        return activation.process
