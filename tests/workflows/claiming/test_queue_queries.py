"""Each of the center's queues reads a page's tasks with the fields its rows show alone: more
rows, some taken by the reviewer, cost not one query more (a field a row reads that the queue
does not name would cost one a row)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.pages import sign_in
from tests.workflows.claims.conftest import HUANG, WANG, ZHANG, submitted_emergency
from tests.workflows.referrals.conftest import open_referral
from tests.workflows.resettlement.conftest import LI, submitted_filing
from tests.workflows.resettlement.conftest import ZHANG as ZHANG_RETIRED
from workflows.claims.steps import CLAIMING as CLAIMS
from workflows.referrals.choices import Step
from workflows.referrals.services import CLAIMING as REFERRALS
from workflows.resettlement.steps import CLAIMING as FILINGS


def queries_for(client, slug: str) -> tuple[int, str]:
    url = reverse("inbox_queue", args=[slug])
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_longer_center_queue_with_taken_tasks_costs_no_more_queries(client, world):
    chen = world.users["center_chen"]
    referrals = [open_referral(world, until=Step.CENTER_APPROVE)]
    claims = [submitted_emergency(world, HUANG)]
    filings = [submitted_filing(world, LI)]
    sign_in(client, "center_chen", "en")
    before = {slug: queries_for(client, slug)[0] for slug in ("referrals", "claims", "filings")}

    referrals += [open_referral(world, until=Step.CENTER_APPROVE) for _ in range(3)]
    claims += [submitted_emergency(world, resident) for resident in (ZHANG, WANG)]
    filings.append(submitted_filing(world, ZHANG_RETIRED))
    REFERRALS.claim(case_id=referrals[1].pk, by=chen)
    CLAIMS.claim(case_id=claims[1].pk, by=chen)
    FILINGS.claim(case_id=filings[1].pk, by=chen)

    for slug, cases in (("referrals", referrals), ("claims", claims), ("filings", filings)):
        count, page = queries_for(client, slug)
        assert count == before[slug], slug
        assert all(case.number in page for case in cases), slug
        assert page.count("taken by you") == 1, slug
