"""ReferralFlow: who acts next on a referral. Topology only; the rules live in the model."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from .choices import State, Step
from .models import Referral
from .permissions import PERMISSION_OF_STEP


def state_is(state: State):
    def check(activation) -> bool:
        return activation.process.state == state

    check.__name__ = f"state_is_{state}"
    return check


def _human_step(step: Step, next_node):
    # Every human task carries the permission of its step; the scope (this department, this
    # hospital, this city) is checked by permissions.may_act when someone acts on it.
    return (
        flow.View(_task_view)
        .Annotation(title=step.label)
        .Permission(PERMISSION_OF_STEP[step])
        .Next(next_node)
    )


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
    propose = _human_step(Step.PROPOSE, this.director_review).Assign(this.proposing_physician)
    director_review = _human_step(Step.DIRECTOR_REVIEW, this.after_director)
    after_director = (
        flow.Switch()
        .Case(this.office_review, state_is(State.DEPARTMENT_APPROVED))
        .Case(this.propose, state_is(State.DRAFT))
        .Case(this.rejected, state_is(State.REJECTED))
    )
    office_review = _human_step(Step.OFFICE_REVIEW, this.after_office)
    after_office = (
        flow.Switch()
        .Case(this.dean_sign, state_is(State.OFFICE_REVIEWED))
        .Case(this.director_review, state_is(State.PROPOSED))
        .Case(this.rejected, state_is(State.REJECTED))
    )
    dean_sign = _human_step(Step.DEAN_SIGN, this.after_dean)
    after_dean = (
        flow.Switch()
        .Case(this.center_approve, state_is(State.DEAN_SIGNED))
        .Case(this.office_review, state_is(State.DEPARTMENT_APPROVED))
        .Case(this.rejected, state_is(State.REJECTED))
    )
    center_approve = _human_step(Step.CENTER_APPROVE, this.after_center)
    after_center = (
        flow.Switch()
        .Case(this.await_transfer, state_is(State.APPROVED))
        .Case(this.dean_sign, state_is(State.OFFICE_REVIEWED))
        .Case(this.rejected, state_is(State.REJECTED))
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
