"""What a refused service call said, in English, for the tests of each case type's rules."""

import functools

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.pages import said


def refusal(call) -> dict[str, list[str]]:
    """The messages of the ValidationError ``call`` raises, by field ("__all__" for none)."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            call()
        error = refused.value
        return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


# What the services say, in English, as ``refusal`` reads it.
in_english = functools.partial(said, language="en")
