"""The forms of two-step sign-in: a code to sign in with, a code to confirm an authenticator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows import textlimits


def _code_input(**attrs) -> forms.TextInput:
    # "one-time-code": a phone offers the code an app or a message just showed.
    return forms.TextInput(
        attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false", **attrs}
    )


class SignInCodeForm(forms.Form):
    code = textlimits.PlainText(
        label=_("Sign-in code"),
        max_length=32,
        help_text=_(
            "The 6 digits your authenticator app shows now, or one of your recovery codes."
        ),
        widget=_code_input(autocapitalize="none"),
    )


class ConfirmCodeForm(forms.Form):
    code = textlimits.PlainText(
        label=_("Code from the app"),
        max_length=32,
        help_text=_("The 6 digits the app shows for this account now."),
        widget=_code_input(inputmode="numeric"),
    )
