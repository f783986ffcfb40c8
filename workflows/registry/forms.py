"""Sign-in forms: staff by username, insured people by resident ID."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import resident_id as rid

WRONG_RESIDENT_ID_OR_PASSWORD = _(
    "No account matches this resident ID and password. Check both; the password is case-sensitive."
)
WRONG_USERNAME_OR_PASSWORD = _(
    "No account matches this username and password. Check both; the password is case-sensitive."
)


class StaffSignInForm(AuthenticationForm):
    kind = "staff"
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": WRONG_USERNAME_OR_PASSWORD,
    }


class InsuredSignInForm(forms.Form):
    """Resident ID and password; the ID's own mistakes are named before any look-up."""

    kind = "insured"
    resident_id = forms.CharField(
        label=_("Resident ID"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)

    def clean_resident_id(self) -> str:
        return rid.parse(self.cleaned_data["resident_id"]).number

    def clean(self):
        number = self.cleaned_data.get("resident_id")
        password = self.cleaned_data.get("password")
        if number and password:
            self.user_cache = authenticate(self.request, resident_id=number, password=password)
            if self.user_cache is None:
                raise ValidationError(WRONG_RESIDENT_ID_OR_PASSWORD, code="invalid_login")
        return self.cleaned_data

    def get_user(self):
        return self.user_cache
