"""The inbox: newest arrivals first, and a page costs the same queries however long the queue."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.pages import sign_in
from workflows.referrals.choices import Step

from .conftest import open_referral


def queries_for_inbox(client) -> int:
    client.get(reverse("inbox_queue", args=["referrals"]))  # warm the caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("inbox_queue", args=["referrals"]))
    assert response.status_code == 200
    return len(captured)


def test_a_longer_queue_does_not_cost_more_queries(client, world):
    open_referral(world, until=Step.DIRECTOR_REVIEW)
    sign_in(client, "director_wang")
    with_one = queries_for_inbox(client)
    for _ in range(6):
        open_referral(world, until=Step.DIRECTOR_REVIEW)
    with_seven = queries_for_inbox(client)
    assert with_seven == with_one


def test_the_newest_arrival_is_listed_first_and_the_count_is_right(client, world):
    first = open_referral(world, until=Step.DIRECTOR_REVIEW)
    second = open_referral(world, until=Step.DIRECTOR_REVIEW)
    sign_in(client, "director_wang")
    page = client.get(reverse("inbox_queue", args=["referrals"])).content.decode()
    assert page.index(second.number) < page.index(first.number)
    assert '<span class="badge">2</span>' in page


def test_the_menu_offers_the_inbox_and_referrals_only_to_those_who_have_them(client, world):
    sign_in(client, "unit_sun", "en")
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("inbox")}"' not in page
    assert f'href="{reverse("referrals:list")}"' not in page
    response = client.get(reverse("inbox"), follow=True)
    assert "Your role has no inbox" in response.content.decode()
    client.post(reverse("logout"))
    sign_in(client, "director_wang", "en")
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("inbox")}"' in page
    assert f'href="{reverse("referrals:list")}"' in page


def test_a_director_has_only_the_referral_tab(client, world):
    sign_in(client, "director_wang")
    page = client.get(reverse("inbox")).content.decode()
    assert reverse("inbox_queue", args=["referrals"]) in page
    assert reverse("inbox_queue", args=["claims"]) not in page
    assert client.get(reverse("inbox_queue", args=["claims"])).status_code == 404
