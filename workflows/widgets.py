"""Form widgets and fields every case type's pages share."""

from django import forms
from django.utils.translation import gettext_lazy as _

# Django ends every form's labels with gettext(":"). Marked here for the project's catalogue,
# which gives Chinese its full-width colon "：" (Django's own Chinese catalogue keeps ":").
LABEL_SUFFIX = _(":")
# What a browser's date picker shows and sends, whatever the page's language.
ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """The browser's date picker. It takes its value as YYYY-MM-DD only: a date in the page's
    language's own format (2026/11/20 on a Chinese page) leaves it blank."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or ISO_DATE)


class DateField(forms.DateField):
    """A date typed in the browser's date picker: shown and read as YYYY-MM-DD, in every
    language."""

    widget = DateInput
    input_formats = [ISO_DATE]


UNTIL_BEFORE_SINCE = _("The last day comes before the first day.")


class DateRange:
    """A form's ``since`` and ``until`` days (its fields, named so): the last one may not
    come before the first."""

    def clean(self):
        cleaned_data = super().clean()
        since, until = cleaned_data.get("since"), cleaned_data.get("until")
        if since and until and until < since:
            self.add_error("until", UNTIL_BEFORE_SINCE)
        return cleaned_data
