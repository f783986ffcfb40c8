"""The off-site filing form (异地就医备案表) of a filing, read back with pdftotext."""

import datetime

import pytest
from django.urls import reverse

from tests.files import picture
from tests.forms import pdf
from tests.pages import sign_in
from workflows import clock
from workflows.registry.models import EmployerUnit
from workflows.resettlement import changes, printing, services

from .conftest import (
    LI,
    MEILAN,
    TODAY,
    approved_filing,
    attach,
    change_to,
    details,
    open_filing,
    person,
)


@pytest.fixture
def approved_last_week(world, monkeypatch):
    """李秀英's resettlement in Haikou, filed by 孙丽 and approved by 陈静 a week ago."""
    past = clock.now() - datetime.timedelta(days=7)
    monkeypatch.setattr(clock, "now", lambda: past)
    filing = approved_filing(world, start_date=TODAY - datetime.timedelta(days=7))
    monkeypatch.undo()
    return filing


def printed(client, filing) -> bytes:
    sign_in(client, "unit_sun")
    response = client.get(reverse("resettlement:form", args=[filing.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        "异地就医备案表" in response["Content-Disposition"]
        or "filename" in response["Content-Disposition"]
    )
    return b"".join(response.streaming_content)


def chinese(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def test_the_form_prints_every_field_from_the_filing_and_its_step_records(
    client, approved_last_week
):
    filing = approved_last_week
    document = printed(client, filing)
    text = pdf.text(document)
    week_ago = TODAY - datetime.timedelta(days=7)
    for value in [
        filing.number,
        "李秀英",
        "420106********3260",
        "420100000000103",
        "职工基本医疗保险",
        "湖北省武汉市",
        "13976000103",
        "✓异地安置退休人员",
        "海南省",
        "海口市",
        "海南省海口市美兰区海甸岛五西路9号",
        "1.海口椰城中心医院",
        "2.海口市美兰区人民医院",
        f"自{chinese(week_ago)}至长期有效",
        "✓居住证明或个人承诺书",
        "✓单位派出证明（盖章）",
        "代办人：孙丽（武汉江城机械有限公司）",
        "经办机构（盖章）：武汉市医疗保险中心",
    ]:
        assert pdf.squeeze(value) in text, value
    assert f"经办人陈静经办日期{chinese(week_ago)}" in pdf.rows(document)
    assert "420106195811023260" not in text
    assert "✓转诊证明" not in text


def test_after_a_change_the_form_names_the_institutions_in_force_and_who_approved_them(
    approved_last_week, world
):
    filing = change_to(world, approved_last_week, MEILAN)
    changes.filing_decide_change(
        filing_id=filing.pk, by=world.users["center_chen"], decision="approve"
    )
    document = printing.filing_form_pdf(filing)
    text = pdf.text(document)
    assert "1.海口市美兰区人民医院" in text
    assert "海口椰城中心医院" not in text
    assert f"经办人陈静经办日期{chinese(TODAY)}" in pdf.rows(document)


def test_before_the_approval_the_officer_is_blank_and_the_agency_is_the_insured_citys(world):
    from .conftest import submitted_filing

    document = printing.filing_form_pdf(submitted_filing(world))
    assert "经办人经办日期" in pdf.rows(document)
    assert "经办机构（盖章）：武汉市医疗保险中心" in pdf.text(document)


def test_a_person_filing_for_themself_is_printed_as_the_applicant(world):
    li = person(LI)
    EmployerUnit.objects.filter(pk=li.unit_id).update(dissolved_on=TODAY)
    filing = services.filing_open(by=li.user, person=person(LI), details=details())
    attach(filing, by=li.user, kinds=("residence_proof",))
    filing = services.filing_submit(filing_id=filing.pk, by=li.user)
    text = pdf.text(printing.filing_form_pdf(filing))
    assert "参保人本人" in text and "代办人" not in text.replace("申请人（代办人）签字", "")


def test_a_refused_filing_still_prints_with_the_institutions_it_asked_for(world):
    from workflows.resettlement import review

    from .conftest import submitted_filing

    filing = review.filing_decide(
        filing_id=submitted_filing(world).pk,
        by=world.users["center_chen"],
        decision="reject",
        reason="不符合条件",
    )
    text = pdf.text(printing.filing_form_pdf(filing))
    assert "1.海口椰城中心医院" in text and filing.number in text


def test_an_attachment_of_several_files_is_ticked_once(client, world):
    filing = open_filing(world)
    services.filing_add_documents(
        filing_id=filing.pk,
        kind="residence_proof",
        uploads=[picture("居住证-正面.jpg"), picture("居住证-背面.jpg")],
        by=world.users["unit_sun"],
    )
    attach(filing, kinds=("unit_letter",))
    assert [a.kind for a in printing.filing_form(filing).attachments] == [
        "residence_proof",
        "unit_letter",
    ]
    assert pdf.text(printed(client, filing)).count("✓居住证明或个人承诺书") == 1
