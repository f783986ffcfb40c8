"""The case lists export what their search finds, in the user's scope and language, as CSV or
Excel; resident IDs masked but for the center's reviewers; each exported case recorded as an
export of its person's data; too large a selection refused with a message."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.pages import sign_in
from tests.workflows.claims.conftest import submitted_emergency
from tests.workflows.resettlement.conftest import submitted_filing
from workflows.audit.access.models import Access, AccessRecord
from workflows.finding import export
from workflows.referrals.choices import Scope, Step
from workflows.registry.models import Institution

from .conftest import CHEN, HUANG, ZHANG, referral_of


def csv_rows(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # for a spreadsheet opened on a Chinese Windows
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_supervisor_exports_the_filtered_referrals_in_chinese_ids_masked(world, client):
    referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    second = referral_of(world, ZHANG, until=Step.CENTER_APPROVE)
    referral_of(world, CHEN, until=Step.CENTER_APPROVE)  # insured in Yichang: not Wuhan's
    sign_in(client, "supervisor_zhao")
    response = client.get(
        reverse("referrals:export", kwargs={"fmt": "csv"}), {"q": second.person.name}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="referrals-' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == [
        "案件编号",
        "患者",
        "身份证号码",
        "转出",
        "转入",
        "转诊范围",
        "状态",
        "创建日期",
        "有效期至",
    ]
    assert [row[0] for row in rows] == [second.number]
    assert rows[0][2] == "420103********1133"
    (record,) = AccessRecord.objects.filter(what=Access.EXPORTED)
    assert (record.case_number, record.person_id) == (second.number, second.person_id)
    assert record.user_id == world.users["supervisor_zhao"].pk


def test_the_center_reviewer_s_workbook_holds_whole_ids_and_real_dates(world, client):
    referral = referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    sign_in(client, "center_chen", "en")
    response = client.get(reverse("referrals:export", kwargs={"fmt": "xlsx"}))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert header[:4] == ("Case number", "Patient", "Resident ID", "From")
    assert rows[0][:3] == (referral.number, "黄小红", HUANG)
    assert "Opened" in header and rows[0][header.index("Opened")].year >= 2026
    assert rows[0][header.index("Scope")] == Scope(referral.scope).label


def test_claims_and_filings_export_too_each_in_its_scope(world, client, media):
    claim = submitted_emergency(world)
    filing = submitted_filing(world)
    sign_in(client, "center_chen", "en")
    _header, *claims = csv_rows(client.get(reverse("claims:export", kwargs={"fmt": "csv"})))
    assert [row[0] for row in claims] == [claim.number]
    _header, *filings = csv_rows(client.get(reverse("resettlement:export", kwargs={"fmt": "csv"})))
    assert [row[0] for row in filings] == [filing.number]
    client.logout()
    sign_in(client, "doctor_li", "en")  # a physician has no claims
    assert client.get(reverse("claims:export", kwargs={"fmt": "csv"})).status_code == 403


def test_too_many_or_a_filter_out_of_scope_is_refused_with_why(world, client, monkeypatch):
    referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    referral_of(world, ZHANG, until=Step.CENTER_APPROVE)
    monkeypatch.setattr(export, "EXPORT_LIMIT", 1)
    sign_in(client, "center_chen")
    response = client.get(
        reverse("referrals:export", kwargs={"fmt": "xlsx"}), {"state": "dean_signed"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:list") + "?state=dean_signed"
    page = client.get(response["Location"]).content.decode()
    assert "筛选出 2 件，一次导出最多 1 件" in page
    assert not AccessRecord.objects.filter(what=Access.EXPORTED).exists()

    client.logout()
    sign_in(client, "doctor_li", "en")
    elsewhere = Institution.objects.exclude(
        pk=world.users["doctor_li"].staff_profile.institution_id
    )
    response = client.get(
        reverse("referrals:export", kwargs={"fmt": "csv"}),
        {"institution": elsewhere.first().pk},
        follow=True,
    )
    assert "Correct the filter first" in response.content.decode()


@pytest.mark.parametrize("fmt", ["pdf", "csv.exe"])
def test_only_csv_and_xlsx_are_exports(world, client, fmt):
    sign_in(client, "center_chen", "en")
    assert client.get(f"/referrals/export.{fmt}").status_code == 404


def test_the_list_links_its_export_with_its_search(world, client):
    referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    sign_in(client, "center_chen", "en")
    page = client.get(reverse("referrals:list"), {"q": "黄", "page": "1"}).content.decode()
    assert 'href="/referrals/export.csv?q=%E9%BB%84"' in page
    assert 'href="/referrals/export.xlsx?q=%E9%BB%84"' in page


def test_a_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(world, client):
    referral = referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    institution = referral.institution
    institution.name = '=HYPERLINK("http://evil.example","点我")'
    institution.save(update_fields=["name"])
    sign_in(client, "center_chen", "en")
    _header, row = csv_rows(client.get(reverse("referrals:export", kwargs={"fmt": "csv"})))
    assert row[3].startswith("'=HYPERLINK(")
    response = client.get(reverse("referrals:export", kwargs={"fmt": "xlsx"}))
    cell = load_workbook(io.BytesIO(response.content)).active.cell(row=2, column=4)
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK(")
