"""Sample documents from the demo region, for the tests, the benchmark and trying a form by hand."""

import dataclasses
import datetime
from decimal import Decimal

from .documents import (
    Attachment,
    CalculationStep,
    ExpenseLine,
    OffsiteFilingForm,
    ReferralApprovalForm,
    ReimbursementStatement,
    Signature,
)

PRINTED_AT = datetime.datetime(2026, 11, 25, 8, 32, tzinfo=datetime.UTC)  # 16:32 in Shanghai


def referral_form(*, signed: bool = True) -> ReferralApprovalForm:
    """黄小红's outside-province referral; approved by all five, or just proposed."""
    return ReferralApprovalForm(
        case_number="ZZ-420100-2026-000123",
        printed_at=PRINTED_AT,
        status="已批准，有效期至2026年12月25日" if signed else "审批中",
        name="黄小红",
        sex="F",
        age=41,
        unit_or_address="武汉江城机械有限公司",
        insurance_number="420100000000101",
        masked_resident_id="420102********2046",
        diagnosis="冠状动脉粥样硬化性心脏病，三支病变",
        current_institution="武汉长江医院",
        current_department="心血管内科",
        admitted_on=datetime.date(2026, 11, 10),
        transfer_on=datetime.date(2026, 11, 28),
        target_institution="广州南方医学中心",
        target_department="心血管外科",
        scope="outside_province",
        outside_province_statement="省内定点医疗机构暂不能开展该类复合手术，经会诊需转省外治疗。",
        reason="患者三支病变合并左主干狭窄，需行杂交手术（冠脉搭桥联合介入），本院不具备条件。",
        case_summary=(
            "患者女，41岁，因反复胸闷胸痛3月、加重1周入院。冠脉造影示左主干狭窄70%，"
            "前降支近段狭窄90%，回旋支中段狭窄80%，右冠状动脉中段狭窄85%。"
            "心脏超声示左室射血分数48%。经心内科、心外科联合会诊，建议行杂交手术。"
        ),
        insurance_office_name="武汉长江医院医疗保险办公室",
        center_name="武汉市医疗保障事业管理中心",
        **(_signatures() if signed else {}),
    )


FILLING = "患者冠脉三支病变合并左主干狭窄，需行杂交手术，本院不具备条件。"
SIGNING_ROLES = ("attending_physician", "department_director", "insurance_office", "dean", "center")


