"""Django's admin app, with the site that asks for a verified two-step session (admin.py)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class TwoStepAdminConfig(AdminConfig):
    default_site = "workflows.registry.twostep.admin.TwoStepAdminSite"

    def ready(self) -> None:
        super().ready()
        # django-otp's own pages of devices would show keys and QR codes to whoever may see
        # them; the one thing the administrator does to a device is reset it (below).
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        for model in (TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
        from . import checks  # noqa: F401  (registers the check of the required roles)
