"""Who looked at whose records: the center's reviewer opens a claim; the city's supervisor finds
that look in the access log by the claimant's name; the claimant, on a phone, sees that the
center's reviewer opened it, named by role and place, and when."""

import pytest
from django.utils.text import capfirst
from playwright.sync_api import expect

from workflows.claims.models import Claim
from workflows.registry.roles import Role

from .checks import DESKTOP, PHONE
from .claim_pages import find_in_the_inbox

WANG = "420111199006150717"  # 王强: his emergency claim waits for the center's review
CENTER = "武汉市医疗保险中心"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_supervisor_and_the_claimant_find_the_reviewers_look_at_a_claim(
    visit, demo_cases, language
):
    claim = Claim.objects.get(person__name="王强")

    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language=language)
    find_in_the_inbox(chen, claim)
    expect(chen.page.get_by_role("heading", level=1)).to_contain_text(claim.number)

    zhao = visit(DESKTOP)
    zhao.start_signed_in("supervisor_zhao", language=language)
    zhao.follow(zhao.gettext("Access log"))
    expect(zhao.page.get_by_role("heading", level=1)).to_have_text(zhao.gettext("Access log"))
    zhao.fill(zhao.gettext("Insured person"), "王强")
    zhao.press(zhao.gettext("Search"))
    rows = zhao.page.locator("main tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("王强")
    expect(rows.first).to_contain_text("陈静")
    expect(rows.first).to_contain_text(zhao.gettext(Role.CENTER_REVIEWER.label))
    expect(rows.first).to_contain_text(capfirst(zhao.gettext("viewed")))
    expect(rows.first).to_contain_text(claim.number)
    zhao.fill(zhao.gettext("Insured person"), "黄小红")
    zhao.press(zhao.gettext("Search"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_text(zhao.gettext("No access records match."))

    wang = visit(PHONE)
    wang.start_signed_in(WANG, language=language)
    wang.follow(wang.gettext("Who looked at my records"))
    heading = wang.page.get_by_role("heading", level=1)
    expect(heading).to_have_text(wang.gettext("Who looked at my records"))
    rows = wang.page.locator("main tbody tr")
    expect(rows).to_have_count(1)
    who = f"{capfirst(wang.gettext(Role.CENTER_REVIEWER.label))} · {CENTER}"
    expect(rows.first).to_contain_text(who)
    expect(rows.first).to_contain_text(claim.number)
    expect(wang.page.locator("main")).not_to_contain_text("陈静")
