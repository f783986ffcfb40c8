"""The home page: who you are, where you work, and what waits for you in each workflow."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from workflows.claims.selectors import claim_list_for
from workflows.inbox import tab_counts
from workflows.overdue import overdue_counts
from workflows.referrals.selectors import referral_list_for
from workflows.registry.selectors import actor_of
from workflows.resettlement import permissions as filing_permissions
from workflows.resettlement.selectors import filing_list_for


@login_required
def home(request):
    return render(
        request,
        "registry/home.html",
        {
            "actor": actor_of(request.user),
            "tabs": tab_counts(request.user),
            "overdue": overdue_counts(request.user),
            "recent_referrals": referral_list_for(user=request.user)[:5],
            "recent_claims": claim_list_for(user=request.user)[:5],
            "recent_filings": filing_list_for(user=request.user)[:5],
            "may_open_filings": filing_permissions.may_open(user=request.user),
        },
    )
