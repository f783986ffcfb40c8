"""The admin asks for a verified two-step session, and the administrator resets a user's
two-step sign-in (a lost phone) from the users' list."""

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .middleware import to_two_step
from .selectors import is_verified

ADMIN_NEEDS_TWO_STEP = _(
    "The administration asks for two-step sign-in: give your code, or turn it on, to go on."
)
RESET_DONE = _(
    "Two-step sign-in reset for %(name)s: their authenticator and recovery codes no longer "
    "work. If their role requires it, they set up a new one at their next sign-in."
)


class TwoStepAdminSite(admin.AdminSite):
    """Django's admin, open only to a session that has given its two-step code (as
    django-otp's OTPAdminSite), with the project's own pages for giving it."""

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and is_verified(request.user)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff and not is_verified(user):
            messages.info(request, ADMIN_NEEDS_TWO_STEP)
            return to_two_step(request.GET.get("next") or reverse("admin:index"))
        return super().login(request, extra_context)


def with_two_step(queryset):
    """Users, each with ``two_step_on``: whether they have a confirmed authenticator."""
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return queryset.annotate(two_step_on=Exists(confirmed))


@admin.display(description=_("two-step sign-in"), boolean=True, ordering="two_step_on")
def two_step_on(user) -> bool:
    return user.two_step_on


@admin.action(description=_("Reset two-step sign-in"), permissions=["change"])
def reset_two_step(modeladmin, request, queryset):
    for user in queryset:
        services.two_step_reset(user=user)
        modeladmin.log_change(request, user, str(_("Reset two-step sign-in")))
        modeladmin.message_user(request, RESET_DONE % {"name": user}, messages.SUCCESS)
