"""A referral through its five signatures, as the signers do it at their desks: the attending
physician writes and proposes it, the department director returns it for a correction, the
physician corrects and proposes again, and the director, the medical-insurance office, the
dean and the municipal center sign. The approval form is downloaded and read. And a patient
insured in another city: the scope is judged from the hospital, the person's city approves."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.forms.pdf import squeeze
from workflows import clock
from workflows.referrals.choices import Decision, Scope, State
from workflows.referrals.models import Referral

from .checks import DESKTOP
from .person import Person

ZHANG = "420103195508201133"  # 张建国, retired, insured in Wuhan
CHEN = "420502197801300557"  # 陈志明, employed, insured in Yichang, lies in Wuhan
YICHANG_CARDIOLOGY = ("宜昌市三峡中心医院", "宜昌市三峡中心医院 · 心血管内科")
HANYANG_INTERNAL = ("武汉市汉阳区人民医院", "武汉市汉阳区人民医院 · 内科")
LANGUAGES = pytest.mark.parametrize("language", ["zh-hans", "en"])


def heading(person: Person):
    return person.page.get_by_role("heading", level=1)


def fill_referral(physician: Person, *, patient: str, target: tuple[str, str], scope: Scope):
    """The physician opens a new referral from the referrals list and fills it in."""
    today = clock.today()
    physician.follow(physician.gettext("Referrals"))
    physician.follow(physician.gettext("New referral"))
    physician.fill(physician.gettext("Patient's resident ID or insurance number"), patient)
    physician.fill(physician.gettext("Diagnosis"), "冠状动脉粥样硬化性心脏病")
    physician.fill(
        physician.gettext("Admission date"), (today - datetime.timedelta(days=3)).isoformat()
    )
    physician.fill(
        physician.gettext("Proposed transfer date"),
        (today + datetime.timedelta(days=2)).isoformat(),
    )
    institution, department = target
    physician.select(physician.gettext("Target institution"), institution)
    physician.select(physician.gettext("Target department"), department)
    physician.page.get_by_role("radio", name=physician.gettext(scope.label)).check()
    physician.fill(physician.gettext("Reason for the referral"), "本院无介入治疗条件。")
    physician.fill(physician.gettext("Case summary"), "胸痛三天，心电图示ST段压低。")
    physician.fill(physician.gettext("Your opinion (printed in your signature block)"), "建议转诊")


def write_referral(
    physician: Person, *, patient: str, target: tuple[str, str], scope: Scope
) -> Referral:
    """The physician writes a new referral and proposes it."""
    fill_referral(physician, patient=patient, target=target, scope=scope)
    physician.press(physician.gettext("Propose"))
    referral = Referral.objects.latest("pk")
    expect(heading(physician)).to_contain_text(referral.number)
    expect(heading(physician)).to_contain_text(physician.gettext(State.PROPOSED.label))
    return referral


def decide(signer: Person, referral: Referral, decision: Decision, opinion: str) -> None:
    """The signer opens the referral from the inbox, on its decision form, and signs."""
    signer.follow(signer.gettext("Inbox"))
    signer.follow(referral.number)
    signer.page.get_by_role("radio", name=signer.gettext(decision.label)).check()
    signer.fill(signer.gettext("Opinion"), opinion)
    signer.press(signer.gettext("Record my decision"))
    # Back in the inbox, where the referral no longer waits for them.
    expect(heading(signer)).to_have_text(signer.gettext("Inbox"))
    expect(signer.page.get_by_role("link", name=referral.number, exact=True)).to_have_count(0)


def state_of(referral: Referral) -> State:
    referral.refresh_from_db()
    return State(referral.state)


@LANGUAGES
def test_a_referral_is_returned_corrected_and_signed_by_all_five(visit, demo_cases, language):
    li = visit(DESKTOP)
    li.start_signed_in("doctor_li", language=language)
    referral = write_referral(
        li, patient=ZHANG, target=YICHANG_CARDIOLOGY, scope=Scope.WITHIN_PROVINCE
    )
    admitted, transfer = referral.admission_date, referral.transfer_date

    wang = visit(DESKTOP)
    wang.start_signed_in("director_wang", language=language)
    decide(wang, referral, Decision.RETURN, "病历摘要请补充冠脉造影结果。")
    assert state_of(referral) == State.DRAFT

    # The physician finds it back in the inbox, corrects the summary and proposes again: the
    # dates on the form are the ones he wrote, whatever the page's language.
    li.follow(li.gettext("Inbox"))
    li.follow(referral.number)
    expect(li.page.get_by_text("病历摘要请补充冠脉造影结果。")).to_be_visible()
    li.follow(li.gettext("Change the case"))
    expect(li.page.get_by_label(li.gettext("Admission date"))).to_have_value(admitted.isoformat())
    expect(li.page.get_by_label(li.gettext("Proposed transfer date"))).to_have_value(
        transfer.isoformat()
    )
    li.fill(li.gettext("Case summary"), "胸痛三天，心电图示ST段压低，冠脉造影示前降支狭窄90%。")
    li.press(li.gettext("Propose"))
    assert state_of(referral) == State.PROPOSED
    assert (referral.admission_date, referral.transfer_date) == (admitted, transfer)

    signers = {
        "director_wang": (wang, State.DEPARTMENT_APPROVED),
        "office_zhang": (visit(DESKTOP), State.OFFICE_REVIEWED),
        "dean_liu": (visit(DESKTOP), State.DEAN_SIGNED),
        "center_chen": (visit(DESKTOP), State.APPROVED),
    }
    for username, (signer, after) in signers.items():
        if signer is not wang:
            signer.start_signed_in(username, language=language)
        decide(signer, referral, Decision.APPROVE, "同意转诊。")
        assert state_of(referral) == after

    # The approval form carries the case as corrected and the five signers' names.
    form = li_reads_the_approval_form(li, referral)
    assert squeeze("冠脉造影示前降支狭窄90%") in form
    for name in ("李明", "王芳", "张伟", "刘洋", "陈静"):
        assert squeeze(name) in form


def li_reads_the_approval_form(li: Person, referral: Referral) -> str:
    li.follow(li.gettext("Referrals"))
    li.follow(referral.number)
    link = li.page.get_by_role(
        "link", name=re.compile(re.escape(li.gettext("Referral approval form")))
    )
    text = li.download_pdf_text(link.first.inner_text())
    assert referral.number in text
    assert squeeze("张建国") in text
    return text


@LANGUAGES
def test_a_patient_insured_in_another_city_is_referred_from_where_he_lies(
    visit, demo_cases, language
):
    """陈志明, insured in Yichang, lies in 武汉长江医院. Referred to Yichang, he leaves Wuhan:
    outside the city, inside the province. The four signers of Wuhan sign, and the center of
    Yichang, where he is insured, approves; Wuhan's center does not see it in its inbox."""
    li = visit(DESKTOP)
    li.start_signed_in("doctor_li", language=language)
    referral = write_referral(
        li, patient=CHEN, target=YICHANG_CARDIOLOGY, scope=Scope.WITHIN_PROVINCE
    )
    assert referral.insured_city.name == "宜昌市"

    for username in ("director_wang", "office_zhang", "dean_liu"):
        signer = visit(DESKTOP)
        signer.start_signed_in(username, language=language)
        decide(signer, referral, Decision.APPROVE, "同意转诊。")
    assert state_of(referral) == State.DEAN_SIGNED

    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language=language)
    chen.follow(chen.gettext("Inbox"))
    expect(chen.page.get_by_role("link", name=referral.number, exact=True)).to_have_count(0)

    yang = visit(DESKTOP)
    yang.start_signed_in("center_yang", language=language)
    decide(yang, referral, Decision.APPROVE, "同意转诊。")
    assert state_of(referral) == State.APPROVED


@LANGUAGES
def test_a_patient_insured_in_another_city_is_refused_a_scope_that_does_not_match(
    visit, demo_cases, language
):
    """The same patient referred inside Wuhan stays in the city: 'outside the city' is
    refused with the scope the page expects, and what was typed stays on the form."""
    li = visit(DESKTOP)
    li.start_signed_in("doctor_li", language=language)
    before = Referral.objects.count()
    fill_referral(li, patient=CHEN, target=HANYANG_INTERNAL, scope=Scope.WITHIN_PROVINCE)
    li.press(li.gettext("Propose"))
    assert Referral.objects.count() == before
    summary = li.page.get_by_role("region", name=li.gettext("Please correct what is marked below"))
    expect(summary).to_contain_text(li.gettext(Scope.WITHIN_CITY.label))
    expect(li.page.get_by_label(li.gettext("Diagnosis"))).to_have_value("冠状动脉粥样硬化性心脏病")
