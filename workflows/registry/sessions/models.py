"""One row per signed-in session: whose, since when, last seen when, from where and with what."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .browsers import Browser, System


class SignIn(models.Model):
    """A session a user signed in to, until they sign out, it ends for idleness or they end
    it from another one. ``last_seen_at`` is at most a minute behind their last request."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sign_ins",
        verbose_name=_("user"),
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    signed_in_at = models.DateTimeField(_("signed in at"))
    last_seen_at = models.DateTimeField(_("last seen at"))
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    browser = models.CharField(_("browser"), max_length=16, choices=Browser.choices, blank=True)
    system = models.CharField(_("system"), max_length=16, choices=System.choices, blank=True)

    class Meta:
        ordering = ["-last_seen_at", "-pk"]
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")
        indexes = [models.Index(fields=["user", "last_seen_at"], name="sign_in_user_last_seen")]

    def __str__(self) -> str:
        return f"{self.user} · {self.device}"

    @property
    def device(self) -> str:
        """The browser and its system as people say it: "Chrome on Windows"."""
        return gettext("%(browser)s on %(system)s") % {
            "browser": self.get_browser_display(),
            "system": self.get_system_display(),
        }
