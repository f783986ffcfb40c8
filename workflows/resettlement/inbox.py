"""The filings tab of the staff inbox (the filings and changes of the reviewer's city) and of
the supervisor's overdue list."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from workflows.web import OVERDUE_STEP, Bulk, Column, InboxQueue

from . import review, selectors
from .choices import Decision, Step
from .finding import FINDER
from .models import Filing

TAB = InboxQueue(
    slug="filings",
    label=_("Filings"),
    queue=selectors.QUEUE,
    number=_("Filing number"),
    person=_("Insured person"),
    about=Column(
        _("Filing"),
        lambda filing: f"{filing.get_category_display()} · {filing.destination_city.name}",
    ),
    deadlines=selectors.DEADLINES,
    finder=FINDER,
    link="resettlement:detail",
    bulk=Bulk(
        model=Filing,
        steps=(Step.REVIEW,),  # a change of institutions is reviewed on its own page
        approve=lambda *, case_id, by, opinion, ip_address: review.filing_decide(
            filing_id=case_id,
            by=by,
            decision=Decision.APPROVE,
            reason=opinion,
            ip_address=ip_address,
        ),
    ),
)

# Its overdue list, for those who watch over its steps: a row leads to the case page.
OVERDUE_TAB = replace(
    TAB,
    queue=selectors.OVERDUE,
    link="resettlement:detail",
    step_header=OVERDUE_STEP,
    default_sort="-waiting",  # those waiting longest first
    without_filters=("overdue",),  # every one of them is
    bulk=None,
)
