"""The policy pages: reviewers and supervisors read their city's policies, in both languages."""

import pytest
from django.urls import reverse

from tests.pages import sign_in
from tests.workflows.claims.conftest import enter_bill, submitted_emergency
from workflows.claims.review import services as review
from workflows.policy.models import Policy


@pytest.fixture
def wuhan_employee_2026(world):
    return Policy.objects.get(region__code="420100", scheme="employee", effective_from__year=2026)


def test_a_reviewer_lists_their_citys_policies_only(world, client):
    sign_in(client, "center_chen")
    home = client.get(reverse("home")).content.decode()
    assert reverse("policies:list") in home
    page = client.get(reverse("policies:list")).content.decode()
    wuhan = Policy.objects.filter(region__code="420100")
    assert wuhan.count() == 3
    for policy in Policy.objects.all():
        link = reverse("policies:detail", args=[policy.pk])
        assert (link in page) == (policy.region.code == "420100")
    assert "今日有效" in page


def test_the_policy_page_shows_every_term(wuhan_employee_2026, client):
    sign_in(client, "supervisor_zhao")
    page = client.get(reverse("policies:detail", args=[wuhan_employee_2026.pk])).content.decode()
    for shown in ("800.00", "400.00", "200.00", "86%", "95%", "450,000.00", "10%", "30 天"):
        assert shown in page, shown
    assert "三级" in page and "退休" in page


def test_the_policy_page_in_english(wuhan_employee_2026, client):
    sign_in(client, "center_chen", language="en")
    page = client.get(reverse("policies:detail", args=[wuhan_employee_2026.pk])).content.decode()
    assert "Deductible" in page and "Grade III" in page and "30 days" in page
    assert "until the end the applicant declares" in page and "6 months" in page


def test_another_citys_policy_is_not_found(world, client):
    yichang = Policy.objects.filter(region__code="420500").first()
    sign_in(client, "center_chen")
    assert client.get(reverse("policies:detail", args=[yichang.pk])).status_code == 404
    client.logout()
    sign_in(client, "center_yang")
    assert client.get(reverse("policies:detail", args=[yichang.pk])).status_code == 200


def test_an_administrator_reads_every_citys_policies(world, client):
    sign_in(client, "admin")
    page = client.get(reverse("policies:list")).content.decode()
    assert all(reverse("policies:detail", args=[p.pk]) in page for p in Policy.objects.all())


@pytest.mark.parametrize("who", ["doctor_li", "director_wang", "unit_sun", "420102198503122046"])
def test_no_one_else_reads_policies(world, client, who):
    sign_in(client, who)
    assert client.get(reverse("policies:list")).status_code == 403
    policy = Policy.objects.first()
    assert client.get(reverse("policies:detail", args=[policy.pk])).status_code == 403
    assert reverse("policies:list") not in client.get(reverse("home")).content.decode()


def test_a_reviewer_goes_from_a_claims_calculation_to_its_policy(world, client, media):
    claim = submitted_emergency(world)
    enter_bill(claim, world.users["center_chen"])
    claim = review.claim_calculate(claim_id=claim.pk, by=world.users["center_chen"])
    link = reverse("policies:detail", args=[claim.calculation["policy"]["id"]])
    sign_in(client, "center_chen")
    assert link in client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert client.get(link).status_code == 200
