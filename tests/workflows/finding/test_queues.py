"""Finding a task in a queue of the inbox: the search by any fragment, each filter, the sort,
paging that keeps them, and bad values refused in the user's language, never widened. A
search finds only what the user's scope already shows them."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from tests.workflows.claims.conftest import submitted_emergency
from tests.workflows.test_deadlines import at, opened_on
from workflows import clock, inbox
from workflows.finding.filters import (
    NOT_IN_SCOPE,
    PICK_AN_INSTITUTION,
    UNKNOWN_SORT,
)
from workflows.referrals.choices import Step
from workflows.registry.models import Department, Institution
from workflows.widgets import UNTIL_BEFORE_SINCE

from .conftest import CHEN, HUANG, ZHANG, inbox_url, numbers_on, page_of, referral_of

NOT_IN_SCOPE_ZH = "这不是您可以筛选的选项：请从列表中选择一项。"


@pytest.fixture
def at_the_center(world):
    """Two referrals waiting for the Wuhan center: 黄小红's, then 张建国's."""
    huang = referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    zhang = referral_of(world, ZHANG, until=Step.CENTER_APPROVE)
    return huang, zhang


def test_a_name_fragment_finds_only_that_persons_referral(client, at_the_center):
    huang, _zhang = at_the_center
    response = page_of(client, "center_chen", inbox_url(), q="小红")
    assert response.status_code == 200
    assert numbers_on(response) == [huang.number]


@pytest.mark.parametrize(
    "fragment",
    ["19850312", "420102198503122046", "0000000101", "000101", " 小红 "],
    ids=["resident-id-part", "resident-id", "insurance-number-part", "insurance-tail", "spaces"],
)
def test_each_fragment_of_an_id_or_number_finds_the_case(client, at_the_center, fragment):
    huang, _zhang = at_the_center
    assert numbers_on(page_of(client, "center_chen", inbox_url(), q=fragment)) == [huang.number]


def test_a_fragment_of_the_case_number_finds_it(client, at_the_center):
    _huang, zhang = at_the_center
    fragment = zhang.number[-4:].lower()  # the case does not matter
    assert numbers_on(page_of(client, "center_chen", inbox_url(), q=fragment)) == [zhang.number]


def test_a_resident_id_of_a_case_outside_the_users_scope_finds_nothing(client, world):
    yichang = referral_of(world, CHEN, until=Step.CENTER_APPROVE)  # the Yichang center's
    response = page_of(client, "center_chen", inbox_url(), q=CHEN)
    assert yichang.number not in response.content.decode()
    assert numbers_on(page_of(client, "center_yang", inbox_url(), q=CHEN)) == [yichang.number]


def test_the_scope_filter(client, at_the_center):
    huang, zhang = at_the_center  # both to Yichang: outside the city, inside the province
    found = page_of(client, "center_chen", inbox_url(), scope="within_province")
    assert set(numbers_on(found)) == {huang.number, zhang.number}
    assert numbers_on(page_of(client, "center_chen", inbox_url(), scope="within_city")) == []


def test_the_institution_and_department_filters(client, at_the_center, world):
    huang, zhang = at_the_center
    both = {huang.number, zhang.number}
    hospital = huang.institution_id
    found = page_of(client, "center_chen", inbox_url(), institution=hospital)
    assert set(numbers_on(found)) == both
    other = Institution.objects.exclude(pk=hospital).first().pk
    assert numbers_on(page_of(client, "center_chen", inbox_url(), institution=other)) == []
    # A center's reviewer picks a hospital, then one of its departments.
    of_hospital = {"institution": hospital, "department": huang.department_id}
    found = page_of(client, "center_chen", inbox_url(), **of_hospital)
    assert set(numbers_on(found)) == both
    other = Department.objects.filter(institution_id=hospital).exclude(pk=huang.department_id)
    of_hospital["department"] = other.first().pk
    assert numbers_on(page_of(client, "center_chen", inbox_url(), **of_hospital)) == []


def test_a_department_without_its_institution_is_refused_to_the_center(client, at_the_center):
    huang, _zhang = at_the_center
    found = page_of(client, "center_chen", inbox_url(), department=huang.department_id)
    with translation.override("en"):
        assert str(NOT_IN_SCOPE) in found.content.decode()
        assert str(PICK_AN_INSTITUTION) in found.content.decode()
    assert numbers_on(found) == []
    other_hospitals = Department.objects.exclude(institution_id=huang.institution_id).first()
    found = page_of(
        client,
        "center_chen",
        inbox_url(),
        institution=huang.institution_id,
        department=other_hospitals.pk,
    )
    assert numbers_on(found) == []


def test_the_step_and_state_filters(client, world):
    waiting_director = referral_of(world, HUANG, until=Step.DIRECTOR_REVIEW)
    waiting_office = referral_of(world, ZHANG, until=Step.OFFICE_REVIEW)
    by_step = page_of(client, "supervisor_zhao", "/referrals/", step="office_review")
    assert numbers_on(by_step) == [waiting_office.number]
    by_state = page_of(client, "supervisor_zhao", "/referrals/", state="proposed")
    assert numbers_on(by_state) == [waiting_director.number]


def test_the_days_it_arrived(client, world, monkeypatch):
    early = at(2026, 3, 2)
    monkeypatch.setattr(clock, "now", lambda: early)
    first = referral_of(world, HUANG, until=Step.CENTER_APPROVE)
    later = early + datetime.timedelta(days=3)
    monkeypatch.setattr(clock, "now", lambda: later)
    second = referral_of(world, ZHANG, until=Step.CENTER_APPROVE)
    day = timezone.localdate(later).isoformat()
    found = page_of(client, "center_chen", inbox_url(), since=day)
    assert numbers_on(found) == [second.number]
    found = page_of(client, "center_chen", inbox_url(), until="2026-03-04")
    assert numbers_on(found) == [first.number]


def test_the_overdue_filter(client, world, monkeypatch):
    def clock_at(moment):
        monkeypatch.setattr(clock, "now", lambda: moment)

    late = opened_on(world, clock_at, at(2026, 3, 2), Step.CENTER_APPROVE)
    clock_at(at(2026, 3, 20))
    call_command("workflow_timers", verbosity=0)
    fresh = referral_of(world, ZHANG, until=Step.CENTER_APPROVE)
    assert numbers_on(page_of(client, "center_chen", inbox_url(), overdue="on")) == [late.number]
    everything = numbers_on(page_of(client, "center_chen", inbox_url()))
    assert set(everything) == {late.number, fresh.number}


def test_the_late_report_flag(client, world):
    on_time = submitted_emergency(world, HUANG)
    late = submitted_emergency(
        world,
        ZHANG,
        admission_date=clock.today() - datetime.timedelta(days=40),
        discharge_date=clock.today() - datetime.timedelta(days=30),
    )
    assert late.reported_late and not on_time.reported_late
    flagged = page_of(client, "center_chen", inbox_url("claims"), flagged="late")
    assert numbers_on(flagged) == [late.number]
    listed = page_of(client, "supervisor_zhao", "/claims/", flagged="late")
    assert numbers_on(listed) == [late.number]
    assert (
        numbers_on(page_of(client, "center_chen", inbox_url("claims"), flagged="no_filing")) == []
    )


def test_each_column_sorts_both_ways_with_a_stable_tie_break(client, at_the_center):
    huang, zhang = at_the_center
    newest_first = numbers_on(page_of(client, "center_chen", inbox_url()))
    assert newest_first == [zhang.number, huang.number]
    assert numbers_on(page_of(client, "center_chen", inbox_url(), sort="-waiting")) == [
        huang.number,
        zhang.number,
    ]
    # 张 (U+5F20) sorts before 黄 (U+9EC4).
    by_name = numbers_on(page_of(client, "center_chen", inbox_url(), sort="person"))
    assert by_name == [zhang.number, huang.number]
    assert numbers_on(page_of(client, "center_chen", inbox_url(), sort="-person")) == [
        huang.number,
        zhang.number,
    ]
    # The same due date step and day: the earlier case first, then the other, both ways.
    assert numbers_on(page_of(client, "center_chen", inbox_url(), sort="due")) == [
        huang.number,
        zhang.number,
    ]
    for key in ("number", "step", "about", "due", "-number", "-step", "-about", "-due"):
        assert sorted(numbers_on(page_of(client, "center_chen", inbox_url(), sort=key))) == sorted(
            [huang.number, zhang.number]
        )


def test_the_headers_link_to_their_sort_keeping_the_search(client, at_the_center):
    page = page_of(client, "center_chen", inbox_url(), q="小红", sort="person").content.decode()
    assert 'aria-sort="ascending"><a href="?q=%E5%B0%8F%E7%BA%A2&amp;sort=-person"' in page
    assert 'href="?q=%E5%B0%8F%E7%BA%A2&amp;sort=due"' in page


def test_paging_keeps_the_search_and_the_sort(client, at_the_center, monkeypatch):
    monkeypatch.setattr(inbox, "PAGE_SIZE", 1)
    page = page_of(client, "center_chen", inbox_url(), q="2026", sort="person").content.decode()
    assert "?q=2026&amp;sort=person&amp;page=2" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"since": "2026-02-30"}, "Enter a valid date."),
        ({"until": "tomorrow"}, "Enter a valid date."),
        ({"since": "2026-03-05", "until": "2026-03-04"}, UNTIL_BEFORE_SINCE),
        ({"sort": "salary"}, UNKNOWN_SORT),
        ({"scope": "moon"}, NOT_IN_SCOPE),
        ({"q": "张\x00"}, "control character (U+0000)"),
        ({"q": "张" * 65}, "at most 64 characters"),
    ],
)
def test_a_bad_value_is_refused_with_a_message_and_no_rows(client, at_the_center, query, message):
    response = page_of(client, "center_chen", inbox_url(), **query)
    assert response.status_code == 200
    with translation.override("en"):
        assert str(message) in response.content.decode()
    assert numbers_on(response) == []


@pytest.mark.parametrize(
    ("language", "message"), [("en", NOT_IN_SCOPE), ("zh-hans", NOT_IN_SCOPE_ZH)]
)
def test_an_institution_outside_the_users_scope_is_refused_in_their_language(
    client, world, language, message
):
    waiting = referral_of(world, HUANG, until=Step.DIRECTOR_REVIEW)
    elsewhere = Institution.objects.get(code="H42050200001")  # not the director's hospital
    response = page_of(client, "director_wang", inbox_url(), language, institution=elsewhere.pk)
    assert response.status_code == 200
    with translation.override("en"):
        assert str(message) in response.content.decode()
    assert waiting.number not in numbers_on(response)
    bad_date = page_of(client, "director_wang", inbox_url(), language, since="2026-13-01")
    expected = "Enter a valid date." if language == "en" else "输入一个有效的日期。"
    assert expected in bad_date.content.decode()


def test_the_overdue_lists_search_too(client, world, monkeypatch):
    def clock_at(moment):
        monkeypatch.setattr(clock, "now", lambda: moment)

    late = opened_on(world, clock_at, at(2026, 3, 2), Step.CENTER_APPROVE)
    clock_at(at(2026, 3, 20))
    call_command("workflow_timers", verbosity=0)
    url = "/overdue/referrals/"
    assert numbers_on(page_of(client, "supervisor_zhao", url, q=late.person.name)) == [late.number]
    assert numbers_on(page_of(client, "supervisor_zhao", url, q="无此人")) == []
    assert "overdue" not in page_of(client, "supervisor_zhao", url).context["find_form"].fields
