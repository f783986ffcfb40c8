"""Claim test helpers: the demo personas, a claim at any state, the documents it needs."""

import datetime
from decimal import Decimal

import pytest

from tests.files import pdf
from workflows import clock
from workflows.claims import services
from workflows.claims.choices import REQUIRED_DOCUMENTS, Kind
from workflows.claims.review import lines
from workflows.claims.review import services as review
from workflows.registry.models import Institution, InsuredPerson

TODAY = clock.today()
HUANG = "420102198503122046"  # 黄小红, employed, Wuhan, 武汉江城机械有限公司
ZHANG = "420103195508201133"  # 张建国, retired, Wuhan, same unit
WANG = "420111199006150717"  # 王强, resident scheme, Wuhan, no unit
CHEN = "420502197801300557"  # 陈志明, employed, Yichang
NON_DESIGNATED = "H42010600004"  # 武汉东湖康复医院, Wuhan, Grade II, not designated
ELSEWHERE = "H42050200001"  # 宜昌市三峡中心医院, designated, Grade III, Yichang
# (catalogue, code, quantity, unit price): an emergency stay of a week.
BILL = [
    ("facilities", "110900004", "7", "20.00"),  # 急诊观察床位费, A
    ("treatments", "250101001", "2", "20.00"),  # 血常规检查, A
    ("treatments", "210300002", "1", "220.00"),  # 胸部CT平扫, B, 20.00 over the limit
    ("drugs", "XJ01DDT101", "10", "12.00"),  # 注射用头孢曲松钠, A
    ("drugs", "XC10AAA211", "14", "3.50"),  # 阿托伐他汀钙片, B
    ("drugs", "ZY00000004", "2", "150.00"),  # 冬虫夏草, out of list
]


@pytest.fixture(autouse=True)
def _media(media):
    return media


def person(resident_id: str) -> InsuredPerson:
    return InsuredPerson.objects.select_related("insured_city", "unit", "user").get(
        resident_id=resident_id
    )


def user_of(resident_id: str):
    return person(resident_id).user


def open_emergency(world, resident_id: str = HUANG, *, by=None, **overrides):
    claimant = person(resident_id)
    fields = {
        "kind": Kind.EMERGENCY,
        "institution": Institution.objects.get(code=NON_DESIGNATED),
        "admission_date": TODAY - datetime.timedelta(days=5),
        "discharge_date": TODAY - datetime.timedelta(days=1),
        "diagnosis": "急性胰腺炎",
    }
    fields.update(overrides)
    return services.claim_open(by=by or claimant.user, person=claimant, **fields)


def open_referral_claim(referral, resident_id=ZHANG, **overrides):
    claimant = person(resident_id)
    fields = {
        "kind": "referral",
        "referral": referral,
        "admission_date": TODAY,
        "discharge_date": TODAY,
        "diagnosis": "急性心肌梗死",
    }
    fields.update(overrides)
    return services.claim_open(by=claimant.user, person=claimant, **fields)


def upload_required(claim, *, by=None):
    by = by or claim.person.user
    for kind in REQUIRED_DOCUMENTS[Kind(claim.kind)]:
        services.claim_add_documents(
            claim_id=claim.pk, kind=kind, uploads=[pdf(f"{kind}.pdf")], by=by
        )


def submit(claim, *, by=None):
    return services.claim_submit(
        claim_id=claim.pk,
        by=by or claim.person.user,
        payee=claim.person.name,
        bank_name="中国工商银行武汉江汉支行",
        bank_account="6222 0202 0000 1234 567",
    )


def submitted_emergency(world, resident_id: str = HUANG, **overrides):
    claim = open_emergency(world, resident_id, **overrides)
    upload_required(claim)
    return submit(claim)


def enter_bill(claim, reviewer, bill=BILL):
    for catalogue, code, quantity, price in bill:
        lines.claim_add_line(
            claim_id=claim.pk,
            by=reviewer,
            catalogue=catalogue,
            code=code,
            quantity=Decimal(quantity),
            unit_price=Decimal(price),
        )


def approved_emergency(world, resident_id: str = HUANG, reviewer: str = "center_chen", **kw):
    claim = submitted_emergency(world, resident_id, **kw)
    by = world.users[reviewer]
    enter_bill(claim, by)
    review.claim_calculate(claim_id=claim.pk, by=by)
    return review.claim_decide(claim_id=claim.pk, by=by, decision="approve", reason="材料齐全")


def bill_csv(bill=BILL) -> bytes:
    rows = ["catalogue,code,quantity,unit_price,name"]
    rows += [
        f"{catalogue},{code},{quantity},{price},医院项目"
        for catalogue, code, quantity, price in bill
    ]
    return ("\ufeff" + "\r\n".join(rows) + "\r\n").encode()
