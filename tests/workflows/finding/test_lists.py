"""The case lists that supervisors, offices and the center use take the same search and
filters as the inbox, inside the scope the list already had."""

import pytest

from tests.workflows.claims.conftest import submitted_emergency
from tests.workflows.resettlement.conftest import LI, YECHENG, institution, submitted_filing
from workflows.registry.models import Institution

from .conftest import CHEN, HUANG, ZHANG, numbers_on, page_of


@pytest.fixture
def claims(world):
    return submitted_emergency(world, HUANG), submitted_emergency(world, ZHANG)


def test_the_claims_list_finds_by_name_kind_and_hospital(client, claims):
    huang, zhang = claims
    assert numbers_on(page_of(client, "supervisor_zhao", "/claims/", q="黄小")) == [huang.number]
    assert set(numbers_on(page_of(client, "supervisor_zhao", "/claims/", kind="emergency"))) == {
        huang.number,
        zhang.number,
    }
    assert numbers_on(page_of(client, "supervisor_zhao", "/claims/", kind="referral")) == []
    hospital = huang.institution_id
    found = page_of(client, "supervisor_zhao", "/claims/", institution=hospital, q=ZHANG)
    assert numbers_on(found) == [zhang.number]


def test_the_claims_list_sorts_by_its_columns(client, claims):
    huang, zhang = claims
    assert numbers_on(page_of(client, "supervisor_zhao", "/claims/")) == [
        zhang.number,
        huang.number,
    ]
    by_name = page_of(client, "supervisor_zhao", "/claims/", sort="person")
    assert numbers_on(by_name) == [zhang.number, huang.number]
    by_number = page_of(client, "supervisor_zhao", "/claims/", sort="number")
    assert numbers_on(by_number) == [huang.number, zhang.number]


def test_an_insured_person_searches_her_own_claims_without_the_centers_flags(client, claims):
    huang, _zhang = claims
    own = page_of(client, HUANG, "/claims/", q=ZHANG)  # another's resident ID: nothing
    assert numbers_on(own) == []
    assert "flagged" not in own.context["find_form"].fields
    assert numbers_on(page_of(client, HUANG, "/claims/")) == [huang.number]
    staff = page_of(client, "supervisor_zhao", "/claims/")
    assert "flagged" in staff.context["find_form"].fields


def test_the_filings_list_finds_by_an_institution_it_names_and_its_category(client, world):
    filing = submitted_filing(world, LI)
    named = institution(YECHENG).pk
    found = page_of(client, "supervisor_zhao", "/filings/", institution=named)
    assert numbers_on(found) == [filing.number]
    other = Institution.objects.exclude(pk=named).exclude(code__startswith="H4601").first()
    assert numbers_on(page_of(client, "supervisor_zhao", "/filings/", institution=other.pk)) == []
    found = page_of(client, "supervisor_zhao", "/filings/", category=filing.category, q="李秀")
    assert numbers_on(found) == [filing.number]
    assert numbers_on(page_of(client, "center_chen", "/inbox/filings/", q="李秀")) == [
        filing.number
    ]


def test_a_yichang_persons_claim_is_not_found_by_wuhans_supervisor_or_center(client, world):
    yichang = submitted_emergency(world, CHEN)
    assert numbers_on(page_of(client, "supervisor_zhao", "/claims/", q=CHEN)) == []
    assert numbers_on(page_of(client, "supervisor_zhao", "/claims/", q=yichang.number)) == []
    assert numbers_on(page_of(client, "center_chen", "/inbox/claims/", q=CHEN)) == []
    assert numbers_on(page_of(client, "center_yang", "/inbox/claims/", q=CHEN)) == [yichang.number]
