"""The staff inbox: one tab per case type, each the user's open tasks of that case type."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from workflows import clock
from workflows.claims.inbox import TAB as CLAIMS
from workflows.finding.views import page_context
from workflows.referrals.inbox import TAB as REFERRALS
from workflows.resettlement.inbox import TAB as FILINGS

NO_INBOX = _("Your role has no inbox: nothing is sent to you to sign or review.")
TABS = (REFERRALS, CLAIMS, FILINGS)
PAGE_SIZE = 25


def tab_counts(user) -> list[tuple]:
    """Each of the user's tabs, with how many tasks wait in it."""
    return [(tab, tab.queue.count(user=user)) for tab in TABS if tab.queue.serves(user=user)]


def navigation(request) -> dict:
    """Template context: whether the signed-in user has an inbox at all (for the top menu)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"has_inbox": False}
    serves = SimpleLazyObject(lambda: any(tab.queue.serves(user=user) for tab in TABS))
    return {"has_inbox": serves}


@login_required
def inbox(request, slug: str | None = None):
    """The tab named by ``slug``; without one, the first tab with something waiting."""
    counts = tab_counts(request.user)
    if not counts:
        messages.info(request, NO_INBOX)
        return redirect("home")
    return queue_page(request, counts, slug, template="inbox.html", url_name="inbox_queue")


def queue_page(request, counts: list[tuple], slug: str | None, *, template: str, url_name: str):
    """A page of tabs (an inbox, the overdue lists) at the tab named by ``slug``, or the first
    with something in it; ``counts``: each tab the user has, with how many tasks it holds;
    ``url_name``: the URL of a tab. The tab's tasks are those its search finds."""
    if slug is None:
        tab = next((tab for tab, count in counts if count), counts[0][0])
    else:
        tab = next((tab for tab, _count in counts if tab.slug == slug), None)
        if tab is None:
            raise Http404
    form = tab.find_form(request.GET, user=request.user)
    tasks = tab.queue.page(user=request.user, found=form.narrow)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "tabs": counts,
            "current_tab": tab,
            "rows": tab.rows(page, now=clock.now()),
            "page": page,
            **page_context(request, form, path=reverse(url_name, args=[tab.slug])),
        },
    )
