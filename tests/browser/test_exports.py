"""Exports: the supervisor 赵磊 searches the referral list and downloads what it finds as CSV
and as an Excel workbook, the patients' resident IDs masked; the unit's agent 孙丽, on her
phone, downloads her unit's filings. In Chinese and in English."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.workflows.finding.conftest import HUANG, ZHANG, referral_of
from tests.workflows.resettlement.conftest import submitted_filing
from workflows.referrals.choices import Step

from .checks import DESKTOP, PHONE

LANGUAGES = pytest.mark.parametrize("language", ["zh-hans", "en"])


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@LANGUAGES
def test_the_supervisor_downloads_the_referrals_her_search_finds(visit, world, language):
    huang = referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    referral_of(world, ZHANG, until=Step.CENTER_APPROVE)
    zhao = visit(DESKTOP)
    zhao.sign_in("supervisor_zhao", language=language)
    zhao.follow(zhao.gettext("Referrals"))
    zhao.fill(zhao.gettext("Search"), "小红", exact=True)
    zhao.press(zhao.gettext("Search"))

    header, *rows = csv_rows(zhao.download("CSV"))
    assert header[:3] == [
        zhao.gettext("Case number"),
        zhao.gettext("Patient"),
        zhao.gettext("Resident ID"),
    ]
    assert rows == [rows[0]] and rows[0][:3] == [huang.number, "黄小红", "420102********2046"]

    workbook = load_workbook(io.BytesIO(zhao.download("Excel")))
    header, *rows = list(workbook.active.values)
    assert header[0] == zhao.gettext("Case number") and [row[0] for row in rows] == [huang.number]


@LANGUAGES
def test_the_unit_agent_downloads_her_unit_s_filings_on_her_phone(visit, world, media, language):
    filing = submitted_filing(world)
    sun = visit(PHONE)
    sun.sign_in("unit_sun", language=language)
    sun.follow(sun.gettext("Filings"))
    header, *rows = csv_rows(sun.download("CSV"))
    assert header[0] == sun.gettext("Filing number")
    assert [row[0] for row in rows] == [filing.number]
    assert rows[0][2].count("*") == 8  # her retirees' IDs, masked
