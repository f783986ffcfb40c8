"""FilingFlow: who acts next on an off-site filing. Topology only; the rules live elsewhere."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from workflows.flowkit import RoutedView

from .choices import State, Step
from .models import Filing


def _human_step(step: Step) -> RoutedView:
    # Who may act on the task is permissions.py's: the services ask it when someone acts.
    return RoutedView(_task_view).Annotation(title=step.label)


def _task_view(request, *args, **kwargs):  # pragma: no cover - filings are acted on in views.py
    from .views import filing_detail

    return filing_detail(request, kwargs.get("process_pk"))


class FilingFlow(flow.Flow):
    """Off-site medical treatment filing

    The employer unit's agent (or the person, where the unit no longer exists) prepares and
    submits it; a reviewer of the municipal center approves, returns or refuses it. A long-term
    filing stays in force until withdrawn and may change its institutions (reviewed again); a
    temporary one expires after its last day.
    """

    process_class = Filing
    process_title = _("Off-site filing")
    # Services lock the filing row (select_for_update) for the whole step themselves.
    lock_impl = lock.no_lock

    start = flow.StartHandle(this.open_case).Next(this.prepare)
    prepare = (
        _human_step(Step.PREPARE)
        .Route(State.SUBMITTED, this.review)
        .Route(State.WITHDRAWN, this.withdrawn)
    )
    review = (
        _human_step(Step.REVIEW)
        .Route(State.IN_FORCE, this.hold)
        .Route(State.TEMPORARY_IN_FORCE, this.hold_temporary)
        .Route(State.RETURNED, this.prepare)
        .Route(State.REJECTED, this.rejected)
    )
    hold = (
        _human_step(Step.HOLD)
        .Route(State.CHANGE_REQUESTED, this.change_review)
        .Route(State.WITHDRAWN, this.withdrawn)
    )
    change_review = _human_step(Step.CHANGE_REVIEW).Route(State.IN_FORCE, this.hold)
    hold_temporary = (
        _human_step(Step.HOLD_TEMPORARY)
        .OnTimeout(this.end_of_validity, this.expire)
        .Route(State.WITHDRAWN, this.withdrawn)
    )
    expire = flow.Function(this.expire_case).Next(this.expired)

    rejected = flow.End()
    withdrawn = flow.End()
    expired = flow.End()

    def open_case(self, activation, **fields):
        for name, value in fields.items():
            setattr(activation.process, name, value)
        return activation.process

    def end_of_validity(self, activation) -> datetime.datetime:
        """Midnight after the last day, Asia/Shanghai."""
        last_day = activation.process.end_date
        return timezone.make_aware(
            datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time())
        )

    def expire_case(self, activation) -> None:
        from .review import filing_expire

        filing_expire(filing_id=activation.process.pk)
        activation.process.refresh_from_db()  # the End node saves this instance
