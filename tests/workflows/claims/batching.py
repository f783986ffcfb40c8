"""Batch test helpers: the settlement day, retirees with filings, a batch at any state."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import InsuredPersonFactory
from tests.files import pdf
from workflows import clock
from workflows.claims import services
from workflows.claims.batches import services as batches
from workflows.claims.choices import REQUIRED_DOCUMENTS, Kind
from workflows.claims.review import lines
from workflows.claims.review import services as review
from workflows.registry.models import EmployerUnit, Institution, InsuredPerson, Region
from workflows.resettlement import review as filing_review
from workflows.resettlement import services as filings
from workflows.resettlement.declared import FilingDetails

LI = "420106195811023260"  # 李秀英, retired, lives in Haikou
ZHANG = "420103195508201133"  # 张建国, retired, lives in Wuhan: no filing
HUANG = "420102198503122046"  # 黄小红, employed
CHEN = "420502197801300557"  # 陈志明, Yichang, another unit
YECHENG = "H46010600001"  # 海口椰城中心医院, Grade III
MEILAN = "H46010800002"  # 海口市美兰区人民医院, Grade II
GUANGZHOU = "H44010400001"  # 广州南方医学中心, Grade III
# A month of dialysis: (catalogue, code, quantity, unit price).
DIALYSIS = [
    ("treatments", "310800001", "8", "420.00"),
    ("treatments", "250101001", "2", "20.00"),
    ("drugs", "XB03ACZ052", "4", "95.00"),
]
SETTLEMENT_DAY = datetime.datetime(2026, 12, 7, 10, 0)  # inside Wuhan's window (5th to 15th)


def at(moment: datetime.datetime):
    aware = timezone.make_aware(moment)
    return lambda: aware


@pytest.fixture
def settlement_day(monkeypatch):
    monkeypatch.setattr(clock, "now", at(SETTLEMENT_DAY))


def person(resident_id: str) -> InsuredPerson:
    return InsuredPerson.objects.select_related("insured_city", "unit").get(resident_id=resident_id)


def institution(code: str) -> Institution:
    return Institution.objects.get(code=code)


def unit() -> EmployerUnit:
    return EmployerUnit.objects.get(name="武汉江城机械有限公司")


def zhao() -> InsuredPerson:
    """赵淑芬, a third retiree of the unit, who lives in Guangzhou."""
    return InsuredPersonFactory(
        name="赵淑芬",
        sex="F",
        unit=unit(),
        insured_city=Region.objects.get(code="420100"),
        status=InsuredPerson.Status.RETIRED,
    )


def file_for(world, retiree: InsuredPerson, *codes: str, start=datetime.date(2026, 11, 1)):
    """A long-term filing of ``retiree`` at ``codes``, filed by 孙丽 and approved by 陈静."""
    chosen = [institution(code) for code in codes]
    agent = world.users["unit_sun"]
    filing = filings.filing_open(
        by=agent,
        person=retiree,
        details=FilingDetails(
            category="resettled_retiree",
            destination_city=chosen[0].city,
            residence_address="居住地址",
            institutions=chosen,
            start_date=start,
            phone="13900000000",
        ),
    )
    for kind in ("residence_proof", "unit_letter"):
        filings.filing_add_documents(filing_id=filing.pk, kind=kind, uploads=[pdf()], by=agent)
    filings.filing_submit(filing_id=filing.pk, by=agent)
    return filing_review.filing_decide(
        filing_id=filing.pk, by=world.users["center_chen"], decision="approve"
    )


def add_claim(world, batch, retiree, code, *, first=(2026, 11, 3), last=(2026, 11, 28)):
    return batches.batch_add_claim(
        batch_id=batch.pk,
        by=world.users["unit_sun"],
        person=retiree,
        institution=institution(code),
        first_visit=datetime.date(*first),
        last_visit=datetime.date(*last),
        diagnosis="慢性肾功能衰竭",
    )


def upload_documents(world, claim):
    for kind in REQUIRED_DOCUMENTS[Kind.OFFSITE_OUTPATIENT]:
        services.claim_add_documents(
            claim_id=claim.pk, kind=kind, uploads=[pdf(f"{kind}.pdf")], by=world.users["unit_sun"]
        )


def submit_batch(world, batch):
    return batches.batch_submit(
        batch_id=batch.pk,
        by=world.users["unit_sun"],
        payee="武汉江城机械有限公司",
        bank_name="中国工商银行武汉江汉支行",
        bank_account="4202 2100 0000 1234 567",
    )


def calculate(world, claim, bill=DIALYSIS):
    reviewer = world.users["center_chen"]
    for catalogue, code, quantity, price in bill:
        lines.claim_add_line(
            claim_id=claim.pk,
            by=reviewer,
            catalogue=catalogue,
            code=code,
            quantity=Decimal(quantity),
            unit_price=Decimal(price),
        )
    return review.claim_calculate(claim_id=claim.pk, by=reviewer)


def decide(world, claim, decision, **kwargs):
    return review.claim_decide(
        claim_id=claim.pk, by=world.users["center_chen"], decision=decision, **kwargs
    )
