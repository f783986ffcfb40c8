"""URL map: pages of each workflow app, sign-in, admin."""

from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from workflows.home import home
from workflows.inbox import inbox
from workflows.registry import views as registry_views

urlpatterns = [
    path("", home, name="home"),
    path("login/", registry_views.SignInView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("language/", registry_views.set_language, name="set_language"),
    path("inbox/", inbox, name="inbox"),
    path("inbox/<slug:slug>/", inbox, name="inbox_queue"),
    path("referrals/", include("workflows.referrals.urls")),
    path("claims/", include("workflows.claims.urls")),
    path("filings/", include("workflows.resettlement.urls")),
    path("policies/", include("workflows.policy.urls")),
    path("access-log/", include("workflows.audit.access.urls")),
    path("admin/", admin.site.urls),
]
