"""What a person who does not see the page, or uses no mouse, or reads it on a phone, needs of
every page: a way past the menu, forms whose groups, hints and errors a screen reader can tell
apart, errors summed up where the page starts, a menu and tables that fit a phone, and home
pages that say what they show."""

import re

import pytest
from django import forms
from playwright.sync_api import expect

from workflows.claims.choices import State
from workflows.claims.forms import ClaimForm
from workflows.claims.models import Claim
from workflows.claims.review.forms import DecisionForm as ReviewDecisionForm
from workflows.inbox import NO_INBOX
from workflows.referrals.models import Referral

from .checks import DESKTOP, PHONE
from .claim_pages import find_in_the_inbox

WANG = "420111199006150717"  # 王强, insured in Wuhan
HUANG = "420102198503122046"  # 黄小红: her approved claim has expense lines

# Every element an element's aria-describedby names, and whether each is on the page.
DESCRIBED_BY = """(element) => (element.getAttribute("aria-describedby") || "")
  .split(/\\s+/).filter(Boolean)
  .map((id) => ({id, text: document.getElementById(id)?.innerText ?? null}))"""
# How many lines a text is set on: one box per line of its text.
LINES_OF_TEXT = """(element) => {
  const range = document.createRange();
  range.selectNodeContents(element);
  return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size;
}"""


@pytest.mark.parametrize(
    ("language", "skip"), [("zh-hans", "跳到正文"), ("en", "Skip to content")], ids=["zh", "en"]
)
def test_the_first_tab_offers_to_skip_the_menu_and_lands_in_the_page_content(
    visit, world, language, skip
):
    wang = visit(DESKTOP)
    wang.start_signed_in(WANG, language=language)
    wang.page.keyboard.press("Tab")
    focused = wang.page.locator(":focus")
    expect(focused).to_have_text(skip)
    expect(focused).to_be_in_viewport()
    wang.page.keyboard.press("Enter")
    expect(wang.page.locator(":focus")).to_have_id("main")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_claim_form_sent_half_filled_sums_up_its_errors_and_ties_each_to_its_field(
    visit, world, language
):
    wang = visit(PHONE)
    wang.start_signed_in(WANG, language=language)
    wang.follow(wang.gettext("New reimbursement claim"))
    kind = wang.page.get_by_role("group", name=wang.gettext("Kind of claim"))
    expect(kind.get_by_role("radio")).to_have_count(2)
    wang.fill(wang.gettext("Diagnosis"), "急性阑尾炎")
    wang.press(wang.gettext("Open the claim"))

    summary = wang.page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(
        wang.gettext("Please correct what is marked below")
    )
    required = wang.gettext(forms.Field.default_error_messages["required"])
    colon = "：" if language == "zh-hans" else ": "
    for label in ("Admission date", "Discharge date"):
        link = summary.get_by_role("link", name=wang.gettext(label) + colon + required)
        expect(link).to_be_visible()
    summary.get_by_role("link", name=wang.gettext("Admission date") + colon + required).click()
    admission = wang.page.get_by_label(wang.gettext("Admission date"))
    expect(admission).to_be_focused()

    for field in (admission, wang.page.get_by_label(wang.gettext("Discharge date"))):
        expect(field).to_have_attribute("aria-invalid", "true")
        described = field.evaluate(DESCRIBED_BY)
        assert [item["text"] for item in described] == [required]
    expect(wang.page.get_by_label(wang.gettext("Diagnosis"))).not_to_have_attribute(
        "aria-invalid", "true"
    )
    # The drop-down with a help text names the help text.
    hospital = wang.page.get_by_label(wang.gettext("Hospital where the emergency was treated"))
    hint = wang.gettext(ClaimForm.base_fields["institution"].help_text)
    assert [item["text"] for item in hospital.evaluate(DESCRIBED_BY)] == [hint]


