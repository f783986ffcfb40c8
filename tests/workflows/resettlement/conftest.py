"""Filing test helpers: the demo personas, a filing at any state, its attachments."""

import datetime

import pytest

from tests.files import pdf
from workflows import clock
from workflows.registry.models import Institution, InsuredPerson, Region
from workflows.resettlement import changes, review, services
from workflows.resettlement.declared import FilingDetails

TODAY = clock.today()
LI = "420106195811023260"  # 李秀英, retired, Wuhan, 武汉江城机械有限公司, lives in Haikou
ZHANG = "420103195508201133"  # 张建国, retired, same unit, lives in Wuhan
HUANG = "420102198503122046"  # 黄小红, employed, same unit
WANG = "420111199006150717"  # 王强, resident scheme, no unit
CHEN = "420502197801300557"  # 陈志明, employed, Yichang
YECHENG = "H46010600001"  # 海口椰城中心医院, Haikou, Grade III
MEILAN = "H46010800002"  # 海口市美兰区人民医院, Haikou, Grade II
GUANGZHOU = "H44010400001"  # 广州南方医学中心, Guangzhou, Grade III
YICHANG = "H42050200001"  # 宜昌市三峡中心医院


@pytest.fixture(autouse=True)
def _media(media):
    return media


def person(resident_id: str) -> InsuredPerson:
    return InsuredPerson.objects.select_related("insured_city", "unit", "user").get(
        resident_id=resident_id
    )


def institution(code: str) -> Institution:
    return Institution.objects.get(code=code)


def city(code: str) -> Region:
    return Region.objects.get(code=code)


def details(**overrides) -> FilingDetails:
    """李秀英's resettlement in Haikou at both her hospitals, from the first of next month."""
    fields = {
        "category": "resettled_retiree",
        "destination_city": city("460100"),
        "residence_address": "海南省海口市美兰区海甸岛五西路 9 号",
        "institutions": [institution(YECHENG), institution(MEILAN)],
        "start_date": TODAY,
        "end_date": None,
        "phone": "13976000103",
    }
    fields.update(overrides)
    return FilingDetails(**fields)


def open_filing(world, resident_id: str = LI, *, by="unit_sun", **overrides):
    user = world.users[by] if isinstance(by, str) else by
    return services.filing_open(by=user, person=person(resident_id), details=details(**overrides))


def attach(filing, *, by="unit_sun", kinds=("residence_proof", "unit_letter")):
    user = by if not isinstance(by, str) else None
    for kind in kinds:
        services.filing_add_documents(
            filing_id=filing.pk,
            kind=kind,
            uploads=[pdf(f"{kind}.pdf")],
            by=user or _user(filing, by),
        )


def _user(filing, username):
    from workflows.registry.models import User

    return User.objects.get(username=username)


def submitted_filing(world, resident_id: str = LI, **overrides):
    filing = open_filing(world, resident_id, **overrides)
    attach(filing)
    return services.filing_submit(filing_id=filing.pk, by=world.users["unit_sun"])


def approved_filing(world, resident_id: str = LI, **overrides):
    filing = submitted_filing(world, resident_id, **overrides)
    return review.filing_decide(
        filing_id=filing.pk, by=world.users["center_chen"], decision="approve", reason="材料齐全"
    )


def change_to(world, filing, *codes):
    return changes.filing_request_change(
        filing_id=filing.pk,
        by=world.users["unit_sun"],
        institutions=[institution(code) for code in codes],
        reason="就近就医",
    )


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
