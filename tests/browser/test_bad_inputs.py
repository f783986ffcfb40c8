"""Bad inputs, typed as people type them: each is refused with a message that says what is
expected, in the person's language, and what was typed stays on the page to be corrected."""

import pytest
from playwright.sync_api import expect

from workflows.registry import phone_number
from workflows.resettlement.models import Filing

from .checks import DESKTOP
from .known_defects import OPENING_A_FILING
from .person import Person

ZHANG = "420103195508201133"  # 张建国, retired, Wuhan, a member of 孙丽's unit


def error_of(person: Person, label: str):
    """The errors shown with the field of that label."""
    field = person.page.get_by_label(label)
    return person.page.locator(".field", has=field).locator(".error")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_phone_number_of_letters_is_refused_showing_the_numbers_expected(
    visit, demo_cases, language
):
    filings = Filing.objects.count()
    sun = visit(DESKTOP, allow=OPENING_A_FILING)
    sun.sign_in("unit_sun", language=language)
    sun.follow(sun.gettext("New off-site filing"))
    sun.fill(sun.gettext("Resident ID or insurance number of the person"), ZHANG)
    phone = sun.gettext("Phone")
    sun.fill(phone, "abc")
    sun.press(sun.gettext("Open the filing"))

    expect(sun.page.get_by_label(phone)).to_have_value("abc")
    expect(error_of(sun, phone)).to_have_text(
        sun.gettext(phone_number.NOT_A_PHONE_NUMBER) % {"value": "abc"}
    )
    assert Filing.objects.count() == filings
