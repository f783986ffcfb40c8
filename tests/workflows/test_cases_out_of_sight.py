"""A case one may not see is, on every page and action of every case type, a case that does
not exist: the same answer, word for word, whether it is asked for or posted to, so that
nothing tells an outsider that it exists, where it stands or who signed it."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.pages import sign_in
from workflows.audit.selectors import step_records_of
from workflows.claims.batches import services as batches
from workflows.claims.batches.models import ClaimBatch
from workflows.claims.models import Claim
from workflows.documents.selectors import documents_of
from workflows.referrals.models import Referral
from workflows.resettlement.models import Filing

WANG = "420111199006150717"  # 王强: an insured person with claims and referrals of his own
LIU = "420503195704152481"  # 刘桂兰: insured in Yichang, by a unit of Yichang

# Each case page and action: its URL name, the case it is of, the method, what is posted.
REFERRAL_PAGES = [
    ("referrals:detail", "get", {}),
    ("referrals:edit", "get", {}),
    ("referrals:edit", "post", {"diagnosis": "冠心病", "propose": "1"}),
    ("referrals:decide", "get", {}),
    ("referrals:decide", "post", {"step": "office_review", "decision": "approve"}),
    ("referrals:approval_form", "get", {}),
    ("referrals:withdraw", "post", {"reason": "患者拒绝转诊"}),
    ("referrals:transfer", "post", {"transferred_on": "2026-12-01"}),
]
CLAIM_PAGES = [
    ("claims:detail", "get", {}),
    ("claims:edit", "get", {}),
    ("claims:edit", "post", {"diagnosis": "胆囊炎"}),
    ("claims:upload", "post", {"kind": "invoices"}),
    ("claims:submit", "post", {"bank_name": "中国银行", "bank_account": "6222020200001234567"}),
    ("claims:withdraw", "post", {"reason": "不再报销"}),
    ("claims:statement", "get", {}),
    ("claims:line_add", "post", {"catalogue": "drugs", "code": "XJ01DDT101", "quantity": "1"}),
    ("claims:lines_import", "post", {}),
    ("claims:calculate", "post", {}),
    ("claims:decide", "post", {"decision": "approve", "reason": "同意"}),
    ("claims:pay", "post", {"payment_reference": "ZF1"}),
]
FILING_PAGES = [
    ("resettlement:detail", "get", {}),
    ("resettlement:edit", "get", {}),
    ("resettlement:edit", "post", {"phone": "13976000103"}),
    ("resettlement:upload", "post", {"kind": "residence_proof"}),
    ("resettlement:submit", "post", {}),
    ("resettlement:withdraw", "post", {"reason": "不再异地居住"}),
    ("resettlement:change", "post", {}),
    ("resettlement:form", "get", {}),
    ("resettlement:decide", "post", {"decision": "approve", "reason": "同意"}),
    ("resettlement:decide_change", "post", {"decision": "approve", "reason": "同意"}),
]
BATCH_PAGES = [
    ("claims:batch", "get", {}),
    ("claims:batch_add_claim", "post", {}),
    ("claims:batch_submit", "post", {}),
    ("claims:batch_pay", "post", {"payment_reference": "ZF1"}),
]


@pytest.fixture
def cases(world, media):
    call_command("load_demo_cases", verbosity=0)
    return world


def answers(client, name: str, method: str, data: dict, pk: int) -> tuple[int, bytes]:
    url = reverse(name, args=[pk])
    response = client.get(url) if method == "get" else client.post(url, data)
    # What differs in any two answers: the CSRF token's mask, the address asked for.
    varying = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"|' + re.escape(url).encode())
    return response.status_code, varying.sub(b"", response.content)


def out_of_sight(client, case, pages, *, who: str):
    """For each page, the answer about ``case`` and about a case that does not exist, and
    the case's step records before and after: nothing was written."""
    sign_in(client, who, "zh-hans")
    records = step_records_of(case).count() if hasattr(case, "flow_class") else None
    for name, method, data in pages:
        foreign = answers(client, name, method, data, case.pk)
        missing = answers(client, name, method, data, case.pk + 10_000)
        assert foreign[0] == missing[0] == 404, f"{method.upper()} {name}: {foreign[0]}"
        assert foreign[1] == missing[1], f"{method.upper()} {name} tells the case exists"
    if records is not None:
        assert step_records_of(case).count() == records


