"""Working days: the official calendar's holidays and make-up working days of 2025 and 2026,
a city's own days, and dates past the last year the calendar knows (estimated, never an
error). The dates are those of the State Council's notices, as chinesecalendar has them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.pages import give_authenticator, sign_in
from workflows import workingdays
from workflows.policy.models import CalendarDay
from workflows.registry.models import Region
from workflows.workingdays import Calendar, Due

SHANGHAI = ZoneInfo("Asia/Shanghai")
NATIONAL = Calendar()


def at(year, month, day, hour=10, minute=0) -> datetime.datetime:
    """A moment in Asia/Shanghai."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def day(year, month, day_) -> datetime.date:
    return datetime.date(year, month, day_)


@pytest.mark.parametrize(
    ("opened", "days", "due"),
    [
        # Spring Festival 2025: off Tue 28 January to Tue 4 February; worked Sun 26 January
        # and Sat 8 February.
        (at(2025, 1, 24), 2, day(2025, 1, 27)),  # Fri: Sun 26 (worked), Mon 27
        (at(2025, 1, 27), 1, day(2025, 2, 5)),  # the eve: the first day back
        (at(2025, 1, 27), 5, day(2025, 2, 10)),  # 5, 6, 7, Sat 8 (worked), Mon 10
        (at(2025, 1, 30), 1, day(2025, 2, 5)),  # opened during the holiday
        # National Day and Mid-Autumn 2025: off 1 to 8 October; worked Sun 28 September and
        # Sat 11 October.
        (at(2025, 9, 26), 2, day(2025, 9, 29)),  # Fri: Sun 28 (worked), Mon 29
        (at(2025, 9, 30), 3, day(2025, 10, 11)),  # Thu 9, Fri 10, Sat 11 (worked)
        (at(2025, 9, 30), 4, day(2025, 10, 13)),  # Sun 12 is off again
        # Spring Festival 2026: off Sun 15 to Mon 23 February; worked Sat 14 and Sat 28.
        (at(2026, 2, 13), 1, day(2026, 2, 14)),  # Fri: Sat 14 is a working day
        (at(2026, 2, 13), 3, day(2026, 2, 25)),  # Sat 14, Tue 24, Wed 25
        (at(2026, 2, 13), 6, day(2026, 2, 28)),  # ... Thu 26, Fri 27, Sat 28 (worked)
        # Mid-Autumn 2026: off Fri 25 to Sun 27 September; National Day 2026: off 1 to 7
        # October; worked Sun 20 September and Sat 10 October.
        (at(2026, 9, 18), 1, day(2026, 9, 20)),  # Fri: Sun 20 (worked)
        (at(2026, 9, 24), 2, day(2026, 9, 29)),  # Thu: Fri 25 is off: Mon 28, Tue 29
        (at(2026, 9, 30), 3, day(2026, 10, 10)),  # Thu 8, Fri 9, Sat 10 (worked)
        (at(2026, 9, 30), 5, day(2026, 10, 13)),  # Sun 11 off: Mon 12, Tue 13
        # An ordinary week: opened on Monday, due on Friday after 4 working days.
        (at(2026, 3, 2), 4, day(2026, 3, 6)),
        (at(2026, 3, 6), 1, day(2026, 3, 9)),  # Friday's task: due Monday
    ],
)
def test_a_time_limit_counts_the_official_working_days(opened, days, due):
    assert NATIONAL.due(opened, days) == Due(due, estimated=False)


def test_the_day_a_task_opens_is_the_day_in_shanghai():
    # 17:30 UTC on Friday 13 February 2026 is 01:30 on Saturday 14 February in Shanghai: the
    # Saturday (worked) is the opening day, and the count starts after the holiday.
    late_friday = datetime.datetime(2026, 2, 13, 17, 30, tzinfo=datetime.UTC)
    assert NATIONAL.due(late_friday, 1) == Due(day(2026, 2, 24))


@pytest.mark.parametrize(
    ("start", "end", "waited"),
    [
        (at(2026, 3, 2), at(2026, 3, 2, 17), 0),  # the same day
        (at(2026, 3, 6), at(2026, 3, 8), 0),  # Friday to Sunday
        (at(2026, 3, 6), at(2026, 3, 9, 8), 1),  # Monday has begun
        (at(2026, 2, 13), at(2026, 2, 24), 2),  # Sat 14 (worked) and Tue 24
        (at(2026, 9, 30), at(2026, 10, 9), 2),  # Thu 8 and Fri 9
        (at(2025, 1, 24), at(2025, 2, 10), 7),  # 26, 27, 5, 6, 7, 8 February, 10
        (at(2025, 9, 30), at(2025, 10, 12), 3),  # 9, 10, 11 October
    ],
)
def test_the_working_days_waited_between_two_moments(start, end, waited):
    assert NATIONAL.working_days_between(start, end) == waited


