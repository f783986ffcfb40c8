"""How the filings queues and the filings list are searched, filtered and sorted."""

from django.utils.translation import gettext_lazy as _

from workflows.audit.selectors import overdue_recorded
from workflows.finding import filters as finding

from .choices import STEP_OF_STATE, Category, State, Step
from .models import Filing
from .selectors import DEADLINES, naming_institution

FINDER = finding.Finder(
    filters=(
        finding.institution_filter(naming_institution),
        finding.choice_filter("category", _("Category"), Category.choices),
        finding.step_filter(STEP_OF_STATE),
        finding.state_filter(),
        finding.overdue_filter(lambda: overdue_recorded(Filing)),
        finding.claim_filter(
            (
                Step.REVIEW,
                Step.CHANGE_REVIEW,
            )
        ),
    ),
    sorts=finding.case_sorts(
        State.values,
        DEADLINES.terms,
        STEP_OF_STATE,
        about=("category", "destination_city__name"),
        list_columns={
            "category": ("category",),
            "destination": ("destination_city__name",),
            "first_day": ("start_date",),
        },
    ),
    states=State,
    steps=Step,
    step_of_state=STEP_OF_STATE,
)

# The columns of the case list, each sorting.
LIST_COLUMNS = (
    (_("Filing number"), "number"),
    (_("Insured person"), "person"),
    (_("Category"), "category"),
    (_("Destination"), "destination"),
    (_("First day"), "first_day"),
    (_("State"), "state"),
)
