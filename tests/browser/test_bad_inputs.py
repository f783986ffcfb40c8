"""Bad inputs, typed as people type them: each is refused with a message that says what is
expected, in the person's language, and what was typed stays on the page to be corrected."""

import re

import pytest
from playwright.sync_api import expect

from workflows.claims import rules as claim_rules
from workflows.claims.models import Claim
from workflows.referrals import forms as referral_forms
from workflows.referrals.models import Referral
from workflows.registry import phone_number
from workflows.registry.models import Institution
from workflows.resettlement.models import Filing

from .checks import DESKTOP
from .person import Person

ZHANG = "420103195508201133"  # 张建国, retired, Wuhan, a member of 孙丽's unit
YICHANG, GUANGZHOU = "H42050200001", "H44010400001"  # two target hospitals with cardiology


def labelled(person: Person, label: str):
    """The field of exactly that label (with the colon the page's language ends labels in)."""
    return person.page.get_by_label(re.compile(rf"^{re.escape(label)}[:：]?$"))


def error_of(person: Person, label: str):
    """The errors shown with the field of that label."""
    field = person.page.get_by_label(label)
    return person.page.locator(".field", has=field).locator(".error")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_phone_number_of_letters_is_refused_showing_the_numbers_expected(
    visit, demo_cases, language
):
    filings = Filing.objects.count()
    sun = visit(DESKTOP)
    sun.start_signed_in("unit_sun", language=language)
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


def offered_departments(person: Person) -> list[str]:
    """The departments the target department list offers now (the "choose one" aside)."""
    field = person.page.get_by_label(person.gettext("Target department"))
    return field.locator("option:not([hidden]):not([value=''])").all_inner_texts()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_department_list_offers_only_the_chosen_target_hospitals_departments(
    visit, demo_cases, language
):
    li = visit(DESKTOP)
    li.start_signed_in("doctor_li", language=language)
    li.follow(li.gettext("Referrals"))
    li.follow(li.gettext("New referral"))
    for code in (YICHANG, GUANGZHOU):
        hospital = Institution.objects.get(code=code)
        li.select(li.gettext("Target institution"), hospital.name)
        expect(li.page.get_by_label(li.gettext("Target department"))).to_have_value("")
        assert sorted(offered_departments(li)) == sorted(
            f"{hospital.name} · {department.name}" for department in hospital.departments.all()
        )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_without_javascript_a_department_of_another_hospital_is_refused_keeping_what_was_typed(
    visit, demo_cases, language
):
    referrals = Referral.objects.count()
    yichang, guangzhou = (Institution.objects.get(code=c) for c in (YICHANG, GUANGZHOU))
    cardiology = guangzhou.departments.get(code="CARD")
    li = visit(DESKTOP, javascript=False)
    li.start_signed_in("doctor_li", language=language)
    li.follow(li.gettext("Referrals"))
    li.follow(li.gettext("New referral"))
    li.fill(li.gettext("Patient's resident ID or insurance number"), ZHANG)
    li.fill(li.gettext("Diagnosis"), "冠心病")
    li.fill(li.gettext("Admission date"), "2026-11-28")
    li.fill(li.gettext("Proposed transfer date"), "2026-12-04")
    li.select(li.gettext("Target institution"), yichang.name)
    li.select(li.gettext("Target department"), f"{guangzhou.name} · {cardiology.name}")
    li.page.get_by_label(li.gettext("outside the city, inside the province")).check()
    li.press(li.gettext("Save as draft"))

    department = li.gettext("Target department")
    expect(error_of(li, department)).to_have_text(
        li.gettext(referral_forms.TARGET_DEPARTMENT_ELSEWHERE)
        % {"department": cardiology.name, "institution": guangzhou.name, "target": yichang.name}
    )
    expect(li.page.get_by_label(department)).to_have_value(str(cardiology.pk))
    expect(li.page.get_by_label(li.gettext("Target institution"))).to_have_value(str(yichang.pk))
    expect(li.page.get_by_label(li.gettext("Diagnosis"))).to_have_value("冠心病")
    assert Referral.objects.count() == referrals


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_empty_bank_account_is_asked_for_without_quoting_nothing(visit, demo_cases, language):
    claim = Claim.objects.get(person__resident_id=ZHANG)
    zhang = visit(DESKTOP)
    zhang.start_signed_in(ZHANG, language=language)
    zhang.follow(zhang.gettext("My claims"))
    zhang.follow(claim.number)
    zhang.fill(zhang.gettext("Bank"), "中国工商银行武汉江汉支行", exact=True)
    zhang.press(zhang.gettext("Submit to the municipal center"))

    account = zhang.gettext("Bank account number")
    expect(error_of(zhang, account)).to_have_text(zhang.gettext(claim_rules.BANK_ACCOUNT_REQUIRED))
    expect(labelled(zhang, zhang.gettext("Bank"))).to_have_value("中国工商银行武汉江汉支行")
    expect(zhang.page.locator("main")).not_to_contain_text("“”")
    claim.refresh_from_db()
    assert claim.is_preparing
