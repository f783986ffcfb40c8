"""The printed approval form: every signer's name and opinion, the labels, the ID only masked."""

import subprocess

import pytest
from django.urls import reverse

from tests.pages import sign_in
from workflows.audit.selectors import step_records_of
from workflows.referrals.choices import Step
from workflows.referrals.printing import signatures

from .conftest import decide, open_referral

LABELS = [
    "转诊转院审批表",
    "姓名",
    "性别",
    "年龄",
    "医保编号",
    "身份证号码",
    "诊断",
    "转诊理由",
    "病情摘要",
    "经治医师",
    "科主任",
    "医保办",
    "分管院长",
    "市医保中心",
]


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages_of(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


def test_the_approved_form_carries_every_signers_name_and_opinion(client, world, tmp_path):
    referral = open_referral(world)
    sign_in(client, "supervisor_zhao")
    response = client.get(reverse("referrals:approval_form", args=[referral.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    text = text_of(pdf, tmp_path)
    assert pages_of(pdf, tmp_path) == 1
    for record in step_records_of(referral):
        if record.step:
            assert record.actor_name in text
            assert record.opinion in text
    for label in LABELS:
        assert label in text, label
    assert referral.number in text
    assert "武汉长江医院医疗保险办公室" in text and "武汉市医疗保险中心" in text
    assert world.patient.resident_id not in text.replace(" ", "")
    assert world.patient.masked_resident_id in text


def test_at_any_stage_the_unsigned_blocks_print_empty(client, world, tmp_path):
    referral = open_referral(world, until=Step.DEAN_SIGN)
    sign_in(client, "doctor_li")
    pdf = b"".join(
        client.get(reverse("referrals:approval_form", args=[referral.pk])).streaming_content
    )
    text = text_of(pdf, tmp_path)
    assert "王芳" in text and "张伟" in text
    assert "刘洋" not in text and "陈静" not in text


def test_a_return_takes_back_the_signature_that_must_be_given_again(world):
    referral = open_referral(world, until=Step.DEAN_SIGN)
    referral = decide(world, referral, "dean_liu", "return", "请医保办复核")
    standing = signatures(step_records_of(referral))
    assert Step.OFFICE_REVIEW not in standing and Step.DEAN_SIGN not in standing
    assert standing[Step.DIRECTOR_REVIEW].actor_name == "王芳"
    referral = decide(world, referral, "office_zhang", "approve", "复核无误")
    assert signatures(step_records_of(referral))[Step.OFFICE_REVIEW].opinion == "复核无误"


@pytest.mark.parametrize("username", ["doctor_he", "director_xu", "center_yang", "doctor_gao"])
def test_only_people_who_may_see_the_case_download_the_form(client, world, username):
    referral = open_referral(world, until=Step.OFFICE_REVIEW)
    sign_in(client, username)
    assert client.get(reverse("referrals:approval_form", args=[referral.pk])).status_code == 404


def test_the_insured_person_downloads_their_own_form(client, world, tmp_path):
    referral = open_referral(world)
    client.post(
        reverse("login"),
        {"kind": "insured", "resident_id": world.patient.resident_id, "password": "yibao2026"},
    )
    response = client.get(reverse("referrals:approval_form", args=[referral.pk]))
    assert response.status_code == 200
    assert "陈静" in text_of(b"".join(response.streaming_content), tmp_path)
