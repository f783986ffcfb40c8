"""How the referral queues and the referral list are searched, filtered and sorted."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.audit.selectors import overdue_recorded
from workflows.finding import export
from workflows.finding import filters as finding

from . import permissions, selectors
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

# The referral list exported (workflows/finding/export.py).
EXPORT = export.Export(
    name="referrals",
    columns=(
        export.Column(_("From"), lambda r: f"{r.institution.name} · {r.department.name}"),
        export.Column(_("To"), lambda r: r.target_institution.name),
        export.Column(_("Scope"), lambda r: r.get_scope_display()),
        export.Column(_("State"), lambda r: r.get_state_display()),
        export.Column(_("Opened"), lambda r: timezone.localdate(r.created)),
        export.Column(_("Valid until"), lambda r: r.valid_until),
    ),
    cases=lambda *, user: selectors.referral_list_for(user=user),
    visible=permissions.visible,
    finder=FINDER,
    list_columns=LIST_COLUMNS,
    no_access=_("You have no access to referrals."),
)
