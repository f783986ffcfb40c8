"""Saved filters."""

from django.urls import path

from . import views

app_name = "finding"

urlpatterns = [
    path("", views.saved_filter_save, name="save"),
    path("<int:pk>/delete/", views.saved_filter_delete, name="delete"),
]
