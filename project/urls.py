"""URL map: pages of each workflow app, sign-in, admin."""

from django.contrib import admin
from django.urls import include, path

from workflows.claiming_views import task_hold
from workflows.home import home
from workflows.inbox import bulk_approve, inbox
from workflows.overdue import overdue
from workflows.registry import views as registry_views
from workflows.registry.passwords import views as password_views
from workflows.registry.sessions import views as session_views
from workflows.registry.standins import views as stand_in_views

urlpatterns = [
    path("", home, name="home"),
    path("login/", registry_views.SignInView.as_view(), name="login"),
    path("logout/", session_views.SignOutView.as_view(), name="logout"),
    path("language/", registry_views.set_language, name="set_language"),
    path("account/sessions/", include("workflows.registry.sessions.urls")),
    path("account/password/", password_views.password_change, name="password_change"),
    path("account/two-step/", include("workflows.registry.twostep.urls")),
    path("account/stand-in/", stand_in_views.stand_in_page, name="stand_in"),
    path("account/stand-in/<int:pk>/end/", stand_in_views.stand_in_end, name="stand_in_end"),
    path("inbox/", inbox, name="inbox"),
    path("inbox/<slug:slug>/", inbox, name="inbox_queue"),
    path("inbox/<slug:slug>/approve/", bulk_approve, name="inbox_bulk_approve"),
    path("tasks/<slug:kind>/<int:pk>/<slug:action>/", task_hold, name="task_hold"),
    path("overdue/", overdue, name="overdue"),
    path("overdue/<slug:slug>/", overdue, name="overdue_queue"),
    path("referrals/", include("workflows.referrals.urls")),
    path("claims/", include("workflows.claims.urls")),
    path("filings/", include("workflows.resettlement.urls")),
    path("policies/", include("workflows.policy.urls")),
    path("access-log/", include("workflows.audit.access.urls")),
    path("saved-filters/", include("workflows.finding.urls")),
    path("notifications/", include("workflows.notifications.urls")),
    path("admin/", admin.site.urls),
]
