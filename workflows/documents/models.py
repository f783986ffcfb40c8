"""A document uploaded to a case: one version of one file of one checklist item, with its
stored file."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType as CaseType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import EXTENSIONS, ContentType, Kind

NEVER_CHANGED = _("Documents are never changed or deleted: upload a new version instead.")


class Document(models.Model):
    """One uploaded file. Written once by a service, never updated or deleted.

    A checklist item (``kind``) holds one file, or several where its kind does
    (``choices.HOLDS_SEVERAL_FILES``): ``file_number`` counts them from 1 within the item, and
    ``version`` counts the uploads of one file from 1, each replacing the one before.

    ``stored_name`` is made by the server (random, no extension) and is the file's only name on
    disk; ``original_name`` is what the uploader's computer called it, shown but never used as
    a path.
    """

    case_type = models.ForeignKey(
        CaseType, on_delete=models.PROTECT, related_name="+", verbose_name=_("case type")
    )
    case_id = models.PositiveBigIntegerField(_("case id"))
    case = GenericForeignKey("case_type", "case_id")
    kind = models.CharField(_("document"), max_length=32, choices=Kind.choices)
    file_number = models.PositiveSmallIntegerField(_("file"))
    version = models.PositiveSmallIntegerField(_("version"))
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(_("stored as"), max_length=100, unique=True, editable=False)
    content_type = models.CharField(_("file type"), max_length=32, choices=ContentType.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["case_type", "case_id", "kind", "file_number", "version"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["case_type", "case_id", "kind", "file_number", "version"],
                name="document_one_version_of_each_file",
            ),
            models.CheckConstraint(condition=Q(file_number__gte=1), name="document_file_from_1"),
            models.CheckConstraint(condition=Q(version__gte=1), name="document_version_from_1"),
            models.CheckConstraint(condition=Q(size__gt=0), name="document_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_number} v{self.version}: {self.original_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(str(NEVER_CHANGED))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(str(NEVER_CHANGED))

    @property
    def download_name(self) -> str:
        """The original name, with the extension of its real type when it had another."""
        extensions = EXTENSIONS[ContentType(self.content_type)]
        if self.original_name.lower().endswith(extensions):
            return self.original_name
        return self.original_name + extensions[0]
