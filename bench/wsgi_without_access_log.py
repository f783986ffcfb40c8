"""The project's WSGI application with the access log switched off, for bench_access_log only:
each case page's call that writes its access record does nothing. Never served otherwise."""

from project.wsgi import application  # noqa: F401 (what granian serves; sets Django up)
from workflows.claims import views as claim_views
from workflows.referrals import views as referral_views
from workflows.resettlement import views as filing_views


def _not_recorded(**_look) -> None:
    return None


for _views in (claim_views, referral_views, filing_views):
    _views.personal_data_viewed = _not_recorded
