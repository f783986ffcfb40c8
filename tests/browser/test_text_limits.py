"""Free text has its limit (issue 12, defect 4): the attending physician fills a referral to
every limit, watches the characters left count down, cannot type past a limit, proposes it and
prints its one-page form; a text sent over its limit from an old page is refused, keeping
everything typed."""

import datetime

import pytest
from playwright.sync_api import expect

from forms.samples import filled
from tests.forms import pdf
from workflows import clock, textlimits
from workflows.referrals.forms import ReferralForm
from workflows.referrals.models import Referral

from .checks import DESKTOP

LIMITS = {
    "diagnosis": textlimits.DIAGNOSIS,
    "reason": textlimits.REASON,
    "case_summary": textlimits.CASE_SUMMARY,
    "outside_province_statement": textlimits.REASON,
    "opinion": textlimits.OPINION,
}
LANGUAGES = pytest.mark.parametrize(
    ("language", "left"),
    [("zh-hans", "还可输入 {count} 字"), ("en", "{count} characters left")],
    ids=["zh-hans", "en"],
)


def field(person, name: str):
    return person.page.get_by_label(person.gettext(ReferralForm.base_fields[name].label))


def counter(person, name: str):
    """The counter the field names in its aria-describedby."""
    ids = field(person, name).get_attribute("aria-describedby").split()
    return person.page.locator(f"#{ids[-1]}")


def start_a_referral(visit, language: str, world):
    li = visit(DESKTOP)
    li.start_signed_in("doctor_li", language=language)
    li.follow(li.gettext("New referral"))
    today = clock.today()
    li.fill(li.gettext(ReferralForm.base_fields["person"].label), world.patient.resident_id)
    field(li, "admission_date").fill((today - datetime.timedelta(days=3)).isoformat())
    field(li, "transfer_date").fill((today + datetime.timedelta(days=2)).isoformat())
    li.select(
        li.gettext(ReferralForm.base_fields["target_institution"].label), "宜昌市三峡中心医院"
    )
    li.select(
        li.gettext(ReferralForm.base_fields["target_department"].label),
        "宜昌市三峡中心医院 · 心血管内科",
    )
    li.page.get_by_label(li.gettext("outside the city, inside the province")).check()
    return li


@LANGUAGES
def test_a_physician_fills_a_referral_to_every_limit_and_its_form_prints_on_one_page(
    visit, world, language, left
):
    li = start_a_referral(visit, language, world)
    reason = field(li, "reason")
    expect(counter(li, "reason")).to_have_text(left.format(count=textlimits.REASON))
    expect(counter(li, "reason")).to_have_attribute("aria-live", "polite")
    reason.press_sequentially("需行杂交手术")
    expect(counter(li, "reason")).to_have_text(left.format(count=textlimits.REASON - 6))

    for name, limit in LIMITS.items():
        field(li, name).fill(filled(limit))
        expect(counter(li, name)).to_have_text(left.format(count=0))
    reason.press_sequentially("再多")  # the field takes no more than its limit
    expect(reason).to_have_value(filled(textlimits.REASON))

    li.press(li.gettext("Propose"))
    referral = Referral.objects.get(proposed_by__username="doctor_li", person=world.patient)
    expect(li.page.get_by_role("heading", level=1)).to_contain_text(referral.number)
    assert referral.state == "proposed"
    assert len(referral.case_summary) == textlimits.CASE_SUMMARY

    printed = li.download(li.gettext("Referral approval form (PDF, as it stands now)"))
    assert pdf.info(printed)["Pages"] == "1"
    assert pdf.missing(printed, [filled(limit) for limit in LIMITS.values()]) == []


@LANGUAGES
def test_a_text_over_its_limit_from_an_old_page_is_refused_and_nothing_typed_is_lost(
    visit, world, language, left
):
    li = start_a_referral(visit, language, world)
    summary = field(li, "case_summary")
    summary.evaluate("(textarea) => textarea.removeAttribute('maxlength')")
    too_long = filled(textlimits.CASE_SUMMARY) + "补充五个字"
    summary.fill(too_long)
    field(li, "reason").fill(filled(textlimits.REASON))
    field(li, "diagnosis").fill("冠状动脉粥样硬化性心脏病")

    li.press(li.gettext("Propose"))
    message = li.gettext(textlimits.TOO_LONG) % {
        "limit_value": textlimits.CASE_SUMMARY,
        "show_value": textlimits.CASE_SUMMARY + 5,
    }
    # Said under the field, and in the summary of the errors at the top of the form.
    expect(li.page.get_by_text(message, exact=True)).to_be_visible()
    summary = li.page.get_by_role("region", name=li.gettext("Please correct what is marked below"))
    expect(summary.get_by_role("link")).to_contain_text([message])
    expect(field(li, "case_summary")).to_have_value(too_long)
    expect(field(li, "reason")).to_have_value(filled(textlimits.REASON))
    expect(field(li, "diagnosis")).to_have_value("冠状动脉粥样硬化性心脏病")
    assert not Referral.objects.filter(person=world.patient, proposed_by__username="doctor_li")
