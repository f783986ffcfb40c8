"""Django's admin works under the site's Content-Security-Policy: the administrator goes through
a list with its filters, date drill-down and actions, a change form with its calendar, and the
form that adds a user, and the browser refuses nothing on the way.

The admin's pages are Django's own, and the journeys' accessibility check is not held against
them; the policy is (the other journeys hold every page of the application to it)."""

import pytest
from playwright.sync_api import expect

from workflows.policy.models import Policy

from .checks import CONTENT_SECURITY_POLICY, DESKTOP


def refused(person) -> list[str]:
    """Every refusal of the policy on the pages the person reached, as the check words it."""
    return [
        f"{reached.view}: {target}"
        for reached in person.reached
        for finding in reached.findings
        if finding.rule == CONTENT_SECURITY_POLICY
        for target in finding.targets
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_administrator_uses_the_admin_and_the_policy_refuses_nothing(
    visit, demo_cases, language
):
    policy = Policy.objects.order_by("effective_from").first()
    zhou = visit(DESKTOP, record_only=True)
    zhou.start_signed_in("admin", language=language)
    zhou.follow(zhou.gettext("Administration"))
    expect(zhou.page.locator("#site-name")).to_be_visible()

    # The list: its date drill-down, a filter, the search, and the "select all" of its actions.
    zhou.open("/admin/policy/policy/")
    zhou.follow(str(policy.effective_from.year))
    zhou.open("/admin/policy/policy/?scheme=employee")
    zhou.page.locator("#searchbar").fill(policy.region.name)
    zhou.press(zhou.gettext("Search"))
    zhou.page.locator("#action-toggle").check()
    expect(zhou.page.locator(".action-counter")).to_be_visible()

    # The change form: the calendar beside a date opens, and a day chosen in it fills the date.
    zhou.open(f"/admin/policy/policy/{policy.pk}/change/")
    zhou.page.locator("#id_effective_to").fill("")
    zhou.page.locator(".field-effective_to a:has(.date-icon)").click()
    calendar = zhou.page.locator(".calendarbox").last
    expect(calendar).to_be_visible()
    calendar.get_by_role("link", name="15", exact=True).first.click()
    expect(zhou.page.locator("#id_effective_to")).not_to_have_value("")
    zhou.page.locator(".field-effective_from .datetimeshortcuts a").first.click()  # "Today"
    expect(zhou.page.locator("#id_effective_from")).not_to_have_value("")

    # The form that adds a user, with its password fields and their help.
    zhou.open("/admin/registry/user/add/")
    expect(zhou.page.locator("#id_username")).to_be_visible()
    zhou.check_what_the_page_refused_since()

    assert len(zhou.reached) >= 7
    assert refused(zhou) == []
