"""The reimbursement statement: the lines by class, every calculation step, who reviewed it."""

import dataclasses

import pytest

from forms import samples
from forms.filters import money, percent, quantity
from forms.render import render_pdf

from . import pdf

STEP_LABELS = [
    "1.费用总额",
    "2.目录外自费",
    "3.超限价自费",
    "4.乙类先行自付",
    "5.符合范围费用",
    "6.起付线",
    "7.报销比例",
    "8.统筹基金支付",
    "9.个人负担",
]
LABELS = [
    "医疗费用报销结算单",
    "结算单号：",
    "报销类型：",
    "转诊转院",
    "打印时间：",
    "姓名",
    "性别",
    "医保编号",
    "身份证号码",
    "险种",
    "职工基本医疗保险",
    "人员类别",
    "在职",
    "医疗机构",
    "机构等级",
    "三级",
    "入院日期",
    "出院日期",
    "费用明细",
    "编码",
    "项目名称",
    "数量",
    "单价",
    "金额",
    "超限价部分",
    "甲类小计",
    "乙类小计",
    "目录外小计",
    "报销计算过程",
    "计算步骤",
    "金额（元）",
    "说明",
    "适用政策",
    "有效期2026年1月1日至2026年12月31日",
    "审核人",
    "审核日期",
    "收款人",
    "支付凭证号",
    *STEP_LABELS,
]
TABLE_HEADER = "编码项目名称数量单价金额超限价部分"


@pytest.fixture(scope="module")
def statement():
    return samples.reimbursement_statement()


@pytest.fixture(scope="module")
def printed(statement) -> bytes:
    return render_pdf(statement)


def test_every_field_value_prints(statement, printed):
    values = [
        statement.claim_number,
        statement.name,
        "女",
        statement.insurance_number,
        statement.masked_resident_id,
        statement.institution_name,
        "2026年11月28日",
        "2026年12月12日",
        statement.policy_region,
        statement.reviewer_name,
        "2026年12月20日",
        statement.payee,
        statement.payment_reference,
        "2026年11月25日16:32",
    ]
    assert pdf.missing(printed, values) == []


def test_every_chinese_label_prints(printed):
    assert pdf.missing(printed, LABELS) == []


def test_every_expense_line_prints_with_its_figures(statement, printed):
    rows = pdf.rows(printed)
    for line in statement.lines:
        figures = [quantity(line.quantity), money(line.unit_price), money(line.amount)]
        row = "".join([line.code, line.name, *figures, money(line.over_limit)])
        assert row in rows


def test_the_subtotals_print_per_class(printed):
    rows = pdf.rows(printed)
    assert "甲类小计18,515.000.00" in rows
    assert "乙类小计17,720.401,600.00" in rows
    assert "目录外小计2,380.000.00" in rows


def test_every_calculation_step_prints_its_amount_and_explanation(statement, printed):
    rows = pdf.rows(printed)
    for label, step in zip(STEP_LABELS, statement.steps, strict=True):
        amount = percent(step.amount) if step.kind == "ratio" else money(step.amount)
        assert f"{label}{amount}{pdf.squeeze(step.explanation)}" in rows
    assert "7.报销比例75%在职职工三级医院85%，转诊省外下调10个百分点。" in rows


def test_the_resident_id_prints_only_masked(printed):
    text = pdf.text(printed)
    assert "420102********2046" in text
    assert "420102198503122046" not in text


def test_a_long_claim_spans_pages_with_the_table_header_on_each(statement):
    long = render_pdf(samples.reimbursement_statement(extra_lines=120))
    pages = int(pdf.info(long)["Pages"])
    assert pages >= 3
    for page in range(1, pages + 1):
        text = pdf.text(long, page=page)
        if "检查化验项目" in text:
            assert TABLE_HEADER in text, f"page {page} has expense lines but no header"
        assert f"{page}/{pages}" in text


def test_without_payment_the_payment_row_is_left_out(statement):
    unpaid = dataclasses.replace(statement, payee="", payment_reference="")
    assert "收款人" not in pdf.text(render_pdf(unpaid))
