"""Referral pages."""

from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/", views.referral_new, name="new"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/edit/", views.referral_edit, name="edit"),
    path("<int:pk>/decide/", views.referral_decide, name="decide"),
    path("<int:pk>/tasks/<int:task_pk>/", views.task_page, name="task"),  # earlier versions' URL
    path("<int:pk>/approval-form.pdf", views.referral_approval_form, name="approval_form"),
    path("<int:pk>/withdraw/", views.referral_withdraw, name="withdraw"),
    path("<int:pk>/transfer/", views.referral_transfer, name="transfer"),
]
