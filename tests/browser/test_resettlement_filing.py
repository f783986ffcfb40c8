"""A resettled retiree's off-site filing, as the people do it: 孙丽, her unit's agent, files for
李秀英 who lives in Haikou, on a desktop or on her phone, and sends its attachments; 陈静 of
the center approves it; the unit changes the institutions and the center approves the change;
the agent prints the filing form."""

import pytest
from playwright.sync_api import expect

from tests.files import pdf
from tests.forms.pdf import squeeze
from workflows import clock
from workflows.resettlement.choices import ChangeDecision, ChoiceState, Decision, State
from workflows.resettlement.models import Filing
from workflows.resettlement.selectors import choices_of

from .checks import DESKTOP, PHONE
from .person import Person
from .test_emergency_claim import handed_over

LI = "420106195811023260"  # 李秀英, retired from 武汉江城机械有限公司, lives in Haikou
ADDRESS = "海南省海口市美兰区海甸岛五西路 9 号"
YECHENG = "海口椰城中心医院"
MEILAN = "海口市美兰区人民医院"
PHONE_NUMBER = "13976000103"


def file_for_li(sun: Person) -> Filing:
    sun.follow(sun.gettext("New off-site filing"))
    sun.fill(sun.gettext("Resident ID or insurance number of the person"), LI)
    sun.page.get_by_role("radio", name=sun.gettext("resettled retiree")).check()
    sun.select(sun.gettext("Destination (province and city)"), "海口")
    sun.fill(sun.gettext("Residence address there"), ADDRESS)
    institutions = sun.page.get_by_role(
        "group", name=sun.gettext("Designated institutions there (one or two)")
    )
    for name in (YECHENG, MEILAN):
        institutions.get_by_role("checkbox", name=name, exact=False).check()
    sun.fill(sun.gettext("First day"), clock.today().isoformat())
    sun.fill(sun.gettext("Phone"), PHONE_NUMBER, exact=True)
    sun.press(sun.gettext("Open the filing"))
    filing = Filing.objects.latest("pk")
    expect(sun.page.get_by_role("heading", level=1)).to_contain_text(filing.number)
    assert (filing.person.name, filing.state) == ("李秀英", State.DRAFT)
    return filing


def send_the_attachments(sun: Person) -> None:
    """Each attachment the checklist marks missing, as a scan the phone or computer holds."""
    missing = sun.page.locator(".checklist-item").filter(has=sun.page.locator(".badge.bad"))
    titles = missing.locator("h3").all_inner_texts()
    assert titles, "the checklist asks for no attachment"
    for title in titles:
        sun.send_files(title, handed_over(pdf(f"{title}.pdf")), button=sun.gettext("Upload"))
    expect(sun.page.locator(".checklist .badge.bad")).to_have_count(0)


def decide(chen: Person, filing: Filing, decision, reason: str) -> None:
    chen.follow(chen.gettext("Inbox"))
    chen.follow(chen.gettext("Filings"), exact=False)
    chen.follow(filing.number)
    chen.page.get_by_role("radio", name=chen.gettext(decision.label), exact=True).check()
    chen.fill(chen.gettext("Reason"), reason, exact=True)
    chen.press(chen.gettext("Record my decision"))


@pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_unit_files_for_its_retiree_the_center_approves_and_a_change_of_institutions(
    visit, world, media, language, screen
):
    sun = visit(screen)
    sun.start_signed_in("unit_sun", language=language)
    filing = file_for_li(sun)
    send_the_attachments(sun)
    sun.press(sun.gettext("Submit to the municipal center"))
    filing.refresh_from_db()
    assert filing.state == State.SUBMITTED

    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language=language)
    decide(chen, filing, Decision.APPROVE, "材料齐全，同意备案。")
    filing.refresh_from_db()
    assert filing.state == State.IN_FORCE

    sun.open(filing.get_absolute_url())
    new = sun.page.get_by_role(
        "group", name=sun.gettext("New designated institutions (one or two)")
    )
    new.get_by_role("checkbox", name=MEILAN, exact=False).check()
    sun.fill(sun.gettext("Why change them?"), "离住处近，便于复诊。")
    sun.press(sun.gettext("Ask for the change"))
    filing.refresh_from_db()
    assert filing.state == State.CHANGE_REQUESTED
    rows = sun.page.locator("#institutions tbody tr")
    expect(rows).to_have_count(2)

    chen.follow(chen.gettext("Home"))
    decide(chen, filing, ChangeDecision.APPROVE, "同意变更。")
    filing.refresh_from_db()
    assert filing.state == State.IN_FORCE
    old, new = choices_of(filing)
    assert (old.state, new.state, new.first.name, new.second) == (
        ChoiceState.SUPERSEDED,
        ChoiceState.IN_FORCE,
        MEILAN,
        None,
    )

    sun.open(filing.get_absolute_url())
    form = sun.download_pdf_text(sun.gettext("Off-site filing form (PDF)"))
    for value in (filing.number, "李秀英", ADDRESS, MEILAN, PHONE_NUMBER):
        assert squeeze(value) in form, f"the filing form does not show {value}"
