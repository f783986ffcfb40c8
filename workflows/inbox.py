"""The staff inbox: one queue per case type, each a viewflow list of the user's open tasks."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from workflows.claims.review_views import ClaimInbox
from workflows.claims.selectors import claim_reviewer_serves, claim_tasks_count_for
from workflows.referrals.selectors import referral_tasks_count_for
from workflows.referrals.views import ReferralInbox
from workflows.resettlement.review_views import FilingInbox
from workflows.resettlement.selectors import filing_reviewer_serves, filing_tasks_count_for


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str | Promise
    view: type  # a viewflow ListModelView of tasks
    count: Callable[..., int]  # count(user=...) -> open tasks in this queue
    serves: Callable[..., bool] = lambda user: True  # whether it is one of user's tabs


QUEUES = (
    Queue("referrals", _("Referrals"), ReferralInbox, referral_tasks_count_for),
    Queue("claims", _("Claims"), ClaimInbox, claim_tasks_count_for, claim_reviewer_serves),
    Queue("filings", _("Filings"), FilingInbox, filing_tasks_count_for, filing_reviewer_serves),
)


def queue_counts(user) -> list[tuple[Queue, int]]:
    return [(queue, queue.count(user=user)) for queue in QUEUES if queue.serves(user)]


@login_required
def inbox(request, slug: str | None = None):
    """The queue named by ``slug``; without one, the first queue with something waiting."""
    counts = queue_counts(request.user)
    if slug is None:
        queue = next((queue for queue, count in counts if count), QUEUES[0])
    else:
        queue = next((queue for queue in QUEUES if queue.slug == slug), None)
        if queue is None:
            raise Http404
    view = queue.view.as_view(extra_context={"queues": counts, "current_queue": queue})
    return view(request)
