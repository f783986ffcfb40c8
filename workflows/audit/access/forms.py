"""The supervisor's search of the access log: by person, by user, by dates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows import textlimits
from workflows.widgets import DateField, DateRange


class AccessSearchForm(DateRange, forms.Form):
    person = textlimits.PlainText(
        label=_("Insured person"),
        required=False,
        max_length=64,
        help_text=_("Part of their name or of their resident ID."),
    )
    user = textlimits.PlainText(
        label=_("Looked at by"),
        required=False,
        max_length=64,
        help_text=_("Part of the user's name or username."),
    )
    since = DateField(label=_("First day"), required=False)
    until = DateField(label=_("Last day"), required=False)
