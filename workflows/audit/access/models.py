"""Access records: one look at an insured person's personal data (a case page, a document, a
printed form, an export), kept for the retention period and then removed by the sweep."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflows.registry.models import InsuredPerson
from workflows.registry.roles import Role

# The shortest time an access record is kept: six months, as the Cybersecurity Law (art. 21)
# asks of network logs. PostgreSQL's trigger refuses to delete a younger record (migration
# audit 0006), whatever ACCESS_LOG_RETENTION_DAYS says, and the settings refuse a shorter one.
MINIMUM_RETENTION_DAYS = 180

APPEND_ONLY = _(
    "Access records are never changed or deleted; the retention sweep removes the old ones."
)


class Access(models.TextChoices):
    """What was done with the personal data."""

    VIEWED = "viewed", _("viewed")
    DOWNLOADED = "downloaded", _("downloaded")
    PRINTED = "printed", _("printed")
    EXPORTED = "exported", _("exported")


class AccessRecord(models.Model):
    """One look at one insured person's data in one case. Written once by the page that showed
    it, never updated; deleted only by the retention sweep, once older than the retention.

    Every page of a case writes one, so the row is kept cheap to insert: its references are
    not foreign-key constraints (a constraint would look up and lock the user's, the person's
    and the case type's rows on every page, every page queueing on the same content type row),
    and only the person and the time are indexed, for the two pages that read the log. The
    application still refuses to delete what a record names (PROTECT), and a person with a
    case is kept by the case's own constraint.
    """

    at = models.DateTimeField(_("time"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="access_records",
        verbose_name=_("user"),
        db_constraint=False,
        db_index=False,
    )
    # Snapshots, as on step records: who looked as what, even after they move on.
    user_name = models.CharField(_("user's name"), max_length=64)
    user_role = models.CharField(_("user's role"), max_length=32, blank=True, choices=Role.choices)
    user_organisation = models.CharField(_("on behalf of"), max_length=200, blank=True)
    person = models.ForeignKey(
        InsuredPerson,
        on_delete=models.PROTECT,
        related_name="access_records",
        verbose_name=_("insured person"),
        db_constraint=False,
        db_index=False,  # the index below starts with it
    )
    case_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("case type"),
        db_constraint=False,
        db_index=False,
    )
    case_id = models.PositiveBigIntegerField(_("case id"))
    case = GenericForeignKey("case_type", "case_id")
    case_number = models.CharField(_("case number"), max_length=32)
    what = models.CharField(_("what"), max_length=16, choices=Access.choices)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
        db_constraint=False,
        db_index=False,
    )
    ip_address = models.GenericIPAddressField(_("request address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access record")
        verbose_name_plural = _("access records")
        indexes = [
            models.Index(fields=["person", "-at"], name="access_person_idx"),
            models.Index(fields=["at"], name="access_at_idx"),
        ]
        permissions = [
            ("search_accessrecord", _("Can search the access log of their city")),
            ("see_own_accessrecord", _("Can see who looked at their own records")),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.what} {self.case_number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(str(APPEND_ONLY))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(str(APPEND_ONLY))

    @property
    def case_kind(self) -> str:
        """What kind of case it was, as people call it (a referral, a claim...)."""
        model = self.case_type.model_class()
        return model._meta.verbose_name if model else self.case_type.model
