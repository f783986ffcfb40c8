"""Referral test helpers: who signs each step, the new-referral form, a referral at any step."""

import datetime

from workflows.referrals import services
from workflows.referrals.choices import Step
from workflows.referrals.models import Referral
from workflows.referrals.selectors import referral_tasks_for
from workflows.registry.models import Department

TODAY = datetime.date.today()

# Who signs each step of a referral from 武汉长江医院 心血管内科 for a Wuhan-insured patient.
SIGNERS = {
    Step.PROPOSE: "doctor_li",
    Step.DIRECTOR_REVIEW: "director_wang",
    Step.OFFICE_REVIEW: "office_zhang",
    Step.DEAN_SIGN: "dean_liu",
    Step.CENTER_APPROVE: "center_chen",
}


def form_data(world, **overrides) -> dict:
    """The new-referral form as the attending physician fills it in: to Yichang, Grade III."""
    department = world.yichang_cardiology
    if isinstance(overrides.get("target_department"), Department):
        department = overrides.pop("target_department")
    data = {
        "person": world.patient.resident_id,
        "diagnosis": "急性心肌梗死",
        "admission_date": (TODAY - datetime.timedelta(days=3)).isoformat(),
        "transfer_date": (TODAY + datetime.timedelta(days=2)).isoformat(),
        "target_institution": department.institution_id,
        "target_department": department.pk,
        "scope": "within_province",
        "reason": "需行急诊冠脉介入治疗，本院导管室检修。",
        "case_summary": "患者男，71岁，胸痛3小时入院，心电图示下壁ST段抬高。",
        "outside_province_statement": "",
        "opinion": "建议转诊",
    }
    data.update(overrides)
    return data


def open_referral(world, *, until: Step | None = None, **overrides) -> Referral:
    """A referral proposed by 李明 and signed by everyone before ``until`` (None: all five)."""
    department = overrides.pop("target_department", world.yichang_cardiology)
    fields = {
        "diagnosis": "急性心肌梗死",
        "admission_date": TODAY - datetime.timedelta(days=3),
        "transfer_date": TODAY + datetime.timedelta(days=2),
        "target_institution": department.institution,
        "target_department": department,
        "scope": "within_province",
        "reason": "需行急诊冠脉介入治疗。",
        "case_summary": "患者男，71岁，胸痛3小时入院。",
    }
    fields.update(overrides)
    referral = services.referral_open(
        by=world.users["doctor_li"],
        person=world.patient,
        propose=until != Step.PROPOSE,
        opinion="建议转诊",
        **fields,
    )
    if until == Step.PROPOSE:
        return referral
    for step in list(Step)[1:]:
        if step == until:
            break
        referral = decide(world, referral, SIGNERS[step], "approve", "同意")
    return referral


def decide(world, referral, username, decision, opinion):
    user = world.users[username]
    task = referral_tasks_for(user=user).get(process_id=referral.pk)
    return services.referral_decide(
        referral_id=referral.pk,
        by=user,
        step=task.flow_task.name,
        decision=decision,
        opinion=opinion,
    )