def test_a_decision_sent_without_a_choice_names_the_error_from_its_radio_group(visit, demo_cases):
    claim = Claim.objects.get(person__resident_id=WANG, state=State.SUBMITTED)
    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language="en")
    find_in_the_inbox(chen, claim)
    decision = chen.page.get_by_role("group", name="Decision")
    expect(decision.get_by_role("radio")).not_to_have_count(0)
    chen.fill("Reason", "材料不全")
    chen.press("Record my decision")
    decision = chen.page.get_by_role("group", name="Decision")
    errors = [item["text"] for item in decision.evaluate(DESCRIBED_BY)]
    assert errors == [chen.gettext(forms.Field.default_error_messages["required"])]
    for radio in decision.get_by_role("radio").all():
        expect(radio).to_have_attribute("aria-invalid", "true")
    reason = chen.page.get_by_label(re.compile(r"^Reason:?$"))
    expect(reason).to_have_value("材料不全")
    help_text, counter = [item["text"] for item in reason.evaluate(DESCRIBED_BY)]
    assert help_text == chen.gettext(ReviewDecisionForm.base_fields["reason"].help_text)
    assert counter.endswith("characters left")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_on_a_phone_the_menu_folds_between_words_and_tables_become_labelled_rows(
    visit, demo_cases, language
):
    claim = Claim.objects.get(person__resident_id=HUANG)
    huang = visit(PHONE)
    huang.start_signed_in(HUANG, language=language)
    menu = huang.page.get_by_role("navigation", name=huang.gettext("Main menu"))
    for link in menu.get_by_role("link").all():
        assert link.evaluate(LINES_OF_TEXT) == 1, f"the menu breaks {link.inner_text()!r}"

    huang.follow(huang.gettext("My claims"))
    number = huang.page.get_by_role("cell", name=claim.number)
    label = number.evaluate("(cell) => getComputedStyle(cell, '::before').content")
    assert label == f'"{huang.gettext("Claim number")}"'
    # The name in a column of its own, the value beside it after a gap: not run together.
    layout = number.evaluate(
        "(cell) => [getComputedStyle(cell).display, getComputedStyle(cell).columnGap]"
    )
    assert layout[0] == "grid" and layout[1] != "normal", layout
    huang.follow(claim.number)
    items = huang.page.locator("#lines td.item")
    expect(items).not_to_have_count(0)
    for item in items.all():
        name = item.inner_text()
        assert item.evaluate(LINES_OF_TEXT) <= max(1, len(name) // 4), f"{name!r} is set narrow"


def test_on_the_desktop_expense_items_keep_their_names_on_few_lines(visit, demo_cases):
    claim = Claim.objects.get(person__resident_id=HUANG)
    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language="zh-hans")
    chen.open(claim.get_absolute_url())
    items = chen.page.locator("#lines td.item")
    expect(items).not_to_have_count(0)
    for item in items.all():
        name = item.inner_text()
        assert item.evaluate(LINES_OF_TEXT) <= max(1, len(name) // 4), f"{name!r} is set narrow"


def test_secondary_buttons_have_room_around_their_words_and_headings_keep_from_the_facts(
    visit, demo_cases
):
    li = visit(DESKTOP)
    li.start_signed_in("doctor_li", language="zh-hans")
    li.follow(li.gettext("New referral"))
    save = li.page.get_by_role("button", name="保存草稿")
    padding = save.evaluate("(button) => parseFloat(getComputedStyle(button).paddingLeft)")
    assert padding >= 8, f"保存草稿 has {padding} px of padding"

    referral = Referral.objects.filter(proposed_by__username="doctor_li").first()
    li.open(referral.get_absolute_url())
    reason = li.page.get_by_role("heading", name="转诊理由")
    gap = reason.evaluate(
        "(heading) => heading.getBoundingClientRect().top"
        " - heading.previousElementSibling.getBoundingClientRect().bottom"
    )
    assert gap >= 16, f"转诊理由 is {gap} px under the facts"


# Each role's home page is headed with what it shows.
HOME_HEADINGS = [
    ("420102198503122046", "Your referrals, claims and off-site filings"),
    ("unit_sun", "Your unit's claims, filings and batches"),
    ("center_chen", "What is waiting for you"),
    ("supervisor_zhao", "The cases of your region"),
    ("admin", "The cases of your region"),
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_role_s_home_page_is_headed_with_what_it_shows(visit, demo_cases, language):
    for who, heading in HOME_HEADINGS:
        person = visit(DESKTOP)
        person.start_signed_in(who, language=language)
        expect(person.page.get_by_role("heading", level=2).first).to_have_text(
            person.gettext(heading)
        )
        person.page.context.close()


def test_the_supervisor_s_menu_offers_only_pages_that_serve_a_supervisor(visit, demo_cases):
    zhao = visit(DESKTOP)
    zhao.start_signed_in("supervisor_zhao", language="zh-hans")
    menu = zhao.page.get_by_role("navigation", name="主菜单")
    expect(menu.get_by_role("link", name="待办")).to_have_count(0)
    names = menu.get_by_role("link").all_inner_texts()
    assert names, "the supervisor's menu is empty"
    for name in names:
        zhao.follow(name)
        assert zhao.page.locator(".messages").count() == 0, f"{name}: {zhao.page.url}"
        expect(zhao.page.get_by_role("heading", level=1)).to_be_visible()
    # Typed by hand, the inbox says why there is none, on the page that shows what there is.
    zhao.open("/inbox/")
    expect(zhao.page.locator(".messages")).to_have_text(zhao.gettext(NO_INBOX))
    expect(zhao.page.get_by_role("heading", level=2).first).to_have_text("本地区的案件")
