"""The referral approval form: every field, the five signature blocks in order, one A4 page."""

import dataclasses

import pytest

from forms import samples
from forms.filters import day
from forms.render import render_pdf

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


def test_a_long_case_summary_still_fits_on_one_page(form):
    long = dataclasses.replace(form, case_summary=form.case_summary * 6, reason=form.reason * 2)
    assert len(long.case_summary) > 600
    assert pdf.info(render_pdf(long))["Pages"] == "1"
