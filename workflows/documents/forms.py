"""The upload form every case page shows for each item of its checklist, and for each file."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import ACCEPT, Kind


class FilesInput(forms.ClearableFileInput):
    """A file input that takes several files at once (``multiple``)."""

    allow_multiple_selected = True


class FilesField(forms.FileField):
    """One or more files from one input: a list of uploads."""

    widget = FilesInput

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or ()) if upload]
        if not uploads:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(FilesField, self).clean(upload, initial) for upload in uploads]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.HiddenInput)
    file = FilesField(
        label=_("Files"),
        allow_empty_file=True,  # the documents app refuses it, saying why
        help_text=_("PDF, JPEG or PNG, at most 10 MB each."),
        widget=FilesInput(attrs={"accept": ACCEPT}),
    )
    # The version of one of the item's files that the file replaces; none: new files.
    replaces = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