def test_another_hospitals_physician_learns_nothing_of_a_referral(client, cases):
    referral = Referral.objects.get(person__name="张建国")  # at the office's review
    out_of_sight(client, referral, REFERRAL_PAGES, who="doctor_gao")


def test_an_insured_person_learns_nothing_of_another_persons_referral(client, cases):
    referral = Referral.objects.get(person__name="张建国")
    out_of_sight(client, referral, REFERRAL_PAGES, who=WANG)


def test_an_insured_person_learns_nothing_of_another_persons_claim(client, cases):
    claim = Claim.objects.get(person__name="黄小红")  # approved, awaiting payment
    out_of_sight(client, claim, CLAIM_PAGES, who=WANG)


def test_the_other_citys_reviewer_learns_nothing_of_a_claim(client, cases):
    claim = Claim.objects.get(person__name="王强")  # submitted to Wuhan's center
    out_of_sight(client, claim, CLAIM_PAGES, who="center_yang")


def test_an_insured_person_learns_nothing_of_another_persons_documents(client, cases):
    claim = Claim.objects.get(person__name="黄小红")
    document = documents_of(claim).first()
    sign_in(client, WANG, "zh-hans")
    foreign = client.get(reverse("claims:document", args=[claim.pk, document.pk]))
    missing = client.get(reverse("claims:document", args=[claim.pk, document.pk + 10_000]))
    assert foreign.status_code == missing.status_code == 404
    filing = Filing.objects.get(person__name="李秀英")
    document = documents_of(filing).first()
    foreign = client.get(reverse("resettlement:document", args=[filing.pk, document.pk]))
    assert foreign.status_code == 404


def test_an_insured_person_learns_nothing_of_another_persons_filing(client, cases):
    filing = Filing.objects.get(person__name="李秀英")  # submitted by her unit
    out_of_sight(client, filing, FILING_PAGES, who=WANG)


def test_the_other_citys_reviewer_learns_nothing_of_a_filing(client, cases):
    filing = Filing.objects.get(person__name="李秀英")
    out_of_sight(client, filing, FILING_PAGES, who="center_yang")


def test_an_insured_person_learns_nothing_of_a_units_batch(client, cases):
    batch = batches.batch_open(by=cases.users["unit_sun"])
    out_of_sight(client, batch, BATCH_PAGES, who=WANG)
    assert ClaimBatch.objects.filter(pk=batch.pk, state=batch.state).exists()


def test_a_task_address_of_earlier_versions_tells_an_outsider_nothing(client, cases):
    """Posted to a handled task, an open one or a made-up one of a referral one may not see:
    the answer of a referral that does not exist."""
    referral = Referral.objects.get(person__name="张建国")
    handled, open_task = (
        referral.task_set.order_by("pk")
        .filter(flow_task_type="HUMAN")
        .values_list("pk", flat=True)[:2]
    )
    sign_in(client, "doctor_gao", "zh-hans")
    data = {"decision": "approve", "opinion": "同意"}

    def posted(pk: int, task_pk: int) -> tuple[int, bytes]:
        url = reverse("referrals:task", args=[pk, task_pk])
        response = client.post(url, data)
        varying = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"|/referrals/\d+/\S*/')
        return response.status_code, varying.sub(b"", response.content)

    missing = posted(referral.pk + 10_000, handled)
    assert missing[0] == 404
    for task_pk in (handled, open_task, handled + 10_000):
        assert posted(referral.pk, task_pk) == missing


def test_every_task_address_of_earlier_versions_leads_to_its_referral(client, cases):
    """The start, each signature and the wait for the transfer: each old task address
    brings the physician to the referral's page, none to an error."""
    referral = Referral.objects.get(person__name="王强")  # signed by all five
    tasks = referral.task_set.values_list("pk", "flow_task")
    assert len(tasks) >= 6
    sign_in(client, "doctor_li", "zh-hans")
    for task_pk, node in tasks:
        response = client.get(reverse("referrals:task", args=[referral.pk, task_pk]), follow=True)
        assert response.status_code == 200, node
        assert referral.number in response.content.decode()
