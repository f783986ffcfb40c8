"""Deadlines through the pages: the inbox row says how long a task has waited in working days
and when it is due, an overdue row is marked, the case page gives the open step's due date;
a city's own day off and the policy in force decide it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.pages import said, sign_in
from workflows import clock
from workflows.policy.models import CalendarDay
from workflows.referrals.choices import Step
from workflows.referrals.selectors import DEADLINES, referral_deadline
from workflows.registry.models import Region
from workflows.workingdays import ESTIMATED

from .referrals.conftest import open_referral

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def clock_at(monkeypatch):
    """Set the project's clock to a moment in Shanghai."""

    def set_to(moment: datetime.datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)

    return set_to


def opened_on(world, clock_at, moment, until: Step):
    """A referral of 张建国 (Wuhan, employees' scheme) that reached ``until`` at ``moment``."""
    clock_at(moment)
    return open_referral(
        world,
        until=until,
        admission_date=moment.date() - datetime.timedelta(days=3),
        transfer_date=moment.date() + datetime.timedelta(days=20),
    )


def inbox(client, username: str, language: str) -> str:
    sign_in(client, username, language)
    return client.get(reverse("inbox_queue", args=["referrals"])).content.decode()


def row_of(page: str, number: str) -> str:
    start = page.rindex("<tr", 0, page.index(number))
    return page[start : page.index("</tr>", start)]


@pytest.mark.parametrize(
    ("language", "waiting", "due", "overdue"),
    [
        ("zh-hans", "已等待 2 个工作日", "2026年2月14日", "已超期"),
        ("en", "Waiting 2 working days", "Feb. 14, 2026", "Overdue"),
    ],
)
def test_the_inbox_row_says_how_long_the_task_waited_and_when_it_was_due(
    client, world, clock_at, language, waiting, due, overdue
):
    # Proposed on Friday 13 February 2026: Wuhan gives the director 1 working day, and
    # Saturday 14 is worked before the Spring Festival. On Tuesday 24, after the holiday, the
    # task has waited two working days (Saturday 14 and Tuesday 24) and is overdue.
    referral = opened_on(world, clock_at, at(2026, 2, 13), Step.DIRECTOR_REVIEW)
    clock_at(at(2026, 2, 24, 9))
    row = row_of(inbox(client, "director_wang", language), referral.number)
    assert waiting in row
    assert due in row
    assert f'<span class="badge bad">{overdue}</span>' in row
    assert 'class="overdue"' in row


@pytest.mark.parametrize(
    ("language", "waiting", "due"),
    [
        ("zh-hans", "已等待 1 个工作日", "2026年2月25日"),
        ("en", "Waiting 1 working day", "Feb. 25, 2026"),
    ],
)
def test_a_task_within_its_limit_is_not_marked(client, world, clock_at, language, waiting, due):
    # The office has 2 working days: Saturday 14 and, after the holiday, Tuesday 24.
    referral = opened_on(world, clock_at, at(2026, 2, 13, 15), Step.OFFICE_REVIEW)
    clock_at(at(2026, 2, 14, 11))
    row = row_of(inbox(client, "office_zhang", language), referral.number)
    assert waiting in row
    assert "2026年2月24日" in row or "Feb. 24, 2026" in row
    assert 'class="overdue"' not in row and "badge bad" not in row
    assert due not in row


def test_a_task_is_overdue_from_midnight_after_its_due_date(world, clock_at):
    referral = opened_on(world, clock_at, at(2026, 2, 13), Step.DIRECTOR_REVIEW)
    referral = type(referral).objects.select_related("person", "institution").get(pk=referral.pk)
    on_the_day = referral_deadline(referral, now=at(2026, 2, 14, 23, 59))
    after_it = referral_deadline(referral, now=at(2026, 2, 15, 0, 0))
    assert on_the_day.due.day == datetime.date(2026, 2, 14) and not on_the_day.overdue
    assert after_it.overdue
    assert after_it.waited == 1  # Sunday 15 is a holiday: no working day more


def test_waiting_less_than_a_working_day_is_said_so(client, world, clock_at):
    referral = opened_on(world, clock_at, at(2026, 3, 6, 16), Step.DIRECTOR_REVIEW)
    clock_at(at(2026, 3, 8, 10))  # Friday's task, on Sunday
    row = row_of(inbox(client, "director_wang", "en"), referral.number)
    assert "Waiting less than a working day" in row
    assert "March 9, 2026" in row  # due on Monday


def test_a_citys_day_off_moves_the_due_date_of_a_task_already_open(client, world, clock_at):
    referral = opened_on(world, clock_at, at(2026, 2, 13, 15), Step.OFFICE_REVIEW)
    clock_at(at(2026, 2, 14, 11))
    assert "Feb. 24, 2026" in row_of(inbox(client, "office_zhang", "en"), referral.number)
    CalendarDay.objects.create(
        region=Region.objects.get(code="420100"), day=datetime.date(2026, 2, 24), note="本市放假"
    )
    client.logout()
    assert "Feb. 25, 2026" in row_of(inbox(client, "office_zhang", "en"), referral.number)


def test_the_center_step_keeps_the_insured_citys_days_and_the_hospital_steps_the_hospitals(
    world, clock_at
):
    # The hospital is in Wuhan and so is the patient: a day off of Yichang changes nothing.
    referral = opened_on(world, clock_at, at(2026, 2, 13), Step.DIRECTOR_REVIEW)
    referral = type(referral).objects.select_related("person", "institution").get(pk=referral.pk)
    CalendarDay.objects.create(
        region=Region.objects.get(code="420500"), day=datetime.date(2026, 2, 14)
    )
    assert DEADLINES.city(referral, Step.DIRECTOR_REVIEW) == referral.institution.city_id
    assert DEADLINES.city(referral, Step.CENTER_APPROVE) == referral.insured_city_id
    assert referral_deadline(referral, now=at(2026, 2, 14)).due.day == datetime.date(2026, 2, 14)


