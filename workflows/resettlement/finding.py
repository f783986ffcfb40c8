"""How the filings queues and the filings list are searched, filtered and sorted."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from workflows.audit.selectors import overdue_recorded
from workflows.finding import export
from workflows.finding import filters as finding

from . import permissions, selectors
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

# The filing list exported (workflows/finding/export.py).
EXPORT = export.Export(
    name="filings",
    namespace="resettlement",
    columns=(
        export.Column(_("Category"), lambda filing: capfirst(filing.get_category_display())),
        export.Column(_("Destination"), lambda filing: filing.destination_city.name),
        export.Column(_("First day"), lambda filing: filing.start_date),
        export.Column(_("State"), lambda filing: filing.get_state_display()),
    ),
    cases=lambda *, user: selectors.filing_list_for(user=user),
    visible=permissions.visible,
    finder=FINDER,
    list_columns=LIST_COLUMNS,
    no_access=_("You have no access to off-site filings."),
)
