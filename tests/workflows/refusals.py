"""What a refused service call said, in English, for the tests of each case type's rules."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation


def refusal(call) -> dict[str, list[str]]:
    """The messages of the ValidationError ``call`` raises, by field ("__all__" for none)."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            call()
        error = refused.value
        return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def said(message, **params) -> str:
    """``message`` as the services say it, in English."""
    with translation.override("en"):
        return str(message) % params if params else str(message)
