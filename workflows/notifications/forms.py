"""How a person chooses to be told of each kind of notification."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows import textlimits

from .choices import Delivery, Kind


class EmailAddress(forms.EmailField):
    """An email address, refusing a control character with the message every typed field
    gives (before the address's own check)."""

    def validate(self, value):
        textlimits.refuse_control_characters(value)
        super().validate(value)


class PreferencesForm(forms.Form):
    """The person's email address, and one choice of delivery per kind, initially the current
    ones."""

    email = EmailAddress(
        label=_("Email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an email address such as name@example.cn.")},
        help_text=_(
            "Where your emails go. A new address is used once you open the link sent to it; "
            "leave it empty for no email."
        ),
    )

    def __init__(self, *args, current: dict[str, str], email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].initial = email
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current[kind.value],
                widget=forms.RadioSelect,
            )
