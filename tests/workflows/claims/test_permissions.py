"""The permission matrix: who sees a claim and its files, and who may act on it at each step."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.factories import make_staff
from tests.files import pdf
from tests.pages import sign_in
from workflows.audit.selectors import step_records_of
from workflows.claims import services, steps
from workflows.claims.review import services as review
from workflows.claims.selectors import claim_list_for, claim_tasks_for
from workflows.documents.selectors import documents_of
from workflows.registry.models import Region
from workflows.registry.roles import Role

from .conftest import (
    CHEN,
    HUANG,
    WANG,
    ZHANG,
    approved_emergency,
    enter_bill,
    open_emergency,
    submitted_emergency,
)

# 黄小红's claim (Wuhan, unit 武汉江城机械有限公司): who sees it, by sign-in.
SEES = {
    HUANG: True,  # the claimant
    "unit_sun": True,  # her unit's agent
    "center_chen": True,  # a reviewer of her insured city
    "supervisor_zhao": True,  # a supervisor of her insured city
    ZHANG: False,  # a colleague of the same unit
    WANG: False,  # another Wuhan-insured person
    CHEN: False,  # a Yichang-insured person
    "center_yang": False,  # a reviewer of another city
    "doctor_li": False,
    "director_wang": False,
    "office_zhang": False,
    "dean_liu": False,
    "admin": False,
}


@pytest.fixture
def claim(world):
    claim = open_emergency(world)
    services.claim_add_documents(
        claim_id=claim.pk, kind="invoices", uploads=[pdf("发票.pdf")], by=claim.person.user
    )
    return claim


@pytest.mark.parametrize(("who", "sees"), SEES.items())
def test_only_the_claimant_their_unit_and_their_citys_center_see_a_claim_and_its_files(
    client, claim, who, sees
):
    document = documents_of(claim).get()
    sign_in(client, who)
    status = 200 if sees else 404
    assert client.get(reverse("claims:detail", args=[claim.pk])).status_code == status
    download = client.get(reverse("claims:document", args=[claim.pk, document.pk]))
    assert download.status_code == status
    if sees:
        assert download["Content-Disposition"].startswith("attachment")
        assert download["X-Content-Type-Options"] == "nosniff"
        assert b"".join(download.streaming_content) == pdf().read()
    listed = claim.number in client.get(reverse("claims:list")).content.decode()
    assert listed == sees or client.get(reverse("claims:list")).status_code == 403


def test_a_document_id_of_another_claim_is_not_found_through_a_visible_claim(client, world, claim):
    mine = open_emergency(world, ZHANG)
    sign_in(client, ZHANG)
    theirs = documents_of(claim).get()
    url = reverse("claims:document", args=[mine.pk, theirs.pk])
    assert client.get(url).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, claim):
    document = documents_of(claim).get()
    for url in (
        reverse("claims:detail", args=[claim.pk]),
        reverse("claims:document", args=[claim.pk, document.pk]),
    ):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("who", [ZHANG, WANG, "center_chen", "supervisor_zhao", "center_yang"])
def test_only_the_claimant_and_their_unit_agent_add_documents_or_submit(world, claim, who):
    user = world.users[who] if not who[0].isdigit() else _user(who)
    with pytest.raises(PermissionDenied):
        services.claim_add_documents(claim_id=claim.pk, kind="invoices", uploads=[pdf()], by=user)
    with pytest.raises(PermissionDenied):
        services.claim_submit(
            claim_id=claim.pk, by=user, payee="x", bank_name="y", bank_account="6222020200001234"
        )
    assert documents_of(claim).count() == 1


def test_the_unit_agent_opens_claims_for_their_own_people_only(world):
    agent = world.users["unit_sun"]
    assert open_emergency(world, ZHANG, by=agent).unit.name == "武汉江城机械有限公司"
    for stranger in (WANG, CHEN):
        with pytest.raises(PermissionDenied):
            open_emergency(world, stranger, by=agent)


def test_nobody_opens_a_claim_for_someone_else(world):
    for who in ("center_chen", "doctor_li", "supervisor_zhao"):
        with pytest.raises(PermissionDenied):
            open_emergency(world, HUANG, by=world.users[who])
    with pytest.raises(PermissionDenied):
        open_emergency(world, HUANG, by=_user(ZHANG))


def _user(resident_id):
    from .conftest import user_of

    return user_of(resident_id)


def test_a_reviewer_sees_and_decides_only_claims_of_their_city(world):
    wuhan = submitted_emergency(world)
    yichang = submitted_emergency(world, CHEN)
    chen, yang = world.users["center_chen"], world.users["center_yang"]
    assert set(claim_tasks_for(user=chen).values_list("process_id", flat=True)) == {wuhan.pk}
    assert set(claim_tasks_for(user=yang).values_list("process_id", flat=True)) == {yichang.pk}
    before = step_records_of(wuhan).count()
    for action in (
        lambda: review.claim_decide(claim_id=wuhan.pk, by=yang, decision="reject", reason="x"),
        lambda: enter_bill(wuhan, yang),
        lambda: review.claim_calculate(claim_id=wuhan.pk, by=yang),
    ):
        with pytest.raises(PermissionDenied) as refused:
            action()
        assert refused.value.args[0] == steps.NOT_A_REVIEWER
    assert step_records_of(wuhan).count() == before


@pytest.mark.parametrize("who", ["supervisor_zhao", "unit_sun", HUANG, "admin"])
def test_only_a_reviewer_reviews_decides_or_pays(world, who):
    claim = submitted_emergency(world)
    user = world.users[who] if not who[0].isdigit() else _user(who)
    with pytest.raises(PermissionDenied):
        review.claim_decide(claim_id=claim.pk, by=user, decision="reject", reason="x")
    with pytest.raises(PermissionDenied):
        enter_bill(claim, user)
    approved = approved_emergency(world, ZHANG)
    with pytest.raises(PermissionDenied):
        review.claim_mark_paid(claim_id=approved.pk, by=user, reference="ZF1")


def test_the_reviewers_pages_refuse_everyone_else(client, world):
    claim = submitted_emergency(world)
    for who, status in (("supervisor_zhao", 403), (HUANG, 403), ("center_yang", 404)):
        sign_in(client, who)
        response = client.post(
            reverse("claims:decide", args=[claim.pk]), {"decision": "reject", "reason": "x"}
        )
        assert response.status_code == status, who
        client.post(reverse("logout"))
    claim.refresh_from_db()
    assert claim.state == "submitted"


def test_the_claims_tab_is_only_a_reviewers(client, world):
    submitted_emergency(world)
    sign_in(client, "center_chen")
    assert "/inbox/claims/" in client.get(reverse("inbox")).content.decode()
    client.post(reverse("logout"))
    sign_in(client, "doctor_li")
    assert "/inbox/claims/" not in client.get(reverse("inbox")).content.decode()


def test_staff_of_a_city_without_a_center_see_no_claims(world):
    reviewer = make_staff(Role.CENTER_REVIEWER, city=Region.objects.get(code="460100"))
    submitted_emergency(world)
    assert not claim_tasks_for(user=reviewer).exists()
    assert not claim_list_for(user=reviewer).exists()


def test_a_refused_step_changes_nothing(world):
    claim = submitted_emergency(world)
    with pytest.raises(ValidationError):
        services.claim_add_documents(
            claim_id=claim.pk, kind="invoices", uploads=[pdf()], by=claim.person.user
        )