@pytest.mark.parametrize(("language", "due"), [("zh-hans", "2027年1月4日"), ("en", "Jan. 4, 2027")])
def test_a_due_date_past_the_known_calendar_is_shown_estimated(
    client, world, clock_at, language, due
):
    # Wuhan gives the center 3 working days: Thursday 31 December 2026, then Friday 1 and
    # Monday 4 January 2027, counted as weekdays while 2027's calendar is not published.
    referral = opened_on(world, clock_at, at(2026, 12, 30), Step.CENTER_APPROVE)
    row = row_of(inbox(client, "center_chen", language), referral.number)
    assert due in row
    assert said(ESTIMATED, language=language) in row


def test_the_limit_is_the_policy_in_force_on_the_day_the_task_opened(world, clock_at):
    # Wuhan's 2025 policy gives no limits: the default of 2 working days applies to the
    # director then; its 2026 policy gives 1.
    in_2025 = opened_on(world, clock_at, at(2025, 12, 31), Step.DIRECTOR_REVIEW)
    in_2026 = opened_on(world, clock_at, at(2026, 1, 5), Step.DIRECTOR_REVIEW)
    cases = type(in_2025).objects.select_related("person", "institution")
    now = at(2026, 1, 5, 12)
    deadlines = DEADLINES.deadlines(
        [
            (cases.get(pk=in_2025.pk), Step.DIRECTOR_REVIEW),
            (cases.get(pk=in_2026.pk), Step.DIRECTOR_REVIEW),
        ],
        now=now,
    )
    assert [d.limit for d in deadlines] == [2, 1]
    # 1, 2 and 3 January 2026 are the New Year holiday; Sunday 4 January is worked.
    assert [d.due.day for d in deadlines] == [datetime.date(2026, 1, 5), datetime.date(2026, 1, 6)]


def test_the_inbox_reads_the_deadlines_of_a_page_in_two_queries_however_many_rows(
    client, world, clock_at
):
    clock_at(at(2026, 3, 2))
    open_referral(world, until=Step.DIRECTOR_REVIEW)
    sign_in(client, "director_wang")
    url = reverse("inbox_queue", args=["referrals"])
    client.get(url)
    with CaptureQueriesContext(connection) as one_row:
        client.get(url)
    for _ in range(4):
        open_referral(world, until=Step.DIRECTOR_REVIEW)
    with CaptureQueriesContext(connection) as five_rows:
        page = client.get(url).content.decode()
    assert page.count("等待不足 1 个工作日") == 5
    assert len(five_rows) == len(one_row)
    tables = [q["sql"] for q in five_rows.captured_queries]
    assert sum('"policy_policy"' in sql for sql in tables) == 1
    assert sum('"policy_calendarday"' in sql for sql in tables) == 1


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("zh-hans", ["当前步骤办理期限", "2026年2月14日", "已超期", "已等待 2 个工作日"]),
        ("en", ["The open step is due on", "Feb. 14, 2026", "Overdue", "Waiting 2 working days"]),
    ],
)
def test_the_case_page_gives_the_open_steps_due_date(client, world, clock_at, language, says):
    referral = opened_on(world, clock_at, at(2026, 2, 13), Step.DIRECTOR_REVIEW)
    clock_at(at(2026, 2, 24, 9))
    sign_in(client, "supervisor_zhao", language)
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    for text in says:
        assert text in page, text


def test_a_case_that_waits_for_no_step_shows_no_due_date(client, world, clock_at):
    referral = opened_on(world, clock_at, at(2026, 3, 2), None)  # approved
    sign_in(client, "supervisor_zhao", "en")
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "The open step is due on" not in page


@pytest.fixture
def demo_cases_in_march(world, media, clock_at):
    """The demo's cases, made on Monday 2 March 2026."""
    clock_at(at(2026, 3, 2, 9))
    call_command("load_demo_cases", verbosity=0)
    clock_at(at(2026, 3, 4, 9))


@pytest.mark.parametrize(
    ("tab", "due", "language"),
    [
        # Wuhan gives the review of a claim 20 working days and of a filing 5.
        ("claims", "2026年3月30日", "zh-hans"),
        ("claims", "March 30, 2026", "en"),
        ("filings", "2026年3月9日", "zh-hans"),
        ("filings", "March 9, 2026", "en"),
    ],
)
def test_the_centers_claims_and_filings_carry_their_due_dates(
    client, demo_cases_in_march, tab, due, language
):
    sign_in(client, "center_chen", language)
    page = client.get(reverse("inbox_queue", args=[tab])).content.decode()
    assert due in page
    assert "已等待 2 个工作日" in page or "Waiting 2 working days" in page


def test_the_claim_and_filing_pages_give_their_due_dates(client, demo_cases_in_march):
    from workflows.claims.models import Claim
    from workflows.resettlement.models import Filing

    sign_in(client, "center_chen", "en")
    claim = Claim.objects.get(person__name="王强")
    filing = Filing.objects.get(person__name="李秀英")
    claim_page = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    filing_page = client.get(reverse("resettlement:detail", args=[filing.pk])).content.decode()
    assert "The open step is due on</strong> March 30, 2026" in claim_page
    assert "The open step is due on</strong> March 9, 2026" in filing_page