def filled(length: int, text: str = FILLING) -> str:
    """``text`` repeated to exactly ``length`` characters."""
    return (text * (length // len(text) + 1))[:length]


def referral_form_filled(
    *, diagnosis: int, reason: int, case_summary: int, opinion: int, text: str = FILLING
) -> ReferralApprovalForm:
    """The signed referral form with each free text ``text`` repeated to the length given
    (the statement outside the province as long as the reason): a form at its limits."""
    form = referral_form()

    def signed(signature: Signature) -> Signature:
        return Signature(signature.name, filled(opinion, text), signature.signed_on)

    return dataclasses.replace(
        form,
        diagnosis=filled(diagnosis, text),
        outside_province_statement=filled(reason, text),
        reason=filled(reason, text),
        case_summary=filled(case_summary, text),
        **{role: signed(getattr(form, role)) for role in SIGNING_ROLES},
    )


def _signatures() -> dict[str, Signature]:
    def signed(name: str, opinion: str, day: int) -> Signature:
        return Signature(
            name, opinion, datetime.datetime(2026, 11, day, 2, 15, tzinfo=datetime.UTC)
        )

    return {
        "attending_physician": signed("李明", "病情需要，建议转省外上级医院治疗。", 20),
        "department_director": signed("王芳", "同意转诊。", 20),
        "insurance_office": signed("张伟", "符合转诊转院规定，同意上报。", 21),
        "dean": signed("刘洋", "同意。", 21),
        "center": signed("陈静", "同意转往广州南方医学中心，有效期30日。", 23),
    }


def _line(code: str, name: str, expense_class: str, quantity: int, price: str, over: str = "0"):
    amount = Decimal(price) * quantity
    return ExpenseLine(code, name, expense_class, quantity, Decimal(price), amount, Decimal(over))


LINES = (
    _line("ZA01AAA0001", "阿司匹林肠溶片", "class_a", 30, "0.50"),
    _line("ZB01BAB0012", "氯吡格雷片", "class_b", 14, "8.60"),
    _line("XN01AX0001", "药物洗脱支架", "class_b", 2, "8800.00", over="1600.00"),
    _line("FA0001", "冠状动脉旁路移植术", "class_a", 1, "18500.00"),
    _line("ZZ9999", "进口止血材料", "out_of_list", 1, "2380.00"),
)

STEPS = (
    ("total", "38615.40", "本次住院全部费用。"),
    ("out_of_list", "2380.00", "目录外项目（进口止血材料）全部由个人自付。"),
    ("over_price_limit", "1600.00", "药物洗脱支架超过限价的部分由个人自付。"),
    ("class_b_share", "1612.04", "乙类项目先由个人自付10%。"),
    ("eligible", "33023.36", "扣除以上三项后，进入统筹基金支付范围的费用。"),
    ("deductible", "800.00", "三级医院起付线800元，本年度尚未支付。"),
    ("ratio", "0.75", "在职职工三级医院85%，转诊省外下调10个百分点。"),
    ("pooled_fund", "24167.52", "（33,023.36 − 800.00）× 75%，未超过年度封顶线。"),
    ("personal", "14447.88", "费用总额减去统筹基金支付部分。"),
)


def reimbursement_statement(*, extra_lines: int = 0) -> ReimbursementStatement:
    """黄小红's referred treatment in Guangzhou; extra_lines makes a long claim."""
    filler = tuple(
        _line(f"ZB99{n:06d}", f"检查化验项目 {n}", "class_b", 1, "35.00")
        for n in range(1, extra_lines + 1)
    )
    return ReimbursementStatement(
        claim_number="BX-420100-2026-004567",
        printed_at=PRINTED_AT,
        name="黄小红",
        sex="F",
        insurance_number="420100000000101",
        masked_resident_id="420102********2046",
        scheme="employee",
        employment_status="employed",
        claim_kind="referral",
        institution_name="广州南方医学中心",
        institution_grade="III",
        admitted_on=datetime.date(2026, 11, 28),
        discharged_on=datetime.date(2026, 12, 12),
        lines=LINES + filler,
        steps=tuple(CalculationStep(kind, Decimal(amount), text) for kind, amount, text in STEPS),
        policy_region="湖北省武汉市",
        policy_scheme="employee",
        policy_effective_from=datetime.date(2026, 1, 1),
        policy_effective_to=datetime.date(2026, 12, 31),
        reviewer_name="陈静",
        reviewed_on=datetime.date(2026, 12, 20),
        payee="黄小红",
        payment_reference="ZF2026122000381",
    )


def offsite_filing_form(*, by_agent: bool = True) -> OffsiteFilingForm:
    """李秀英's long-term resettlement in Haikou, filed by her unit's agent."""
    return OffsiteFilingForm(
        filing_number="BA-420100-2026-000089",
        printed_at=PRINTED_AT,
        name="李秀英",
        masked_resident_id="420106********3260",
        insurance_number="420100000000103",
        scheme="employee",
        insured_area="湖北省武汉市",
        phone="13907150321",
        category="resettled_retiree",
        destination_province="海南省",
        destination_city="海口市",
        residence_address="海南省海口市美兰区海甸岛五西路 9 号",
        institutions=("海口椰城中心医院", "海口市美兰区人民医院"),
        starts_on=datetime.date(2026, 12, 1),
        agency_name="武汉市医疗保障事业管理中心",
        attachments=(Attachment("residence_proof", note="居住证"), Attachment("unit_letter")),
        agent_name="孙丽" if by_agent else "",
        masked_agent_resident_id="420103********1520" if by_agent else "",
        handling_officer="陈静",
        handled_on=datetime.date(2026, 11, 24),
    )
