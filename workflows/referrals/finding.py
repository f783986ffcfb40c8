"""How the referral queues and the referral list are searched, filtered and sorted."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workflows.audit.selectors import overdue_recorded
from workflows.finding import filters as finding

from .choices import STEP_OF_STATE, Scope, State, Step
from .models import Referral
from .selectors import DEADLINES

FINDER = finding.Finder(
    filters=(
        finding.institution_filter(lambda institution: Q(institution=institution)),
        finding.department_filter(),
        finding.choice_filter("scope", _("Scope"), Scope.choices),
        finding.step_filter(STEP_OF_STATE),
        finding.state_filter(),
        finding.overdue_filter(lambda: overdue_recorded(Referral)),
        finding.claim_filter((Step.CENTER_APPROVE,)),
    ),
    sorts=finding.case_sorts(
        State.values,
        DEADLINES.terms,
        STEP_OF_STATE,
        about=("institution__name", "target_institution__name"),
        list_columns={
            "from": ("institution__name", "department__name"),
            "to": ("target_institution__name",),
        },
    ),
    states=State,
    steps=Step,
    step_of_state=STEP_OF_STATE,
)

# The columns of the case list, each sorting.
LIST_COLUMNS = (
    (_("Case number"), "number"),
    (_("Patient"), "person"),
    (_("From"), "from"),
    (_("To"), "to"),
    (_("State"), "state"),
    (_("Opened"), "opened"),
)
