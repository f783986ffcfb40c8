"""The two-step pages of the signed-in user's own account: /account/two-step/..."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.two_step, name="two_step"),
    path("verify/", views.verify, name="two_step_verify"),
    path("confirm/", views.confirm, name="two_step_confirm"),
    path("qr.svg", views.qr_code, name="two_step_qr"),
    path("recovery-codes/", views.recovery_codes, name="two_step_recovery_codes"),
    path("recovery-codes/new/", views.renew_recovery_codes, name="two_step_renew_codes"),
    path("on/", views.turn_on, name="two_step_on"),
    path("off/", views.turn_off, name="two_step_off"),
]
