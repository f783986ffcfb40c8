"""How the claims queues and the claims list are searched, filtered and sorted, and the two
flags a reviewer filters by: reported late, and off-site care without a filing."""

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from workflows.audit.selectors import overdue_recorded
from workflows.finding import export
from workflows.finding import filters as finding
from workflows.resettlement import selectors as filings

from . import permissions, selectors
from .choices import STEP_OF_STATE, Kind, State, Step
from .models import Claim
from .selectors import DEADLINES

LATE = "late"
NO_FILING = "no_filing"
FLAGS = [(LATE, _("⚑ reported late")), (NO_FILING, _("⚑ no filing in force"))]


def reported_late() -> Q:
    """An emergency reported after the policy's deadline (``Claim.reported_late``)."""
    return Q(report_deadline__isnull=False, reported_on__gt=F("report_deadline"))


def without_filing() -> Q:
    """Off-site outpatient care that no filing in force covered (``covering_filing`` none)."""
    covered = filings.covering_choices(
        person_id=OuterRef("person_id"),
        institution_id=OuterRef("institution_id"),
        first_day=OuterRef("admission_date"),
        last_day=OuterRef("discharge_date"),
    )
    return Q(kind=Kind.OFFSITE_OUTPATIENT) & ~Exists(covered)


FINDER = finding.Finder(
    filters=(
        finding.institution_filter(lambda institution: Q(institution=institution)),
        finding.choice_filter("kind", _("Kind"), Kind.choices),
        finding.step_filter(STEP_OF_STATE),
        finding.state_filter(),
        finding.Filter(
            "flagged",
            lambda viewer: finding.choice_field(_("Flagged"), FLAGS),
            lambda flag: reported_late() if flag == LATE else without_filing(),
            # The flags are the center's and its supervisors', as on the claim's page.
            offered=lambda viewer: permissions.may_read_as_staff(user=viewer.user),
        ),
        finding.overdue_filter(lambda: overdue_recorded(Claim)),
        finding.claim_filter((Step.REVIEW,)),
    ),
    sorts=finding.case_sorts(
        State.values,
        DEADLINES.terms,
        STEP_OF_STATE,
        about=("kind", "institution__name"),
        list_columns={
            "kind": ("kind",),
            "hospital": ("institution__name",),
            "admitted": ("admission_date",),
        },
    ),
    states=State,
    steps=Step,
    step_of_state=STEP_OF_STATE,
)

# The columns of the case list, each sorting.
LIST_COLUMNS = (
    (_("Claim number"), "number"),
    (_("Claimant"), "person"),
    (_("Kind"), "kind"),
    (_("Hospital"), "hospital"),
    (_("Admission date"), "admitted"),
    (_("State"), "state"),
)

# The claim list exported (workflows/finding/export.py).
EXPORT = export.Export(
    name="claims",
    columns=(
        export.Column(_("Kind"), lambda claim: claim.get_kind_display()),
        export.Column(_("Hospital"), lambda claim: claim.institution.name),
        export.Column(_("Admission date"), lambda claim: claim.admission_date),
        export.Column(_("State"), lambda claim: claim.get_state_display()),
    ),
    cases=lambda *, user: selectors.claim_list_for(user=user),
    visible=permissions.visible,
    finder=FINDER,
    list_columns=LIST_COLUMNS,
    no_access=_("You have no access to reimbursement claims."),
)
