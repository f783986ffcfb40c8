"""The policy pages: what a city's reimbursement policies say, for the people who apply them.

Center reviewers and supervisors read their own city's policies, administrators every city's;
the policies themselves are loaded with ``load_policy`` or kept in the admin.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from forms.choices import FilingCategory
from workflows import clock
from workflows.registry.models import Grade, InsuredPerson

from .choices import Scope, TimedStep
from .money import show_amount, show_percent, show_points
from .selectors import policies_visible_to

NO_ACCESS = _(
    "Only the municipal center's reviewers, supervisors and administrators read policies."
)


@login_required
def policy_list(request):
    policies = policies_visible_to(request.user)
    if policies is None:
        raise PermissionDenied(NO_ACCESS)
    in_force = set(policies.in_force(on=clock.today()).values_list("pk", flat=True))
    rows = [(policy, policy.pk in in_force) for policy in policies]
    return render(request, "policy/list.html", {"rows": rows})


@login_required
def policy_detail(request, pk):
    policies = policies_visible_to(request.user)
    if policies is None:
        raise PermissionDenied(NO_ACCESS)
    policy = policies.filter(pk=pk).first()
    if policy is None:
        raise Http404
    in_force = policies.filter(pk=pk).in_force(on=clock.today()).exists()
    context = {"policy": policy, "in_force": in_force, **terms_shown(policy.terms)}
    return render(request, "policy/detail.html", context)


def terms_shown(terms) -> dict:
    """A policy's terms as the page shows them: labelled rows, amounts and percentages."""
    grades = list(Grade)
    statuses = list(InsuredPerson.Status)
    return {
        "grades": grades,
        "deductibles": [show_amount(terms.deductible[grade.value]) for grade in grades],
        "ratios": [
            (
                status.label,
                [show_percent(terms.ratio[status.value][grade.value]) for grade in grades],
            )
            for status in statuses
        ],
        "annual_cap": show_amount(terms.annual_cap),
        "class_b_first_share": show_percent(terms.class_b_first_share),
        "scope_cuts": [
            (Scope(scope).label, show_points(cut)) for scope, cut in terms.scope_ratio_cut.items()
        ],
        "referral_validity_days": terms.referral_validity_days,
        "emergency_report_days": terms.emergency_report_days,
        "window": terms.offsite_settlement_window,
        "temporary_validity": [
            (FilingCategory(category).label, validity)
            for category, validity in terms.temporary_filing_validity.items()
        ],
        "step_limits": [
            (TimedStep(step).label, days) for step, days in terms.step_time_limits.items()
        ],
    }
