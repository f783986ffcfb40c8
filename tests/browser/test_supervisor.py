"""The supervisor reads the cases of every type and prints their forms, changing the page's
language in the middle of the round: each page that follows is in the language chosen, the
forms print the same case."""

from playwright.sync_api import expect

from tests.forms.pdf import squeeze
from workflows.claims.models import Claim
from workflows.resettlement.models import Filing

from .checks import DESKTOP
from .person import Person


def heading(person: Person):
    return person.page.get_by_role("heading", level=1)


def test_the_supervisor_prints_a_statement_in_chinese_then_a_filing_form_in_english(
    visit, demo_cases
):
    claim = Claim.objects.get(person__name="黄小红")
    filing = Filing.objects.get(person__name="李秀英")
    zhao = visit(DESKTOP)
    zhao.start_signed_in("supervisor_zhao", language="zh-hans")

    zhao.follow(zhao.gettext("Claims"))
    expect(heading(zhao)).to_have_text(zhao.gettext("Reimbursement claims"))
    expect(zhao.page.get_by_role("row")).to_have_count(1 + Claim.objects.count())
    zhao.follow(claim.number)
    expect(heading(zhao)).to_contain_text(claim.number)
    statement = zhao.download_pdf_text(zhao.gettext("Reimbursement statement (PDF)"))
    assert claim.number in statement
    assert squeeze("黄小红") in statement
    # The supervisor reads: the page offers no form to act on the case.
    expect(zhao.page.locator("main form")).to_have_count(0)

    zhao.choose_language("en")
    expect(heading(zhao)).to_contain_text(claim.number)
    expect(zhao.page.get_by_role("link", name="Reimbursement statement (PDF)")).to_be_visible()
    zhao.follow("Filings")
    expect(heading(zhao)).to_have_text("Off-site filings")
    zhao.follow(filing.number)
    expect(heading(zhao)).to_contain_text(filing.number)
    form = zhao.download_pdf_text("Off-site filing form (PDF)")
    assert filing.number in form
    assert squeeze("李秀英") in form
    assert squeeze("海口") in form

    zhao.choose_language("zh-hans")
    expect(heading(zhao)).to_contain_text(filing.number)
    zhao.follow(zhao.gettext("Home"))
    expect(heading(zhao)).to_contain_text("赵磊")
