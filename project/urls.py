"""URL map: pages of each workflow app, sign-in, admin."""

from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import path

from workflows.registry import views as registry_views

urlpatterns = [
    path("", registry_views.home, name="home"),
    path("login/", registry_views.SignInView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("language/", registry_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
