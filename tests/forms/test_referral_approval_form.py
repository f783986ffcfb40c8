"""The referral approval form: every field, the five signature blocks in order, one A4 page."""

import dataclasses
import re

import pytest

from forms import samples
from forms.filters import day
from forms.render import render_html, render_pdf
from workflows import textlimits as limits

from . import pdf

LABELS = [
    "转诊转院审批表",
    "编号：",
    "状态：",
    "打印时间：",
    "姓名",
    "性别",
    "年龄",
    "医保编号",
    "身份证号码",
    "单位或住址",
    "诊断",
    "现就诊医院",
    "科室",
    "入院日期",
    "拟转诊日期",
    "拟转往医院",
    "转诊范围",
    "本市",
    "省内异地",
    "省外",
    "省外就医说明",
    "转诊理由",
    "病情摘要",
    "审批意见",
    "经治医师",
    "科主任",
    "医保办",
    "分管院长",
    "市医保中心",
    "签名：",
    "日期：",
    "盖章：",
]
BLANK_DATE = "______年____月____日"


@pytest.fixture(scope="module")
def form():
    return samples.referral_form()


@pytest.fixture(scope="module")
def signed(form) -> bytes:
    return render_pdf(form)


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    return render_pdf(samples.referral_form(signed=False))


def signatures(form):
    return [
        form.attending_physician,
        form.department_director,
        form.insurance_office,
        form.dean,
        form.center,
    ]


def test_every_field_value_prints(form, signed):
    values = [
        form.case_number,
        form.status,
        form.name,
        "女",
        "41",
        form.unit_or_address,
        form.insurance_number,
        form.diagnosis,
        form.current_institution,
        form.current_department,
        "2026年11月10日",
        "2026年11月28日",
        form.target_institution,
        form.target_department,
        form.outside_province_statement,
        form.reason,
        form.case_summary,
        form.insurance_office_name,
        form.center_name,
        "2026年11月25日16:32",  # 08:32 UTC, printed in Shanghai time
    ]
    assert pdf.missing(signed, values) == []


def test_every_chinese_label_prints(signed):
    assert pdf.missing(signed, LABELS) == []


def test_the_scope_is_ticked(signed):
    text = pdf.text(signed)
    assert "✓省外" in text
    assert "✓本市" not in text
    assert "✓省内异地" not in text


def test_every_signer_name_opinion_and_date_prints_in_chain_order(form, signed):
    text = pdf.text(signed)
    for signature in signatures(form):
        assert pdf.squeeze(signature.opinion) in text
        assert f"签名：{signature.name}日期：{day(signature.signed_on)}" in text
    positions = [text.index(signature.name) for signature in signatures(form)]
    assert positions == sorted(positions)


def test_the_resident_id_prints_only_masked(signed):
    text = pdf.text(signed)
    assert "420102********2046" in text
    assert "420102198503122046" not in text


def test_the_form_is_one_a4_page(signed, unsigned):
    for document in (signed, unsigned):
        info = pdf.info(document)
        assert (info["Pages"], info["Page size"]) == ("1", pdf.A4)


def test_an_unsigned_form_prints_empty_blocks_to_sign_by_hand(form, unsigned):
    text = pdf.text(unsigned)
    assert "审批中" in text
    assert text.count("签名：") == 5
    assert text.count(BLANK_DATE) == 5
    for signature in signatures(form):
        assert signature.name not in text
        assert pdf.squeeze(signature.opinion) not in text
    assert form.insurance_office_name in text
    assert form.center_name in text


def test_a_partly_signed_form_fills_only_the_signed_blocks(form):
    unsigned = samples.referral_form(signed=False)
    partly = dataclasses.replace(unsigned, attending_physician=form.attending_physician)
    text = pdf.text(render_pdf(partly))
    assert "签名：李明" in text
    assert text.count(BLANK_DATE) == 4
    assert "王芳" not in text


def at_every_limit(text: str):
    """The form with each of its free texts as long as a person may write it."""
    return samples.referral_form_filled(
        diagnosis=limits.DIAGNOSIS,
        reason=limits.REASON,
        case_summary=limits.CASE_SUMMARY,
        opinion=limits.OPINION,
        text=text,
    )


CHINESE_TEXT = samples.FILLING
ENGLISH_TEXT = "Three-vessel disease, left main stenosis; hybrid surgery needed, not done here. "


@pytest.mark.parametrize(
    ("language", "text"), [("zh-hans", CHINESE_TEXT), ("en", ENGLISH_TEXT), ("en", CHINESE_TEXT)]
)
def test_a_form_filled_to_every_limit_prints_on_one_page_with_all_its_text(form, language, text):
    full = at_every_limit(text)
    printed = render_pdf(full, language=language)
    assert pdf.info(printed)["Pages"] == "1"
    texts = [full.diagnosis, full.outside_province_statement, full.reason, full.case_summary]
    texts += [getattr(full, role).opinion for role in samples.SIGNING_ROLES]
    assert pdf.missing(printed, texts) == []
    assert pdf.squeeze("续页") not in pdf.text(printed)


def test_texts_at_their_limits_are_set_smaller_in_their_boxes_but_never_below_7_5_pt(form):
    html = render_html(at_every_limit(CHINESE_TEXT))
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)pt; line-height", html)]
    assert len(sizes) == 9
    assert min(sizes) == 7.5
    assert "font-size: 9.5pt; line-height" in render_html(form)  # a short text keeps its size


def test_a_text_its_box_cannot_hold_goes_to_a_continuation_sheet_that_page_one_names(form):
    too_long = samples.filled(3 * limits.CASE_SUMMARY)  # not through the pages' limits
    printed = render_pdf(dataclasses.replace(form, case_summary=too_long))
    assert pdf.info(printed)["Pages"] == "2"
    first, second = pdf.text(printed, page=1), pdf.text(printed, page=2)
    assert "病情摘要见续页。" in first
    assert pdf.squeeze(too_long) not in first
    assert second.startswith("续页")
    assert f"转诊转院审批表{form.case_number}" in second
    assert pdf.squeeze(f"病情摘要{too_long}") in second


def test_an_english_form_names_its_continuation_sheet_in_english(form):
    too_long = samples.filled(3 * limits.REASON, ENGLISH_TEXT)
    printed = render_pdf(dataclasses.replace(form, reason=too_long), language="en")
    first, second = pdf.text(printed, page=1), pdf.text(printed, page=2)
    assert "ReasonforreferralSeethecontinuationsheet." in first
    assert second.startswith("Continuationsheet")
    assert pdf.squeeze(f"Reasonforreferral{too_long}") in second
