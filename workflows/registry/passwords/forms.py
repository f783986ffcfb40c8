"""The page where a person changes their own password, and the admin's reset of someone's."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.utils.translation import gettext_lazy as _

from . import services

WRONG_CURRENT_PASSWORD = _("This is not your current password. The password is case-sensitive.")
NEW_PASSWORDS_DIFFER = _("The two new passwords differ: type the same password in both.")
SAME_AS_CURRENT = _("The new password is the one you have now: choose another.")


class PasswordChangeForm(forms.Form):
    """The current password, then the new one twice; the new one meets every rule."""

    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password_again = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        # One line of help text per rule: read by screen readers with the field, and shown
        # on the page as a list (``rules``).
        self.rules = password_validation.password_validators_help_texts()
        self.fields["new_password"].help_text = " ".join(str(rule) for rule in self.rules)

    def clean_current_password(self) -> str:
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(WRONG_CURRENT_PASSWORD, code="password_incorrect")
        return password

    def clean_new_password(self) -> str:
        password = self.cleaned_data["new_password"]
        password_validation.validate_password(password, self.user)
        return password

    def clean(self):
        current = self.cleaned_data.get("current_password")
        new = self.cleaned_data.get("new_password")
        again = self.cleaned_data.get("new_password_again")
        if new and again and new != again:
            self.add_error("new_password_again", NEW_PASSWORDS_DIFFER)
        elif new and current and new == current:
            self.add_error("new_password", SAME_AS_CURRENT)
        return self.cleaned_data


class GivenPasswordForm(AdminPasswordChangeForm):
    """The admin's "Reset password": the administrator chose it, so its owner is asked for
    their own at their next page (``services.password_give``)."""

    def save(self, commit=True):
        if not self.cleaned_data["set_usable_password"]:
            return super().save(commit=commit)
        return services.password_give(user=self.user, password=self.cleaned_data["password1"])
