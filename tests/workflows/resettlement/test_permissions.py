"""The permission matrix: who sees a filing and its attachments, and who acts at each step."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.factories import make_staff
from tests.pages import sign_in
from workflows.audit.selectors import step_records_of
from workflows.documents.selectors import documents_of
from workflows.registry.models import EmployerUnit, Region
from workflows.registry.roles import Role
from workflows.resettlement import changes, review, services, steps
from workflows.resettlement.selectors import filing_list_for, filing_tasks_for

from .conftest import (
    CHEN,
    HUANG,
    LI,
    MEILAN,
    WANG,
    ZHANG,
    approved_filing,
    change_to,
    details,
    open_filing,
    person,
    submitted_filing,
)

# 李秀英's filing (Wuhan-insured, filed by 武汉江城机械有限公司): who sees it, by sign-in.
SEES = {
    LI: True,  # the person
    "unit_sun": True,  # her unit's agent
    "center_chen": True,  # a reviewer of her insured city
    "supervisor_zhao": True,  # a supervisor of her insured city
    ZHANG: False,  # a colleague of the same unit
    HUANG: False,
    WANG: False,  # another Wuhan-insured person
    CHEN: False,  # a Yichang-insured person
    "center_yang": False,  # a reviewer of another city
    "doctor_li": False,
    "office_zhang": False,
    "admin": False,
}


@pytest.fixture
def filing(world):
    return submitted_filing(world)


def user(world, who):
    return world.users[who] if not who[0].isdigit() else person(who).user


@pytest.mark.parametrize(("who", "sees"), SEES.items())
def test_only_the_person_their_unit_and_their_citys_center_see_a_filing(client, filing, who, sees):
    document = documents_of(filing).first()
    sign_in(client, who)
    status = 200 if sees else 404
    assert client.get(reverse("resettlement:detail", args=[filing.pk])).status_code == status
    assert client.get(reverse("resettlement:form", args=[filing.pk])).status_code == status
    download = client.get(reverse("resettlement:document", args=[filing.pk, document.pk]))
    assert download.status_code == status
    listing = client.get(reverse("resettlement:list"))
    assert (filing.number in listing.content.decode()) == sees or listing.status_code == 403


def test_another_units_agent_sees_none_of_this_units_filings(world, filing):
    other = make_staff(
        Role.UNIT_AGENT, unit=EmployerUnit.objects.get(name="宜昌三峡电力设备有限公司")
    )
    assert not filing_list_for(user=other).exists()
    with pytest.raises(PermissionDenied):
        services.filing_withdraw(filing_id=filing.pk, by=other, reason="x")


def test_a_unit_sees_only_its_own_peoples_filings(world, filing):
    """The unit's list holds its members' filings, not a filing the person made themself."""
    wang = person(WANG)
    own = services.filing_open(
        by=wang.user, person=wang, details=details(category="long_term_resident")
    )
    listed = set(filing_list_for(user=user(world, "unit_sun")).values_list("pk", flat=True))
    assert listed == {filing.pk}
    assert set(filing_list_for(user=wang.user).values_list("pk", flat=True)) == {own.pk}


@pytest.mark.parametrize("who", ["center_chen", "supervisor_zhao", LI, ZHANG, "doctor_li"])
def test_only_the_applicant_prepares_changes_or_withdraws(world, who):
    draft = open_filing(world)
    with pytest.raises(PermissionDenied) as refused:
        services.filing_submit(filing_id=draft.pk, by=user(world, who))
    assert refused.value.args[0] == steps.NOT_YOUR_FILING
    services.filing_withdraw(filing_id=draft.pk, by=user(world, "unit_sun"), reason="重填")
    in_force = approved_filing(world)
    for action in (
        lambda: change_to_as(in_force, who, world),
        lambda: services.filing_withdraw(filing_id=in_force.pk, by=user(world, who), reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            action()


def change_to_as(filing, who, world):
    from .conftest import institution

    return changes.filing_request_change(
        filing_id=filing.pk, by=user(world, who), institutions=[institution(MEILAN)]
    )


@pytest.mark.parametrize("who", ["unit_sun", "supervisor_zhao", "center_yang", LI, "admin"])
def test_only_a_reviewer_of_the_insured_city_decides(world, filing, who):
    before = step_records_of(filing).count()
    with pytest.raises(PermissionDenied):
        review.filing_decide(filing_id=filing.pk, by=user(world, who), decision="approve")
    assert step_records_of(filing).count() == before


def test_only_a_reviewer_of_the_insured_city_decides_a_change(world):
    filing = change_to(world, approved_filing(world), MEILAN)
    for who in ("unit_sun", "center_yang", "supervisor_zhao"):
        with pytest.raises(PermissionDenied) as refused:
            changes.filing_decide_change(
                filing_id=filing.pk, by=user(world, who), decision="approve"
            )
        assert refused.value.args[0] == steps.NOT_A_REVIEWER


def test_the_filings_queue_is_a_tab_of_the_reviewers_of_the_city_only(client, world, filing):
    chen, yang = user(world, "center_chen"), user(world, "center_yang")
    assert list(filing_tasks_for(user=chen).values_list("process_id", flat=True)) == [filing.pk]
    assert not filing_tasks_for(user=yang).exists()
    sign_in(client, "center_chen")
    assert "/inbox/filings/" in client.get(reverse("inbox")).content.decode()
    client.post(reverse("logout"))
    for who in ("doctor_li", "unit_sun"):
        sign_in(client, who)
        assert "/inbox/filings/" not in client.get(reverse("inbox")).content.decode()
        client.post(reverse("logout"))


def test_staff_of_a_city_without_filings_see_none(world, filing):
    reviewer = make_staff(Role.CENTER_REVIEWER, city=Region.objects.get(code="460100"))
    assert not filing_tasks_for(user=reviewer).exists()
    assert not filing_list_for(user=reviewer).exists()


@pytest.mark.parametrize(
    ("who", "sees_filings", "can_file"),
    [
        ("unit_sun", True, True),
        (LI, True, False),
        (WANG, True, True),
        ("center_chen", True, False),
        ("supervisor_zhao", True, False),
        ("doctor_li", False, False),
        ("admin", False, False),
    ],
)
def test_the_navigation_and_home_page_show_filings_to_those_who_may_see_them(
    client, world, who, sees_filings, can_file
):
    sign_in(client, who)
    home = client.get(reverse("home")).content.decode()
    assert (reverse("resettlement:list") in home) == sees_filings
    assert (reverse("resettlement:new") in home) == can_file
    assert (client.get(reverse("resettlement:new")).status_code == 200) == can_file
