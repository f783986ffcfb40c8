"""The staff inbox: one tab per case type, each the user's open tasks of that case type."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from workflows import clock
from workflows.claims.inbox import TAB as CLAIMS
from workflows.finding.views import page_context
from workflows.flowkit import count_each
from workflows.referrals.inbox import TAB as REFERRALS
from workflows.registry.roles import STAND_IN_ROLES
from workflows.registry.selectors import actor_of
from workflows.resettlement.inbox import TAB as FILINGS
from workflows.web import client_ip

SELECT_SOME = _("Select the cases to approve: tick them in the first column.")
OPINION_FOR_ALL = _("Write the opinion that goes with every approval.")
NOT_YOURS = _("It is not waiting for you, or not in your scope.")
NO_INBOX = _("Your role has no inbox: nothing is sent to you to sign or review.")
TABS = (REFERRALS, CLAIMS, FILINGS)
PAGE_SIZE = 25


def served(user, tabs=TABS) -> list[tuple]:
    """Each of ``tabs`` that ``user`` has, with the cases waiting in it (a ``Waiting``)."""
    return [(tab, waiting) for tab in tabs if (waiting := tab.queue.waiting(user=user))]


def tab_counts(user, tabs=TABS) -> list[tuple]:
    """Each of ``tabs`` that ``user`` has, with how many tasks wait in it (one statement)."""
    have = served(user, tabs)
    numbers = count_each([waiting.cases for _tab, waiting in have])
    return [(tab, count) for (tab, _waiting), count in zip(have, numbers, strict=True)]


def navigation(request) -> dict:
    """Template context: whether the signed-in user has an inbox at all (for the top menu)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"has_inbox": False}
    serves = SimpleLazyObject(lambda: any(tab.queue.serves(user=user) for tab in TABS))
    names_stand_ins = SimpleLazyObject(lambda: actor_of(user).role in STAND_IN_ROLES)
    return {"has_inbox": serves, "names_stand_ins": names_stand_ins}


@login_required
def inbox(request, slug: str | None = None):
    """The tab named by ``slug``; without one, the first tab with something waiting."""
    have = served(request.user)
    if not have:
        messages.info(request, NO_INBOX)
        return redirect("home")
    return queue_page(request, have, slug, template="inbox.html", url_name="inbox_queue", own=True)


def queue_page(
    request, have: list[tuple], slug: str | None, *, template: str, url_name: str, own=False
):
    """A page of tabs (an inbox, the overdue lists) at the tab named by ``slug``, or the first
    with something in it; ``have``: each tab the user has, with the cases waiting in it
    (``served``); ``url_name``: the URL of a tab. The tab's tasks are those its search finds.
    The tabs' counts and the number found are counted in one statement."""
    user = request.user
    if slug is None:
        counts = tab_counts(user, [tab for tab, _waiting in have])
        at = next((n for n, (_tab, count) in enumerate(counts) if count), 0)
    else:
        at = next((n for n, (tab, _waiting) in enumerate(have) if tab.slug == slug), None)
        if at is None:
            raise Http404
    tab, waiting = have[at]
    form = tab.find_form(request.GET, user=user)
    cases = form.narrow(waiting.cases)
    if slug is None:  # counted already: a search or a filter is sent with its tab's slug
        found = None if form.narrows else counts[at][1]
    else:
        numbers = count_each(
            [waiting.cases for _tab, waiting in have] + ([cases] if form.narrows else [])
        )
        counts = [(each, n) for (each, _w), n in zip(have, numbers[: len(have)], strict=True)]
        found = numbers[-1] if form.narrows else numbers[at]
    page = Paginator(tab.queue.page(waiting, cases, count=found), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = tab.rows(page, now=clock.now(), user=user if own else None)
    return render(
        request,
        template,
        {
            "tabs": counts,
            "current_tab": tab,
            "rows": rows,
            "bulk": tab.bulk if any(row.selectable for row in rows) else None,
            "page": page,
            # Whom the user stands in for today (registry/standins): their tasks are these.
            "standing_in": actor_of(user).stands_in_today() if own else [],
            **({"has_inbox": True} if own else {}),  # the menu need not ask again
            **page_context(request, form, path=reverse(url_name, args=[tab.slug])),
        },
    )


@dataclass(frozen=True)
class BulkOutcome:
    """What came of one case of a bulk approval: its number (or id, for one not found), whether
    it was approved, and else why not."""

    number: str
    approved: bool
    why: str = ""


@login_required
@require_POST
def bulk_approve(request, slug: str):
    """Approve the selected cases of a tab with one opinion: each through the same service as
    one approval on its page, in its own transaction; the page lists what came of each."""
    tab = next((tab for tab in TABS if tab.slug == slug and tab.bulk), None)
    if tab is None:
        raise Http404
    ids = [int(value) for value in request.POST.getlist("case") if value.isdigit()]
    opinion = request.POST.get("opinion", "").strip()
    back = reverse("inbox_queue", args=[slug])
    if not ids:
        messages.error(request, SELECT_SOME)
        return redirect(back)
    if not opinion:
        messages.error(request, OPINION_FOR_ALL)
        return redirect(back)
    numbers = dict(tab.bulk.model.objects.filter(pk__in=ids).values_list("pk", "number"))
    outcomes = []
    for case_id in dict.fromkeys(ids):
        number = numbers.get(case_id, str(case_id))
        try:
            tab.bulk.approve(
                case_id=case_id, by=request.user, opinion=opinion, ip_address=client_ip(request)
            )
        except ObjectDoesNotExist:  # not visible to them: nothing of it is told, not its number
            outcomes.append(BulkOutcome(str(case_id), False, NOT_YOURS))
        except PermissionDenied as error:
            outcomes.append(BulkOutcome(number, False, str(error) or NOT_YOURS))
        except ValidationError as error:
            outcomes.append(BulkOutcome(number, False, " ".join(error.messages)))
        else:
            outcomes.append(BulkOutcome(number, True))
    approved = sum(outcome.approved for outcome in outcomes)
    return render(
        request,
        "inbox_bulk.html",
        {"tab": tab, "outcomes": outcomes, "approved": approved, "opinion": opinion, "back": back},
    )
