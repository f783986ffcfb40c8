"""A filing walks from the first form to its withdrawal through the web pages, as the personas
do: filed, returned, corrected, approved, its institutions changed, withdrawn."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.files import pdf
from tests.pages import said, sign_in
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.resettlement import changes, services
from workflows.resettlement.choices import ChoiceState, State
from workflows.resettlement.models import Filing
from workflows.resettlement.selectors import choices_of

from .conftest import LI, MEILAN, TODAY, YECHENG, city, institution


def page_of(client, filing) -> str:
    response = client.get(reverse("resettlement:detail", args=[filing.pk]))
    assert response.status_code == 200
    return response.content.decode()


def post(client, name, filing, data=None, *, expect=302):
    response = client.post(reverse(f"resettlement:{name}", args=[filing.pk]), data or {})
    assert response.status_code == expect, response.content.decode()[:3000]
    filing.refresh_from_db()
    return response


def sign_out(client):
    client.post(reverse("logout"))


def new_filing_form(**overrides) -> dict:
    data = {
        "person": LI,
        "category": "resettled_retiree",
        "destination_city": city("460100").pk,
        "residence_address": "海南省海口市美兰区海甸岛五西路 9 号",
        "institutions": [institution(YECHENG).pk, institution(MEILAN).pk],
        "start_date": TODAY.isoformat(),
        "end_date": "",
        "phone": "13976000103",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_resettled_retirees_filing_from_the_form_to_its_withdrawal(client, world, language):
    # 孙丽, the unit's agent, files for 李秀英, who lives in Haikou.
    sign_in(client, "unit_sun", language)
    assert client.get(reverse("resettlement:new")).status_code == 200
    response = client.post(reverse("resettlement:new"), new_filing_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    filing = Filing.objects.get()
    assert filing.number.startswith("YD") and filing.state == State.DRAFT
    assert (filing.person.name, filing.unit.name) == ("李秀英", "武汉江城机械有限公司")

    # Submitting before the attachments are there is refused and says what is missing.
    page = client.post(reverse("resettlement:submit", args=[filing.pk]), follow=True)
    with translation.override(language):
        missing = services.listed([_label("residence_proof")])
        assert said(services.ATTACHMENTS_MISSING, missing=missing) in page.content.decode()
    filing.refresh_from_db()
    assert filing.state == State.DRAFT
    post(client, "upload", filing, {"kind": "residence_proof", "file": pdf("residence.pdf")})
    post(client, "submit", filing)
    assert filing.state == State.SUBMITTED
    sign_out(client)

    # 陈静 of the Wuhan center finds it in her filings queue and returns it for correction.
    sign_in(client, "center_chen", language)
    queue = client.get(reverse("inbox_queue", args=["filings"])).content.decode()
    assert filing.number in queue
    post(client, "decide", filing, {"decision": "return", "reason": "居住地址缺少门牌号。"})
    assert filing.state == State.RETURNED
    sign_out(client)

    # 孙丽 reads why, corrects the address, and submits again.
    sign_in(client, "unit_sun", language)
    assert "居住地址缺少门牌号。" in page_of(client, filing)
    assert client.get(reverse("resettlement:edit", args=[filing.pk])).status_code == 200
    corrected = new_filing_form(residence_address="海南省海口市美兰区海甸岛五西路 9 号 3 栋 201")
    del corrected["person"]
    post(client, "edit", filing, corrected)
    assert filing.residence_address.endswith("3 栋 201")
    post(client, "submit", filing)
    assert filing.state == State.SUBMITTED
    sign_out(client)

    # 陈静 approves: both hospitals are in force from the first day.
    sign_in(client, "center_chen", language)
    post(client, "decide", filing, {"decision": "approve", "reason": "同意备案"})
    assert filing.state == State.IN_FORCE and filing.approved_on == TODAY
    sign_out(client)

    # The unit asks to keep only 美兰区人民医院; the old choice stays in force meanwhile.
    sign_in(client, "unit_sun", language)
    post(client, "change", filing, {"institutions": [institution(MEILAN).pk], "reason": "就近"})
    assert filing.state == State.CHANGE_REQUESTED
    assert [c.state for c in choices_of(filing)] == [ChoiceState.IN_FORCE, ChoiceState.PROPOSED]
    sign_out(client)

    sign_in(client, "center_chen", language)
    assert filing.number in client.get(reverse("inbox_queue", args=["filings"])).content.decode()
    post(client, "decide_change", filing, {"decision": "approve", "reason": ""})
    assert filing.state == State.IN_FORCE
    old, new = choices_of(filing)
    assert (old.state, old.superseded_on) == (ChoiceState.SUPERSEDED, TODAY)
    assert (new.state, new.effective_from, new.first.code) == (ChoiceState.IN_FORCE, TODAY, MEILAN)
    sign_out(client)

    # 李秀英 sees her filing and its institutions, but it is her unit that withdraws it.
    sign_in(client, LI, language)
    assert filing.number in client.get(reverse("resettlement:list")).content.decode()
    assert "海口市美兰区人民医院" in page_of(client, filing)
    post(client, "withdraw", filing, {"reason": "搬回武汉"}, expect=403)
    sign_out(client)

    sign_in(client, "unit_sun", language)
    post(client, "withdraw", filing, {"reason": "退休人员已回武汉居住。"})
    assert filing.state == State.WITHDRAWN and filing.ended_on == TODAY
    assert filing.status == "DONE"

    # A withdrawn filing cannot be changed: the page says why and nothing is written.
    before = step_records_of(filing).count()
    response = post(
        client, "change", filing, {"institutions": [institution(YECHENG).pk]}, expect=200
    )
    with translation.override(language):
        expected = said(
            changes.ENDED_FILING_UNCHANGED, number=filing.number, state=State.WITHDRAWN.label
        )
    assert expected in response.content.decode()
    assert step_records_of(filing).count() == before

    assert [record.action for record in step_records_of(filing)] == [
        Action.CREATE,
        Action.UPLOAD,
        Action.SUBMIT,
        Action.RETURN,
        Action.REVISE,
        Action.SUBMIT,
        Action.APPROVE,
        Action.REQUEST_CHANGE,
        Action.APPROVE,
        Action.WITHDRAW,
    ]
    assert not filing.task_set.filter(status__in=["NEW", "ASSIGNED", "SCHEDULED"]).exists()


def _label(kind: str) -> str:
    from workflows.documents.choices import Kind

    return str(Kind(kind).label)


def test_a_refused_change_and_a_returned_change_leave_the_old_institutions_in_force(world):
    from .conftest import approved_filing, change_to

    filing = approved_filing(world)
    chen = world.users["center_chen"]
    for decision in ("return", "reject"):
        filing = change_to(world, filing, MEILAN)
        filing = changes.filing_decide_change(
            filing_id=filing.pk, by=chen, decision=decision, reason="新机构不在居住地附近"
        )
        assert filing.state == State.IN_FORCE
    states = [choice.state for choice in choices_of(filing)]
    assert states == [ChoiceState.IN_FORCE, ChoiceState.RETURNED, ChoiceState.REFUSED]
    assert [c.version for c in choices_of(filing)] == [1, 2, 3]
