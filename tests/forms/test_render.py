"""What every printed document shares: one subset CJK font, A4, Chinese by default, English too."""

import re

import pytest

from forms import samples
from forms.render import NOT_A_DOCUMENT, render_html, render_pdf

from . import pdf

DOCUMENTS = {
    "referral approval form": samples.referral_form,
    "reimbursement statement": samples.reimbursement_statement,
    "off-site filing form": samples.offsite_filing_form,
}


@pytest.mark.parametrize("make", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_the_only_font_is_an_embedded_subset_of_noto_sans_cjk_sc(make):
    printed = render_pdf(make())
    assert pdf.info(printed)["Page size"] == pdf.A4
    [font] = pdf.fonts(printed)
    assert font["name"].split("+")[1].replace("-", "") == "NotoSansCJKSC"
    assert len(font["name"].split("+")[0]) == 6  # the tag PDF gives a subset font
    assert (font["emb"], font["sub"]) == ("yes", "yes")


def test_the_html_is_chinese_and_says_so():
    html = render_html(samples.referral_form())
    assert '<html lang="zh-CN">' in html


def test_an_english_referral_form_prints_english_labels_and_the_data_as_given():
    printed = render_pdf(samples.referral_form(), language="en")
    text = pdf.text(printed)
    for label in ["Referralapprovalform", "Attendingphysician", "Deanincharge"]:
        assert label in text
    assert "✓outsidetheprovince" in text
    assert "Printed:25Nov202616:32" in text
    assert "Date:20Nov2026" in text
    assert "黄小红" in text
    assert "转诊转院审批表" not in text
    assert pdf.info(printed)["Pages"] == "1"
    assert len(pdf.fonts(printed)) == 1


@pytest.mark.parametrize("make", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_every_document_renders_in_english(make):
    text = pdf.text(render_pdf(make(), language="en"))
    assert "Printed:25Nov2026" in text


def test_something_that_is_not_a_document_is_refused():
    with pytest.raises(TypeError, match=re.escape(NOT_A_DOCUMENT.format(kind="dict"))):
        render_pdf({"case_number": "ZZ-1"})
