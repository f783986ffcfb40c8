"""The pages of a user's own sessions, under /account/sessions/."""

from django.urls import path

from . import views

app_name = "sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("<int:pk>/end/", views.session_end, name="end"),
    path("end-others/", views.sessions_end_others, name="end_others"),
]
