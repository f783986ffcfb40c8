"""Chinese phone numbers: mobile numbers and landlines with their area code pass; anything
else is refused with a message that shows the forms expected."""

import pytest
from django.core.exceptions import ValidationError

from tests.pages import said
from workflows.registry import phone_number


@pytest.mark.parametrize(
    "number",
    [
        "13812345678",
        "138 1234 5678",
        "027-87654321",
        "02787654321",
        "0710-3456789",
        "027-87654321-8001",
        "010-1234567",
    ],
)
def test_a_mobile_or_a_landline_with_its_area_code_is_a_phone_number(number):
    phone_number.validate(number)


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "1381234567",  # ten digits
        "138123456789",  # twelve
        "23812345678",  # a mobile number starts with 1
        "87654321",  # a landline without its area code
        "27-87654321",  # an area code starts with 0
        "027-876543",  # six digits after the area code
        "027-87654321-",  # a hyphen and no extension
        "+86 13812345678",
    ],
)
def test_anything_else_is_refused_quoting_what_was_typed_and_the_forms_expected(typed):
    with pytest.raises(ValidationError) as refused:
        phone_number.validate(typed)
    assert refused.value.messages == [said(phone_number.NOT_A_PHONE_NUMBER, value=typed)]
    assert "13812345678" in refused.value.messages[0]
    assert "027-87654321" in refused.value.messages[0]


def test_an_empty_number_is_left_to_the_field_that_requires_one():
    phone_number.validate("")
    phone_number.validate("   ")


def test_spaces_between_the_groups_of_digits_are_dropped():
    assert phone_number.normalise(" 138 1234 5678 ") == "13812345678"
