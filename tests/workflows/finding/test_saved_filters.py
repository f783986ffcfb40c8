"""Saved filters: a user saves the query of a queue or a list under a name, sees their own on
that page, opens one and deletes one; a name is once per page; nobody sees another's."""

import pytest
from django.urls import reverse
from django.utils import translation

from workflows.finding.models import SavedFilter
from workflows.finding.services import DUPLICATE, NOT_A_PAGE
from workflows.referrals.choices import Step

from .conftest import HUANG, ZHANG, inbox_url, numbers_on, page_of, referral_of

DUPLICATE_ZH = "您在本页已有名为“黄小红的”的筛选：请换一个名称。"


def save(client, name: str, query: str, page: str | None = None):
    return client.post(
        reverse("finding:save"), {"page": page or inbox_url(), "query": query, "name": name}
    )


@pytest.fixture
def at_the_center(world):
    return (
        referral_of(world, HUANG, until=Step.CENTER_APPROVE),
        referral_of(world, ZHANG, until=Step.CENTER_APPROVE),
    )


def test_a_reviewer_saves_her_filter_sees_it_on_the_page_and_opens_it(client, at_the_center):
    huang, _zhang = at_the_center
    page = page_of(client, "center_chen", inbox_url(), q="小红", sort="person")
    assert "Save this filter" in page.content.decode()
    response = save(client, "黄小红的", "q=%E5%B0%8F%E7%BA%A2&sort=person&page=2")
    assert response.status_code == 302
    assert response["Location"] == inbox_url() + "?q=%E5%B0%8F%E7%BA%A2&sort=person"
    saved = SavedFilter.objects.get(user__username="center_chen")
    assert (saved.page, saved.name) == (inbox_url(), "黄小红的")
    listed = client.get(inbox_url()).content.decode()
    assert f'href="{saved.get_absolute_url().replace("&", "&amp;")}">黄小红的</a>' in listed
    assert numbers_on(client.get(saved.get_absolute_url())) == [huang.number]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_second_filter_of_the_same_name_on_the_page_is_refused(client, at_the_center, language):
    page_of(client, "center_chen", inbox_url(), language)
    save(client, "黄小红的", "q=%E5%B0%8F%E7%BA%A2")
    response = save(client, " 黄小红的 ", "q=1985")
    assert SavedFilter.objects.count() == 1
    shown = client.get(response["Location"]).content.decode()
    with translation.override("en"):
        expected = str(DUPLICATE) % {"name": "黄小红的"} if language == "en" else DUPLICATE_ZH
    assert expected in shown
    # The same name on another page is another filter.
    save(client, "黄小红的", "q=1985", page="/referrals/")
    assert SavedFilter.objects.count() == 2


def test_a_filter_without_a_name_or_on_another_page_is_refused(client, at_the_center):
    page_of(client, "center_chen", inbox_url())
    response = save(client, "  ", "q=1")
    assert "Give the filter a name." in client.get(response["Location"]).content.decode()
    response = save(client, "外站", "q=1", page="//example.com/inbox/referrals/")
    assert response["Location"] == reverse("home")
    with translation.override("en"):
        not_a_page = str(NOT_A_PAGE)
    assert not_a_page in client.get(response["Location"]).content.decode()
    assert not SavedFilter.objects.exists()


def test_each_user_sees_and_deletes_only_their_own(client, at_the_center):
    page_of(client, "center_chen", inbox_url())
    save(client, "陈的筛选", "q=2026")
    mine = SavedFilter.objects.get()
    other = page_of(client, "supervisor_zhao", "/referrals/")
    assert "陈的筛选" not in other.content.decode()
    response = client.post(reverse("finding:delete", args=[mine.pk]))
    assert response["Location"] == reverse("home")
    assert SavedFilter.objects.filter(pk=mine.pk).exists()
    page_of(client, "center_chen", inbox_url())
    response = client.post(reverse("finding:delete", args=[mine.pk]))
    assert response["Location"] == inbox_url()
    assert not SavedFilter.objects.exists()


def test_the_admin_reads_saved_filters_and_changes_none(world):
    from django.contrib import admin

    model_admin = admin.site._registry[SavedFilter]
    assert not model_admin.has_add_permission(None)
    assert not model_admin.has_change_permission(None)
    assert not model_admin.has_delete_permission(None)


def test_the_case_lists_search_and_save_as_the_inbox_does(client, world):
    huang = referral_of(world, HUANG, until=Step.OFFICE_REVIEW)
    referral_of(world, ZHANG, until=Step.OFFICE_REVIEW)
    found = page_of(
        client, "supervisor_zhao", "/referrals/", q="420102", state="department_approved"
    )
    assert numbers_on(found) == [huang.number]
    save(client, "黄", "q=420102&state=department_approved", page="/referrals/")
    assert "黄</a>" in client.get("/referrals/").content.decode()
