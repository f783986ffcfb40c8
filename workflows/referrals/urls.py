"""Referral pages."""

from django.urls import path, re_path

from workflows.finding.export import export_view

from . import views
from .finding import EXPORT

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", export_view(EXPORT), name="export"),
    path("new/", views.referral_new, name="new"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/edit/", views.referral_edit, name="edit"),
    path("<int:pk>/decide/", views.referral_decide, name="decide"),
    path("<int:pk>/tasks/<int:task_pk>/", views.task_page, name="task"),  # earlier versions' URL
    path("<int:pk>/approval-form.pdf", views.referral_approval_form, name="approval_form"),
    path("<int:pk>/withdraw/", views.referral_withdraw, name="withdraw"),
    path("<int:pk>/transfer/", views.referral_transfer, name="transfer"),
]
