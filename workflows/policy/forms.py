"""The admin form of a policy: the checks of a policy file, and no overlap under concurrency."""

import json
from contextlib import suppress

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import InvalidJSONInput

from . import services
from .models import Policy
from .terms import parse_terms


class TermsField(forms.JSONField):
    """The terms shown indented and in the order of a policy file (PostgreSQL's jsonb keeps
    its own order)."""

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):
            return value
        with suppress(ValidationError):  # if they are not valid, as they are; the form says why
            value = parse_terms(value).as_document()
        return json.dumps(value, ensure_ascii=False, indent=2)


class PolicyAdminForm(forms.ModelForm):
    class Meta:
        model = Policy
        fields = ["region", "scheme", "effective_from", "effective_to", "terms_json"]
        field_classes = {"terms_json": TermsField}
        widgets = {"terms_json": forms.Textarea(attrs={"rows": 30, "cols": 70})}

    def clean(self):
        cleaned_data = super().clean()
        # The admin saves inside the transaction it validates in: holding the region's lock
        # from here keeps the overlap check (model validation, next) true until the save.
        if cleaned_data.get("region") is not None:
            services.policy_lock_region(region_id=cleaned_data["region"].pk)
        return cleaned_data
