"""A user's saved filters: a queue's or a case list's query string, kept under a name."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NAME_LIMIT = 60
QUERY_LIMIT = 1000


class SavedFilter(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_filters",
        verbose_name=_("user"),
    )
    page = models.CharField(_("page"), max_length=100, help_text=_("The page's address."))
    name = models.CharField(_("name"), max_length=NAME_LIMIT)
    query = models.CharField(_("query"), max_length=QUERY_LIMIT, blank=True)
    created = models.DateTimeField(_("saved at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "name"], name="saved_filter_one_name_per_page"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{self.page}?{self.query}" if self.query else self.page
