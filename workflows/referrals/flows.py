"""ReferralFlow: who acts next on a referral. Topology only; the rules live in the model."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from workflows.flowkit import RoutedView

from .choices import State, Step
from .models import Referral


def _signature(step: Step) -> RoutedView:
    # Who may act on the task is permissions.py's: the services ask it when someone acts.
    return RoutedView(_task_view).Annotation(title=step.label)


def _task_view(request, *args, **kwargs):  # pragma: no cover - tasks are acted on in views.py
    from .views import task_page

    return task_page(request, *args, **kwargs)


class ReferralFlow(flow.Flow):
    """Referral and transfer

    Attending physician, department director, medical-insurance office, dean in charge and
    the municipal center sign in turn; any of them may send it back one step or refuse it.
    """

    process_class = Referral
    process_title = _("Referral and transfer")
    # Services lock the referral row (select_for_update) for the whole step themselves.
    lock_impl = lock.no_lock

    start = flow.StartHandle(this.open_case).Next(this.propose)

    # The proposal task belongs to the physician who opened the case: a return comes back to them.
    propose = (
        _signature(Step.PROPOSE)
        .Assign(this.proposing_physician)
        .Route(State.PROPOSED, this.director_review)
    )
    director_review = (
        _signature(Step.DIRECTOR_REVIEW)
        .Route(State.DEPARTMENT_APPROVED, this.office_review)
        .Route(State.DRAFT, this.propose)
        .Route(State.REJECTED, this.rejected)
    )
    office_review = (
        _signature(Step.OFFICE_REVIEW)
        .Route(State.OFFICE_REVIEWED, this.dean_sign)
        .Route(State.PROPOSED, this.director_review)
        .Route(State.REJECTED, this.rejected)
    )
    dean_sign = (
        _signature(Step.DEAN_SIGN)
        .Route(State.DEAN_SIGNED, this.center_approve)
        .Route(State.DEPARTMENT_APPROVED, this.office_review)
        .Route(State.REJECTED, this.rejected)
    )
    center_approve = (
        _signature(Step.CENTER_APPROVE)
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

    def open_case(self, activation, **fields):
        for name, value in fields.items():
            setattr(activation.process, name, value)
        return activation.process

    def proposing_physician(self, activation):
        return activation.process.proposed_by

    def end_of_validity(self, activation) -> datetime.datetime:
        """Midnight after the last valid day, Asia/Shanghai."""
        last_day = activation.process.valid_until
        return timezone.make_aware(
            datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time())
        )

    def lapse_case(self, activation) -> None:
        from .services import referral_lapse

        referral_lapse(referral=activation.process)
        activation.process.refresh_from_db()  # the End node saves this instance
