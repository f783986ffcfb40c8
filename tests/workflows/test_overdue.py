"""The overdue lists: a hospital's medical-insurance office finds its director's and dean's
signatures past their due dates, a city's supervisor the office's review and the center's
steps; nobody else has a list, and each sees only their own hospital's or city's."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_staff
from tests.pages import DEMO_PASSWORD, sign_in
from workflows import clock
from workflows.overdue import NOT_YOURS
from workflows.referrals.choices import Step
from workflows.registry.models import Institution, Region
from workflows.registry.roles import Role

from .referrals.conftest import decide
from .test_deadlines import at, opened_on

LATE = at(2026, 3, 20)  # every limit of a step opened on 2 March has passed


@pytest.fixture
def clock_at(monkeypatch):
    def set_to(moment: datetime.datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)

    return set_to


@pytest.fixture
def late(world, clock_at):
    """A referral waiting at each of the four signatures since 2 March, found overdue."""
    referrals = {
        step: opened_on(world, clock_at, at(2026, 3, 2), step)
        for step in (Step.DIRECTOR_REVIEW, Step.OFFICE_REVIEW, Step.DEAN_SIGN, Step.CENTER_APPROVE)
    }
    clock_at(LATE)
    call_command("workflow_timers", verbosity=0)
    return referrals


def overdue_page(client, username: str, language: str = "en", slug: str = "referrals"):
    client.logout()
    sign_in(client, username, language)
    return client.get(reverse("overdue_queue", args=[slug]))


def listed(response, referrals) -> set:
    page = response.content.decode()
    return {step for step, referral in referrals.items() if referral.number in page}


def test_the_office_lists_its_directors_and_deans_overdue_signatures(client, late):
    response = overdue_page(client, "office_zhang")
    assert response.status_code == 200
    assert listed(response, late) == {Step.DIRECTOR_REVIEW, Step.DEAN_SIGN}


def test_the_supervisor_lists_the_offices_review_and_the_centers_approval(client, late):
    response = overdue_page(client, "supervisor_zhao")
    assert listed(response, late) == {Step.OFFICE_REVIEW, Step.CENTER_APPROVE}


def test_the_supervisor_s_overdue_list_offers_no_inbox_in_the_menu(client, late):
    response = overdue_page(client, "supervisor_zhao")
    assert f'href="{reverse("inbox")}"' not in response.content.decode()
    response = overdue_page(client, "office_zhang")
    assert f'href="{reverse("inbox")}"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "zh-hans",
            ["超期事项", "超期步骤", "科主任意见", "2026年3月3日", "已超期", "已等待 14 个工作日"],
        ),
        (
            "en",
            [
                "Overdue steps",
                "Overdue step",
                "opinion of the department director",
                "March 3, 2026",
                "Overdue",
                "Waiting 14 working days",
            ],
        ),
    ],
)
def test_the_list_says_whose_step_it_is_when_it_was_due_and_how_long_it_has_waited(
    client, late, language, texts
):
    page = overdue_page(client, "office_zhang", language).content.decode()
    for text in texts:
        assert text in page, text
    # A row leads to the case page (the office does not sign the director's step).
    assert reverse("referrals:detail", args=[late[Step.DIRECTOR_REVIEW].pk]) in page


def test_a_step_is_listed_once_the_timers_have_found_it_overdue_and_until_it_is_taken(
    client, world, clock_at
):
    referral = opened_on(world, clock_at, at(2026, 3, 2), Step.DIRECTOR_REVIEW)
    clock_at(LATE)
    assert referral.number not in overdue_page(client, "office_zhang").content.decode()
    call_command("workflow_timers", verbosity=0)
    assert referral.number in overdue_page(client, "office_zhang").content.decode()
    decide(world, referral, "director_wang", "approve", "同意")
    assert referral.number not in overdue_page(client, "office_zhang").content.decode()


@pytest.fixture
def outsiders(world):
    other_hospital = Institution.objects.get(code="H42010500002")
    yichang = Region.objects.get(code="420500")
    world.users["office_other"] = make_staff(
        Role.INSURANCE_OFFICE,
        username="office_other",
        password=DEMO_PASSWORD,
        institution=other_hospital,
    )
    world.users["supervisor_yichang"] = make_staff(
        Role.SUPERVISOR, username="supervisor_yichang", password=DEMO_PASSWORD, city=yichang
    )
    return world


@pytest.mark.parametrize(
    ("username", "status", "sees"),
    [
        ("office_zhang", 200, {Step.DIRECTOR_REVIEW, Step.DEAN_SIGN}),
        ("supervisor_zhao", 200, {Step.OFFICE_REVIEW, Step.CENTER_APPROVE}),
        ("office_other", 200, set()),  # another hospital's office
        ("supervisor_yichang", 200, set()),  # another city's supervisor
        ("doctor_li", 403, set()),
        ("director_wang", 403, set()),
        ("dean_liu", 403, set()),
        ("center_chen", 403, set()),
        ("unit_sun", 403, set()),
        ("420103195508201133", 403, set()),  # the patient
        ("admin", 403, set()),
    ],
)
def test_only_the_office_and_the_supervisors_have_overdue_lists_each_of_their_own(
    client, outsiders, late, username, status, sees
):
    client.logout()
    sign_in(client, username, "en")
    response = client.get(reverse("overdue"))
    assert response.status_code == status
    if status == 403:
        assert said_in(response, NOT_YOURS)
        assert client.get(reverse("overdue_queue", args=["referrals"])).status_code == 403
        return
    assert listed(response, late) == sees


def said_in(response, message) -> bool:
    from django.utils.html import escape

    from tests.pages import said

    return escape(said(message, language="en")) in response.content.decode()


def test_the_office_has_no_claims_or_filings_list_and_the_supervisor_has_all_three(client, late):
    for slug in ("claims", "filings"):
        assert overdue_page(client, "office_zhang", slug=slug).status_code == 404
        assert overdue_page(client, "supervisor_zhao", slug=slug).status_code == 200
    page = overdue_page(client, "supervisor_zhao").content.decode()
    for slug in ("referrals", "claims", "filings"):
        assert reverse("overdue_queue", args=[slug]) in page


def test_the_supervisor_lists_the_centers_overdue_claims_and_filings(
    client, world, media, clock_at
):
    from workflows.claims.models import Claim
    from workflows.resettlement.models import Filing

    clock_at(at(2026, 3, 2, 9))
    call_command("load_demo_cases", verbosity=0)
    clock_at(at(2026, 3, 10))  # the filing's review (5 days) and a payment (5) are overdue
    call_command("workflow_timers", verbosity=0)
    claims = overdue_page(client, "supervisor_zhao", slug="claims").content.decode()
    filings = overdue_page(client, "supervisor_zhao", slug="filings").content.decode()
    assert Claim.objects.get(person__name="黄小红").number in claims  # to pay
    assert Claim.objects.get(person__name="王强").number not in claims  # in review, 20 days
    assert Filing.objects.get(person__name="李秀英").number in filings


def test_the_home_page_leads_the_office_and_the_supervisor_to_their_lists(client, late):
    for username in ("office_zhang", "supervisor_zhao"):
        client.logout()
        sign_in(client, username, "en")
        page = client.get(reverse("home")).content.decode()
        assert "Referrals overdue: 2 steps" in page, username
    client.logout()
    sign_in(client, "director_wang", "en")
    assert (
        reverse("overdue_queue", args=["referrals"])
        not in client.get(reverse("home")).content.decode()
    )


def test_a_longer_overdue_list_does_not_cost_more_queries(client, world, clock_at):
    opened_on(world, clock_at, at(2026, 3, 2), Step.DIRECTOR_REVIEW)
    clock_at(LATE)
    call_command("workflow_timers", verbosity=0)
    sign_in(client, "office_zhang")
    url = reverse("overdue_queue", args=["referrals"])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        opened_on(world, clock_at, at(2026, 3, 2), Step.DEAN_SIGN)
    clock_at(LATE)
    call_command("workflow_timers", verbosity=0)
    with CaptureQueriesContext(connection) as four:
        page = client.get(url).content.decode()
    assert page.count('class="overdue"') == 4
    assert len(four) == len(one)
