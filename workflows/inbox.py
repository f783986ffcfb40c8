"""The staff inbox: one queue per case type, each a viewflow list of the user's open tasks."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import Promise, SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from workflows.claims.review.views import ClaimInbox
from workflows.claims.selectors import claim_reviewer_serves, claim_tasks_count_for
from workflows.referrals.selectors import referral_signer_serves, referral_tasks_count_for
from workflows.referrals.views import ReferralInbox
from workflows.resettlement.review_views import FilingInbox
from workflows.resettlement.selectors import filing_reviewer_serves, filing_tasks_count_for

NO_INBOX = _("Your role has no inbox: nothing is sent to you to sign or review.")


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str | Promise
    view: type  # a viewflow ListModelView of tasks
    count: Callable[..., int]  # count(user=...) -> open tasks in this queue
    serves: Callable[..., bool]  # serves(user) -> whether it is one of the user's tabs


QUEUES = (
    Queue(
        "referrals", _("Referrals"), ReferralInbox, referral_tasks_count_for, referral_signer_serves
    ),
    Queue("claims", _("Claims"), ClaimInbox, claim_tasks_count_for, claim_reviewer_serves),
    Queue("filings", _("Filings"), FilingInbox, filing_tasks_count_for, filing_reviewer_serves),
)


def queue_counts(user) -> list[tuple[Queue, int]]:
    return [(queue, queue.count(user=user)) for queue in QUEUES if queue.serves(user)]


def navigation(request) -> dict:
    """Template context: whether the signed-in user has an inbox at all (for the top menu)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"has_inbox": False}
    return {"has_inbox": SimpleLazyObject(lambda: any(q.serves(user) for q in QUEUES))}


@login_required
def inbox(request, slug: str | None = None):
    """The queue named by ``slug``; without one, the first queue with something waiting."""
    counts = queue_counts(request.user)
    if not counts:
        messages.info(request, NO_INBOX)
        return redirect("home")
    if slug is None:
        queue = next((queue for queue, count in counts if count), counts[0][0])
    else:
        queue = next((queue for queue, _count in counts if queue.slug == slug), None)
        if queue is None:
            raise Http404
    view = queue.view.as_view(extra_context={"queues": counts, "current_queue": queue})
    return view(request)
