"""How a person chooses to be told of each kind of notification."""

from django import forms

from .choices import Delivery, Kind


class PreferencesForm(forms.Form):
    """One choice of delivery per kind, initially the person's current ones."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current[kind.value],
                widget=forms.RadioSelect,
            )
