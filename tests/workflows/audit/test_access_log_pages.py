"""Who reads the access log: a supervisor searches the looks at their own city's people (by
person, by user, by dates); an insured person sees who else looked at their records, by role
and institution; nobody else reads it."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_staff
from tests.pages import said, sign_in
from workflows import clock, widgets
from workflows.audit.access import views
from workflows.audit.access.models import Access, AccessRecord
from workflows.audit.access.services import personal_data_viewed
from workflows.claims.models import Claim
from workflows.registry.models import InsuredPerson, Region, User
from workflows.registry.roles import Role

HUANG = "420102198503122046"  # 黄小红, insured in Wuhan
WANG = "420111199006150717"  # 王强, insured in Wuhan
CHEN = "420502197801300557"  # 陈志明, insured in Yichang
ADDRESS = "203.0.113.7"


@pytest.fixture
def cases(world, media):
    call_command("load_demo_cases", verbosity=0)
    return world


def person(resident_id: str) -> InsuredPerson:
    return InsuredPerson.objects.get(resident_id=resident_id)


def look(world, username: str, resident_id: str, *, days_ago: int = 0, what=Access.VIEWED):
    """``username`` looking at a case of the person (any case, where they have none), from
    ADDRESS, ``days_ago``: what the case pages record."""
    user = world.users.get(username) or User.objects.get(username=username)
    someone = person(resident_id)
    case = Claim.objects.filter(person=someone).first() or Claim.objects.first()
    moment = clock.now() - datetime.timedelta(days=days_ago)
    with mock.patch.object(clock, "now", lambda: moment):
        personal_data_viewed(
            user=user,
            person=someone,
            case=case,
            what=what,
            request=RequestFactory().get("/", REMOTE_ADDR=ADDRESS),
        )
    return AccessRecord.objects.latest("id")


def page(client, name: str, **query) -> str:
    response = client.get(reverse(name), query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_supervisor_reads_the_looks_at_the_people_of_their_city_only(client, cases):
    wuhan = look(cases, "center_chen", HUANG)
    yichang = look(cases, "center_yang", CHEN)
    sign_in(client, "supervisor_zhao")
    html = page(client, "access_log:search")
    assert "黄小红" in html and "陈静" in html
    assert "陈志明" not in html and "杨帆" not in html
    assert wuhan.case_number in html
    yichang_supervisor = make_staff(Role.SUPERVISOR, city=Region.objects.get(code="420500"))
    client.force_login(yichang_supervisor)
    html = page(client, "access_log:search")
    assert "陈志明" in html and "黄小红" not in html
    assert yichang.case_number in html


def test_the_supervisor_finds_a_persons_looks_by_part_of_their_name_or_resident_id(client, cases):
    look(cases, "center_chen", HUANG)
    look(cases, "unit_sun", WANG)
    sign_in(client, "supervisor_zhao")
    by_name = page(client, "access_log:search", person="小红")
    assert "黄小红" in by_name and "王强" not in by_name
    by_id = page(client, "access_log:search", person="19900615")  # 王强's birth date
    assert "王强" in by_id and "黄小红" not in by_id
    lower_x = page(client, "access_log:search", person=" 0717 ")
    assert "王强" in lower_x


def test_the_supervisor_finds_a_users_looks_by_name_or_username(client, cases):
    look(cases, "center_chen", HUANG)
    look(cases, "unit_sun", WANG)
    sign_in(client, "supervisor_zhao")
    by_name = page(client, "access_log:search", user="孙丽")
    assert "王强" in by_name and "黄小红" not in by_name
    by_username = page(client, "access_log:search", user="center_")
    assert "黄小红" in by_username and "王强" not in by_username


def test_the_supervisor_finds_the_looks_of_a_period_both_days_included(client, cases):
    today = timezone.localdate()
    records = {days: look(cases, "center_chen", HUANG, days_ago=days) for days in (1, 5, 9)}
    sign_in(client, "supervisor_zhao")
    since = (today - datetime.timedelta(days=5)).isoformat()
    until = (today - datetime.timedelta(days=1)).isoformat()
    response = client.get(reverse("access_log:search"), {"since": since, "until": until})
    shown = {record.pk for record in response.context["page"]}
    assert shown == {records[1].pk, records[5].pk}


def test_a_last_day_before_the_first_is_refused_with_a_message(client, cases):
    look(cases, "center_chen", HUANG)
    sign_in(client, "supervisor_zhao")
    html = page(client, "access_log:search", since="2026-11-20", until="2026-11-01")
    assert said(widgets.UNTIL_BEFORE_SINCE) in html
    assert "黄小红" not in html
    html = page(client, "access_log:search", since="2026-13-01")
    assert 'aria-invalid="true"' in html


def test_the_search_comes_in_pages_that_keep_the_search(client, cases):
    for _n in range(views.PAGE_SIZE + 3):
        look(cases, "center_chen", HUANG)
    look(cases, "unit_sun", WANG)
    sign_in(client, "supervisor_zhao")
    first = client.get(reverse("access_log:search"), {"user": "陈静"})
    assert len(first.context["page"]) == views.PAGE_SIZE
    assert "?user=%E9%99%88%E9%9D%99&amp;page=2" in first.content.decode()
    second = client.get(reverse("access_log:search"), {"user": "陈静", "page": 2})
    assert len(second.context["page"]) == 3


def test_an_insured_person_sees_who_else_looked_at_their_records_by_role_and_place(client, cases):
    by_center = look(cases, "center_chen", HUANG, what=Access.PRINTED)
    huang = person(HUANG)
    look(cases, huang.user.username, HUANG)  # their own look
    look(cases, "center_chen", WANG)  # another person's
    sign_in(client, HUANG, "en")
    response = client.get(reverse("access_log:mine"))
    assert [record.pk for record in response.context["page"]] == [by_center.pk]
    html = response.content.decode()
    assert "Municipal center reviewer · 武汉市医疗保险中心" in html
    assert "Printed" in html and by_center.case_number in html
    assert "陈静" not in html  # the staff member is named by role and place
    assert ADDRESS not in html


def test_an_insured_person_nobody_else_looked_at_is_told_so(client, cases):
    look(cases, "center_chen", HUANG)
    sign_in(client, WANG, "en")
    html = page(client, "access_log:mine")
    assert "Nobody but you has looked at your records yet." in html


@pytest.mark.parametrize(
    "who", ["doctor_li", "director_wang", "office_zhang", "dean_liu", "center_chen", "unit_sun"]
)
def test_staff_other_than_supervisors_read_neither_page(client, cases, who):
    look(cases, "center_chen", HUANG)
    sign_in(client, who)
    search = client.get(reverse("access_log:search"))
    assert search.status_code == 403
    assert said(views.NOT_A_SUPERVISOR) in search.content.decode()
    mine = client.get(reverse("access_log:mine"))
    assert mine.status_code == 403
    assert said(views.NOT_AN_INSURED_PERSON) in mine.content.decode()


def test_the_administrator_reads_the_log_in_the_admin_not_on_a_citys_page(client, cases):
    sign_in(client, "admin")
    assert client.get(reverse("access_log:search")).status_code == 403
    assert client.get(reverse("access_log:mine")).status_code == 403


def test_an_insured_person_cannot_search_and_a_supervisor_has_no_records_of_their_own(
    client, cases
):
    sign_in(client, HUANG)
    assert client.get(reverse("access_log:search")).status_code == 403
    client.logout()
    sign_in(client, "supervisor_zhao")
    assert client.get(reverse("access_log:mine")).status_code == 403


def test_signed_out_the_pages_send_to_the_sign_in_page(client, cases):
    for name in ("access_log:search", "access_log:mine"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_each_page_is_linked_from_its_readers_menu_only(client, cases):
    search, mine = reverse("access_log:search"), reverse("access_log:mine")
    sign_in(client, "supervisor_zhao")
    home = page(client, "home")
    assert f'href="{search}"' in home and f'href="{mine}"' not in home
    client.logout()
    sign_in(client, HUANG)
    home = page(client, "home")
    assert f'href="{mine}"' in home and f'href="{search}"' not in home
    client.logout()
    sign_in(client, "center_chen")
    home = page(client, "home")
    assert f'href="{mine}"' not in home and f'href="{search}"' not in home
