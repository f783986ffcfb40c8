"""The off-site filing form: category and attachments ticked, agent, officer, agency stamp."""

import dataclasses
import datetime

import pytest

from forms import samples
from forms.render import render_pdf
from workflows import textlimits as limits

from . import pdf

LABELS = [
    "异地就医备案表",
    "备案编号：",
    "打印时间：",
    "姓名",
    "身份证号码",
    "医保编号",
    "险种",
    "参保地",
    "联系电话",
    "备案类别",
    "长期：",
    "异地安置退休人员",
    "异地长期居住人员",
    "常驻异地工作人员",
    "临时：",
    "转诊转院人员",
    "异地急诊抢救人员",
    "其他临时外出就医人员",
    "就医省份",
    "就医城市",
    "居住地址",
    "定点医疗机构",
    "备案期限",
    "附件材料",
    "居住证明或个人承诺书",
    "单位派出证明（盖章）",
    "转诊证明",
    "申请人",
    "代办人：",
    "申请人（代办人）签字：",
    "经办人",
    "经办日期",
    "经办机构（盖章）：",
]


@pytest.fixture(scope="module")
def form():
    return samples.offsite_filing_form()


@pytest.fixture(scope="module")
def printed(form) -> bytes:
    return render_pdf(form)


def test_every_field_value_prints(form, printed):
    values = [
        form.filing_number,
        form.name,
        form.insurance_number,
        "职工基本医疗保险",
        form.insured_area,
        form.phone,
        form.destination_province,
        form.destination_city,
        form.residence_address,
        "1.海口椰城中心医院",
        "2.海口市美兰区人民医院",
        "自2026年12月1日至长期有效",
        form.agent_name,
        form.handling_officer,
        "2026年11月24日",
        form.agency_name,
        "2026年11月25日16:32",
    ]
    assert pdf.missing(printed, values) == []


def test_every_chinese_label_prints(printed):
    assert pdf.missing(printed, LABELS) == []


def test_the_category_and_the_attachments_handed_in_are_ticked(printed):
    text = pdf.text(printed)
    assert "✓异地安置退休人员" in text
    assert text.count("✓") == 3
    assert "✓居住证明或个人承诺书（居住证）" in text
    assert "✓单位派出证明（盖章）" in text
    assert "✓转诊证明" not in text


def test_resident_ids_print_only_masked(printed):
    text = pdf.text(printed)
    assert "代办人：孙丽，身份证号码：420103********1520" in text
    assert "420106********3260" in text
    assert "420106195811023260" not in text


def test_a_filing_with_an_end_date_prints_it(form):
    temporary = dataclasses.replace(
        form, category="temporary_trip", ends_on=datetime.date(2027, 5, 31), attachments=()
    )
    text = pdf.text(render_pdf(temporary))
    assert "自2026年12月1日至2027年5月31日" in text
    assert "✓其他临时外出就医人员" in text
    assert text.count("✓") == 1


def test_a_person_filing_for_themself_prints_no_agent():
    text = pdf.text(render_pdf(samples.offsite_filing_form(by_agent=False)))
    assert "参保人本人" in text
    assert "代办人：" not in text


ADDRESS = "海南省海口市美兰区海甸岛五西路9号椰林小区3栋2单元1101室（近人民公园北门），"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_address_at_its_limit_prints_whole_on_one_page(form, language):
    address = samples.filled(limits.ADDRESS, ADDRESS)
    printed = render_pdf(dataclasses.replace(form, residence_address=address), language=language)
    assert pdf.info(printed)["Pages"] == "1"
    assert pdf.missing(printed, [address]) == []


def test_an_address_its_box_cannot_hold_goes_to_a_continuation_sheet_that_page_one_names(form):
    address = samples.filled(5 * limits.ADDRESS, ADDRESS)  # not through the pages' limits
    printed = render_pdf(dataclasses.replace(form, residence_address=address))
    assert pdf.info(printed)["Pages"] == "2"
    assert "居住地址见续页。" in pdf.text(printed, page=1)
    assert pdf.squeeze(f"居住地址{address}") in pdf.text(printed, page=2)
