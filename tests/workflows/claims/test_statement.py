"""The reimbursement statement of an approved claim, read back with pdftotext."""

import pytest
from django.urls import reverse

from forms.filters import money
from tests.forms import pdf
from tests.pages import sign_in
from workflows.claims import printing
from workflows.claims.choices import State
from workflows.claims.review import services as review

from .conftest import HUANG, WANG, approved_emergency


@pytest.fixture
def claim(world):
    claim = approved_emergency(world)
    return review.claim_mark_paid(
        claim_id=claim.pk, by=world.users["center_chen"], reference="ZF88"
    )


def test_the_statement_prints_the_person_the_lines_the_steps_the_policy_and_the_reviewer(claim):
    document = printing.statement_pdf(claim)
    assert pdf.info(document)["Page size"] == pdf.A4
    amounts = claim.calculation["amounts"]
    explanations = claim.calculation["explanations"]["zh-hans"]
    assert (
        pdf.missing(
            document,
            [
                "医疗费用报销结算单",
                claim.number,
                "黄小红",
                "420102********2046",
                "急诊",
                "武汉东湖康复医院",
                "二级",
                "甲类小计",
                "乙类小计",
                "目录外小计",
                "急诊观察床位费",
                "胸部CT平扫",
                "冬虫夏草",
                "湖北省武汉市",
                "职工基本医疗保险",
                "自2026年1月1日起有效，未设终止日期",
                "陈静",
                "ZF88",
                *[money(amounts[key]) for key in amounts if key != "ratio"],
                *explanations.values(),
            ],
        )
        == []
    )
    assert "420102198503122046" not in pdf.text(document)


def test_the_person_downloads_it_once_approved_and_not_before(client, world):
    from .conftest import submitted_emergency

    waiting = submitted_emergency(world, WANG)
    sign_in(client, WANG)
    assert client.get(reverse("claims:statement", args=[waiting.pk])).status_code == 404
    client.post(reverse("logout"))
    claim = approved_emergency(world)
    assert claim.state == State.APPROVED
    sign_in(client, HUANG)
    response = client.get(reverse("claims:statement", args=[claim.pk]))
    assert response.status_code == 200
    assert "医疗费用报销结算单" in response["Content-Disposition"] or response[
        "Content-Disposition"
    ].startswith("inline")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_resident_scheme_is_calculated_as_employed_and_printed_without_a_status(world):
    claim = approved_emergency(world, WANG)
    assert claim.calculation["inputs"]["status"] == "employed"
    text = pdf.text(printing.statement_pdf(claim))
    assert "城乡居民基本医疗保险" in text
    assert "在职" not in text.split("报销计算过程")[0]
