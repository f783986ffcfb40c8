"""The access log's pages."""

from django.urls import path

from . import views

app_name = "access_log"

urlpatterns = [
    path("", views.access_log_search, name="search"),
    path("mine/", views.who_looked, name="mine"),
]
