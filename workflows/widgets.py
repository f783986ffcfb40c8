"""Form widgets every case type's pages share."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"
