"""What the pages say, worded as a person of each language expects: a Chinese label ends with
the full-width colon, a policy without an end is said one way, and a resettled retiree is not
asked for the dispatch letter of posted staff."""

import pytest
from playwright.sync_api import expect

from workflows.claims.models import Claim
from workflows.documents.choices import Kind as Document
from workflows.resettlement.models import Filing

from .checks import DESKTOP

HUANG = "420102198503122046"  # 黄小红: her emergency claim is approved
LI = "420106195811023260"  # 李秀英, retired, resettled in Haikou


@pytest.mark.parametrize(("language", "colon"), [("zh-hans", "："), ("en", ":")])
def test_a_label_ends_with_the_colon_of_the_pages_language(visit, demo_cases, language, colon):
    li = visit(DESKTOP)
    li.start_signed_in("doctor_li", language=language)
    li.follow(li.gettext("Referrals"))
    li.follow(li.gettext("New referral"))
    expect(li.page.locator("label[for=id_diagnosis]")).to_have_text(li.gettext("Diagnosis") + colon)


def test_a_policy_without_an_end_is_said_to_have_no_end_set(visit, demo_cases):
    claim = Claim.objects.get(person__resident_id=HUANG)
    huang = visit(DESKTOP)
    huang.start_signed_in(HUANG, language="zh-hans")
    huang.follow("我的报销申请")
    huang.follow(claim.number)
    calculation = huang.page.locator("#calculation")
    expect(calculation).to_contain_text("起有效，未设终止日期。")
    expect(calculation).not_to_contain_text("无截止日期")


def test_a_resettled_retiree_is_not_asked_for_a_dispatch_letter(visit, demo_cases):
    filing = Filing.objects.get(person__resident_id=LI)
    sun = visit(DESKTOP)
    sun.start_signed_in("unit_sun", language="zh-hans")
    sun.follow(sun.gettext("Filings"))
    sun.follow(filing.number)
    expect(sun.page.locator("main")).to_contain_text(sun.gettext(Document.RESIDENCE_PROOF.label))
    expect(sun.page.locator("main")).not_to_contain_text("派出证明")
