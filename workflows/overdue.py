"""The overdue lists: the open steps past their due dates that a user watches over, one tab per
case type. A hospital's medical-insurance office watches over its department directors' and
its dean's signatures; a city's supervisors over the office's review and the center's steps of
the city's cases. A step is on the list once the workflow timers have found it overdue."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from workflows.claims.inbox import OVERDUE_TAB as CLAIMS
from workflows.inbox import queue_page, served, tab_counts
from workflows.referrals.inbox import OVERDUE_TAB as REFERRALS
from workflows.resettlement.inbox import OVERDUE_TAB as FILINGS

NOT_YOURS = _(
    "Only a hospital's medical-insurance office and a city's supervisors have overdue lists."
)
TABS = (REFERRALS, CLAIMS, FILINGS)


def overdue_counts(user) -> list[tuple]:
    """Each of the user's overdue lists, with how many steps are on it."""
    return tab_counts(user, TABS)


@login_required
def overdue(request, slug: str | None = None):
    """The list named by ``slug``; without one, the first with something on it."""
    have = served(request.user, TABS)
    if not have:
        raise PermissionDenied(NOT_YOURS)
    return queue_page(request, have, slug, template="overdue.html", url_name="overdue_queue")
