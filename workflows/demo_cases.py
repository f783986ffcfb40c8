"""Cases for the demo region, so that every persona's inbox has work in it after ``make run``.

Each case is made the way a user makes it: through the services, as the persona who acts,
step by step (rules checked, every step recorded). The documents are one-page PDFs that say
what they stand for. Cases are added only to a database that has none.
"""

import datetime
import functools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import escape

from workflows import clock
from workflows.claims import services as claims
from workflows.claims.choices import REQUIRED_DOCUMENTS, Document, Kind
from workflows.claims.models import Claim
from workflows.claims.review import lines
from workflows.claims.review import services as review
from workflows.referrals import services as referrals
from workflows.referrals.choices import Step
from workflows.referrals.models import Referral
from workflows.registry.models import Department, Institution, InsuredPerson, Region, User
from workflows.resettlement import services as resettlement
from workflows.resettlement.declared import FilingDetails
from workflows.resettlement.models import Filing

HUANG = "420102198503122046"  # 黄小红, employed, Wuhan
ZHANG = "420103195508201133"  # 张建国, retired, Wuhan
LI = "420106195811023260"  # 李秀英, retired, Wuhan, lives in Haikou
WANG = "420111199006150717"  # 王强, residents' scheme, Wuhan
# Who signs each step of a referral from 武汉长江医院's cardiology department.
CARDIOLOGY_SIGNERS = {
    Step.DIRECTOR_REVIEW: "director_wang",
    Step.OFFICE_REVIEW: "office_zhang",
    Step.DEAN_SIGN: "dean_liu",
    Step.CENTER_APPROVE: "center_chen",
}
# The hospital's detailed expense list of an emergency stay of five days, as the reviewer
# imports it (README, "Expense lists").
EMERGENCY_EXPENSE_LIST = """catalogue,code,quantity,unit_price,name
facilities,110900004,5,20.00,急诊观察床位费
treatments,250101001,2,20.00,血常规检查
treatments,210300002,1,220.00,胸部CT平扫
drugs,XJ01DDT101,10,12.00,注射用头孢曲松钠
drugs,XC10AAA211,14,3.50,阿托伐他汀钙片
"""


def has_cases() -> bool:
    return Referral.objects.exists() or Claim.objects.exists() or Filing.objects.exists()


@transaction.atomic
def load_demo_cases() -> int:
    """Referrals, claims and a filing at different steps; how many cases were added."""
    if has_cases():
        return 0
    today = clock.today()
    cases = [
        _referral(HUANG, until=Step.DIRECTOR_REVIEW, today=today, diagnosis="不稳定型心绞痛"),
        _referral(ZHANG, until=Step.OFFICE_REVIEW, today=today, diagnosis="冠心病"),
        _referral(LI, until=Step.CENTER_APPROVE, today=today, diagnosis="心房颤动"),
        _referral(WANG, until=None, today=today, diagnosis="急性心肌梗死"),
        _referral(HUANG, until=Step.PROPOSE, today=today, diagnosis="心功能不全"),
        _emergency_claim(WANG, today=today, submitted=True),
        _emergency_claim(HUANG, today=today, submitted=True, approved=True),
        _emergency_claim(ZHANG, today=today, submitted=False),
        _filing(LI, today=today),
    ]
    return len(cases)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _person(resident_id: str) -> InsuredPerson:
    return InsuredPerson.objects.select_related("user", "insured_city").get(resident_id=resident_id)


def _document(title: str) -> SimpleUploadedFile:
    """A one-page PDF that says what it stands for."""
    return SimpleUploadedFile(f"{title}.pdf", _document_pdf(title), "application/pdf")


@functools.cache
def _document_pdf(title: str) -> bytes:
    """The PDF of a demo document: drawn once per process, as several cases show the same."""
    from weasyprint import HTML

    html = (
        "<html><body style=\"font-family: 'Noto Sans CJK SC'; font-size: 16pt\">"
        f"<h1>{escape(title)}</h1><p>演示材料，不是真实单据。Demo document.</p></body></html>"
    )
    return HTML(string=html).write_pdf()


def _referral(resident_id: str, *, until: Step | None, today, diagnosis: str) -> Referral:
    """A referral from 武汉长江医院's cardiology to Yichang's, waiting at ``until`` (None:
    signed by all five; PROPOSE: a draft the physician has not proposed yet)."""
    target = Department.objects.get(institution__code="H42050200001", code="CARD")
    referral = referrals.referral_open(
        by=_user("doctor_li"),
        person=_person(resident_id),
        propose=until != Step.PROPOSE,
        opinion="病情需上级医院介入治疗，建议转诊。",
        diagnosis=diagnosis,
        admission_date=today - datetime.timedelta(days=4),
        transfer_date=today + datetime.timedelta(days=3),
        target_institution=target.institution,
        target_department=target,
        scope="within_province",
        reason="本院导管室设备检修，需转上级医院行冠脉介入治疗。",
        case_summary="患者入院后完善相关检查，病情稳定，可耐受转运。",
    )
    for step, username in CARDIOLOGY_SIGNERS.items():
        if until in (step, Step.PROPOSE):
            break
        referral = referrals.referral_decide(
            referral_id=referral.pk,
            by=_user(username),
            step=step,
            decision="approve",
            opinion="同意转诊。",
        )
    return referral


def _emergency_claim(resident_id: str, *, today, submitted: bool, approved: bool = False):
    """An emergency stay at the non-designated 武汉东湖康复医院, claimed by the person."""
    person = _person(resident_id)
    claim = claims.claim_open(
        by=person.user,
        person=person,
        kind=Kind.EMERGENCY,
        institution=Institution.objects.get(code="H42010600004"),
        admission_date=today - datetime.timedelta(days=9),
        discharge_date=today - datetime.timedelta(days=4),
        diagnosis="急性胰腺炎",
    )
    required = REQUIRED_DOCUMENTS[Kind.EMERGENCY]
    for kind in required if submitted else required[:2]:
        claims.claim_add_documents(
            claim_id=claim.pk, kind=kind, uploads=[_document(Document(kind).label)], by=person.user
        )
    if not submitted:
        return claim
    claim = claims.claim_submit(
        claim_id=claim.pk,
        by=person.user,
        payee=person.name,
        bank_name="中国工商银行武汉江汉支行",
        bank_account="6222 0202 0000 1234 567",
    )
    if approved:
        reviewer = _user("center_chen")
        lines.claim_import_lines(
            claim_id=claim.pk,
            by=reviewer,
            data=EMERGENCY_EXPENSE_LIST.encode(),
            file_name="费用明细.csv",
        )
        review.claim_calculate(claim_id=claim.pk, by=reviewer)
        claim = review.claim_decide(
            claim_id=claim.pk, by=reviewer, decision="approve", reason="材料齐全，同意报销。"
        )
    return claim


def _filing(resident_id: str, *, today) -> Filing:
    """李秀英's resettlement in Haikou, filed by her unit's agent and sent to the center."""
    agent = _user("unit_sun")
    filing = resettlement.filing_open(
        by=agent,
        person=_person(resident_id),
        details=FilingDetails(
            category="resettled_retiree",
            destination_city=Region.objects.get(code="460100"),
            residence_address="海南省海口市美兰区海甸岛五西路 9 号",
            institutions=list(
                Institution.objects.filter(code__in=["H46010600001", "H46010800002"])
            ),
            start_date=today,
            phone="13976000103",
        ),
    )
    resettlement.filing_add_documents(
        filing_id=filing.pk, kind="residence_proof", uploads=[_document("居住证明")], by=agent
    )
    return resettlement.filing_submit(filing_id=filing.pk, by=agent)
