"""The upload form every case page shows for each item of its checklist."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Kind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,  # the documents app refuses it, saying why
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
