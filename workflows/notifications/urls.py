"""Notifications."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.notification_read, name="read_all"),
    path("settings/", views.preferences, name="preferences"),
    path("address/<str:token>/", views.confirm_address, name="confirm_address"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("<int:pk>/read/", views.notification_read, name="read"),
]