def test_past_the_last_year_the_calendar_knows_a_due_date_is_counted_on_weekdays_and_estimated():
    assert workingdays.official(day(2026, 12, 31)) is True
    assert workingdays.official(day(2027, 1, 4)) is None  # not published when this was written
    # Thu 31 December 2026 is known; Fri 1 January 2027 is counted as a weekday.
    assert NATIONAL.due(at(2026, 12, 30), 1) == Due(day(2026, 12, 31), estimated=False)
    assert NATIONAL.due(at(2026, 12, 30), 3) == Due(day(2027, 1, 4), estimated=True)
    assert NATIONAL.due(at(2027, 6, 4), 1) == Due(day(2027, 6, 7), estimated=True)
    assert NATIONAL.working_days_between(at(2026, 12, 30), at(2027, 1, 4)) == 3


def test_a_citys_own_days_override_the_official_calendar():
    wuhan = Calendar(
        {
            day(2026, 2, 24): False,  # a day off of its own after the Spring Festival
            day(2026, 2, 22): True,  # a day of the holiday it works
        }
    )
    # Sat 14 (worked nationally), Sun 22 (worked in the city), Wed 25 (Tue 24 is off there).
    assert wuhan.due(at(2026, 2, 13), 3) == Due(day(2026, 2, 25))
    assert wuhan.is_working_day(day(2026, 2, 22)) and not wuhan.is_working_day(day(2026, 2, 24))


def test_a_citys_day_off_moves_the_due_date_later():
    wuhan = Calendar({day(2026, 2, 24): False})
    assert wuhan.due(at(2026, 2, 13), 3) == Due(day(2026, 2, 26))  # Sat 14, Wed 25, Thu 26
    assert wuhan.working_days_between(at(2026, 2, 13), at(2026, 2, 26)) == 3


def test_a_citys_working_day_moves_the_due_date_earlier():
    worked = Calendar({day(2026, 2, 22): True})
    assert worked.due(at(2026, 2, 13), 3) == Due(day(2026, 2, 24))  # Sat 14, Sun 22, Tue 24


def test_a_citys_own_day_past_the_known_years_is_honoured_and_the_count_still_estimated():
    wuhan = Calendar({day(2027, 1, 1): False})
    assert wuhan.due(at(2026, 12, 30), 3) == Due(day(2027, 1, 5), estimated=True)


@pytest.mark.django_db
def sign_in_to_the_admin(client) -> None:
    superuser = UserFactory(is_staff=True, is_superuser=True)
    give_authenticator(superuser)  # the admin asks for the second step of every sign-in
    sign_in(client, superuser.username, password=PASSWORD)


def test_a_day_off_added_in_the_admin_changes_the_due_date(client, demo):
    wuhan = Region.objects.get(code="420100")
    yichang = Region.objects.get(code="420500")
    opened = at(2026, 9, 30)
    assert workingdays.due_date(opened=opened, days=3, city=wuhan.pk) == Due(day(2026, 10, 10))

    sign_in_to_the_admin(client)
    response = client.post(
        reverse("admin:policy_calendarday_add"),
        {"region": wuhan.pk, "day": "2026-10-09", "note": "本市调整放假一天"},
    )
    assert response.status_code == 302, response.context["adminform"].errors
    assert CalendarDay.objects.get().is_working_day is False

    assert workingdays.due_date(opened=opened, days=3, city=wuhan.pk) == Due(day(2026, 10, 12))
    assert workingdays.due_date(opened=opened, days=3, city=yichang.pk) == Due(day(2026, 10, 10))
    assert workingdays.working_days_between(start=opened, end=at(2026, 10, 10), city=wuhan.pk) == 2


@pytest.mark.django_db
def test_the_admin_refuses_a_province_and_a_second_entry_for_the_same_day(client, demo):
    hubei = Region.objects.get(code="420000")
    wuhan = Region.objects.get(code="420100")
    CalendarDay.objects.create(region=wuhan, day=day(2026, 10, 9))
    sign_in_to_the_admin(client)
    url = reverse("admin:policy_calendarday_add")
    for region in (hubei, wuhan):
        response = client.post(url, {"region": region.pk, "day": "2026-10-09"})
        assert response.status_code == 200
        assert response.context["adminform"].errors or response.context["errors"]
    assert CalendarDay.objects.count() == 1
