"""Resident ID validation: valid numbers pass, every kind of mistake is named."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.factories import make_resident_id
from workflows.registry import resident_id as rid
from workflows.registry.forms import InsuredSignInForm

TODAY = datetime.date(2026, 11, 25)

areas = st.sampled_from(sorted(rid.PROVINCE_CODES)).flatmap(
    lambda province: st.from_regex(rf"\A{province}[0-9]{{4}}\Z")
)
birth_dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)
valid_ids = st.builds(make_resident_id, areas, birth_dates, sequences)


def error_of(number: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        rid.parse(number, today=TODAY)
    return caught.value


def message_of(error: ValidationError) -> str:
    return error.messages[0]


def expected_message(template, **params) -> str:
    return str(template) % params


@given(valid_ids)
def test_generated_valid_ids_pass(number):
    parsed = rid.parse(number, today=TODAY)
    assert parsed.number == number
    assert parsed.birth_date == datetime.date(
        int(number[6:10]), int(number[10:12]), int(number[12:14])
    )


@given(valid_ids)
def test_lower_case_x_and_spaces_are_accepted_and_normalised(number):
    typed = f" {number[:6]} {number[6:].lower()} "
    assert rid.parse(typed, today=TODAY).number == number


@given(valid_ids, st.integers(min_value=0, max_value=17), st.sampled_from("0123456789X"))
def test_any_single_changed_character_fails_with_the_message_for_that_mistake(
    number, position, replacement
):
    assume(number[position] != replacement)
    changed = number[:position] + replacement + number[position + 1 :]
    error = error_of(changed)
    message = message_of(error)
    if position < 17 and replacement == "X":
        assert message == expected_message(rid.NOT_A_DIGIT, position=position + 1, character="X")
    elif position < 2 and changed[:2] not in rid.PROVINCE_CODES:
        assert message == expected_message(rid.UNKNOWN_AREA, code=changed[:6])
    elif 6 <= position < 14 and _date_problem(changed[6:14]):
        assert message == _date_problem(changed[6:14])
    else:
        expected = rid.check_character(changed[:17])
        assert message == expected_message(
            rid.WRONG_CHECK_CHARACTER, expected=expected, actual=changed[17]
        )


def _date_problem(digits: str) -> str | None:
    """What the validator should say of these eight birth-date digits, worked out apart."""
    try:
        birth = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return expected_message(rid.IMPOSSIBLE_BIRTH_DATE, digits=digits)
    if birth > TODAY:
        return expected_message(rid.FUTURE_BIRTH_DATE, date=birth.isoformat())
    if birth.year < 1900:
        return expected_message(rid.EARLY_BIRTH_DATE, date=birth.isoformat())
    return None


@given(areas, st.dates(min_value=TODAY + datetime.timedelta(days=1)), sequences)
def test_a_birth_date_in_the_future_is_refused(area, birth, sequence):
    error = error_of(make_resident_id(area, birth, sequence))
    assert message_of(error) == expected_message(rid.FUTURE_BIRTH_DATE, date=birth.isoformat())


@given(
    areas,
    st.sampled_from(["19990230", "20010229", "19851301", "19850000", "19850431", "20000132"]),
    sequences,
)
def test_an_impossible_birth_date_is_refused(area, digits, sequence):
    first = f"{area}{digits}{sequence:03d}"
    error = error_of(first + rid.check_character(first))
    assert message_of(error) == expected_message(rid.IMPOSSIBLE_BIRTH_DATE, digits=digits)


@given(valid_ids, st.integers(min_value=0, max_value=30).filter(lambda n: n != 18))
def test_a_wrong_length_is_refused_with_the_length(number, length):
    candidate = (number * 2)[:length]
    error = error_of(candidate)
    assert message_of(error) == expected_message(rid.WRONG_LENGTH, length=length)


def test_the_mask_shows_only_the_area_and_the_last_four_characters():
    assert rid.mask("42010619850312123x") == "420106********123X"


def test_the_sex_is_read_from_the_sequence_number():
    assert rid.parse(make_resident_id("420102", datetime.date(1985, 3, 12), 203)).sex == "M"
    assert rid.parse(make_resident_id("420102", datetime.date(1985, 3, 12), 204)).sex == "F"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The resident ID does not add up: its last character should be"),
        ("zh-hans", "身份证号码校验不通过"),
    ],
)
def test_a_wrong_id_is_a_field_error_in_the_users_language(language, expected):
    number = make_resident_id("420102", datetime.date(1985, 3, 12), 204)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    with translation.override(language):
        form = InsuredSignInForm(data={"resident_id": wrong, "password": "x"})
        assert not form.is_valid()
        assert expected in form.errors["resident_id"][0]
