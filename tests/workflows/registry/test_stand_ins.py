"""Stand-ins: the dean 刘洋, away, names 孙立 (another dean of 武汉长江医院) for a week: 孙立 signs
for him, and the trail and the printed form say 刘洋（孙某代签）. Someone of another role or
another hospital, past or reversed days, and overlapping stand-ins are refused with why; the
stand-in ends by itself."""

import datetime
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.factories import make_staff
from tests.pages import sign_in
from tests.workflows.concurrency import run_at_once
from tests.workflows.referrals.conftest import decide, open_referral
from workflows import clock
from workflows.audit.selectors import step_records_of
from workflows.casekit import ALREADY_HANDLED_CODE
from workflows.referrals import services as referrals
from workflows.referrals.choices import State, Step
from workflows.referrals.models import Referral
from workflows.registry.models import Institution, User
from workflows.registry.roles import Role
from workflows.registry.standins import services
from workflows.registry.standins.models import StandIn

# The clock stands still at the moment the module was read: a run that crosses midnight in
# Shanghai keeps one "today".
NOW = clock.now()
TODAY = clock.today()
WEEK = TODAY + datetime.timedelta(days=6)


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def fresh(user) -> User:
    """The user as the next request reads them (their role, scope and stand-ins anew)."""
    return User.objects.get(pk=user.pk)


def sign_as_dean(referral, user, opinion="同意转诊"):
    return referrals.referral_decide(
        referral_id=referral.pk,
        by=fresh(user),
        step=Step.DEAN_SIGN,
        decision="approve",
        opinion=opinion,
    )


def refusal(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    with translation.override("zh-hans"):
        return " ".join(refused.value.messages)


def test_the_stand_in_signs_for_the_absent_dean_and_the_trail_and_form_say_so(
    world, sun, client, tmp_path
):
    liu = world.users["dean_liu"]
    services.stand_in_name(absent=liu, stand_in=sun, starts_on=TODAY, ends_on=WEEK)
    referral = open_referral(world, until=Step.DEAN_SIGN)
    sign_as_dean(referral, sun, "同意转诊")
    record = step_records_of(referral).last()
    assert (record.actor, record.on_behalf_of) == (sun, liu)
    assert (record.actor_name, record.on_behalf_of_name) == ("孙立", "刘洋")
    with translation.override("zh-hans"):
        assert record.signed_as == "刘洋（孙某代签）"
    with translation.override("en"):
        assert record.signed_as == "刘洋 (signed by 孙某, standing in)"

    sign_in(client, "director_wang")
    assert "刘洋（孙某代签）" in client.get(referral.get_absolute_url()).content.decode()
    decide(world, Referral.objects.get(pk=referral.pk), "center_chen", "approve", "同意")
    response = client.get(reverse("referrals:approval_form", args=[referral.pk]))
    path = tmp_path / "form.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "刘洋（孙某代签）" in text


def test_the_stand_in_s_inbox_marks_the_absent_dean_s_tasks(world, sun, client):
    services.stand_in_name(
        absent=world.users["dean_liu"], stand_in=sun, starts_on=TODAY, ends_on=WEEK
    )
    referral = open_referral(world, until=Step.DEAN_SIGN)
    sign_in(client, "dean_sun")
    page = client.get(reverse("inbox")).content.decode()
    assert referral.number in page and "代 刘洋" in page
    assert "您正代理刘洋" in page


def test_a_stand_in_of_another_role_or_hospital_or_days_is_refused_with_why(world, sun):
    liu = world.users["dean_liu"]
    name = services.stand_in_name
    office = world.users["office_zhang"]
    assert refusal(lambda: name(absent=liu, stand_in=office, starts_on=TODAY, ends_on=WEEK)) == (
        "张伟不是分管院长：代理人须与您角色相同。"
    )
    elsewhere = make_staff(
        Role.DEAN,
        username="dean_elsewhere",
        institution=Institution.objects.get(code="H42050200001"),
    )
    elsewhere.full_name = "周涛"
    elsewhere.save(update_fields=["full_name"])
    assert refusal(lambda: name(absent=liu, stand_in=elsewhere, starts_on=TODAY, ends_on=WEEK)) == (
        "周涛在另一机构工作：代理人须在您的工作范围内，即武汉长江医院。"
    )
    assert refusal(lambda: name(absent=liu, stand_in=liu, starts_on=TODAY, ends_on=WEEK)) == (
        "请选择他人：不能代理自己。"
    )
    yesterday = TODAY - datetime.timedelta(days=1)
    assert refusal(lambda: name(absent=liu, stand_in=sun, starts_on=yesterday, ends_on=WEEK)) == (
        "代理从今天或以后开始。"
    )
    assert refusal(lambda: name(absent=liu, stand_in=sun, starts_on=WEEK, ends_on=TODAY)) == (
        "最后一天不能早于第一天。"
    )
    far = TODAY + datetime.timedelta(days=90)
    assert "90 天" in refusal(lambda: name(absent=liu, stand_in=sun, starts_on=TODAY, ends_on=far))
    name(absent=liu, stand_in=sun, starts_on=TODAY, ends_on=WEEK)
    again = refusal(lambda: name(absent=liu, stand_in=sun, starts_on=WEEK, ends_on=WEEK))
    assert again.startswith("孙立已在") and "代理您" in again
    assert StandIn.objects.count() == 1


def test_the_stand_in_ends_by_itself_after_its_last_day(world, sun, monkeypatch):
    liu = world.users["dean_liu"]
    services.stand_in_name(absent=liu, stand_in=sun, starts_on=TODAY, ends_on=TODAY)
    from workflows.registry.selectors import actor_of

    assert actor_of(fresh(sun)).standing_in_for(TODAY) == [liu]
    tomorrow = clock.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(clock, "now", lambda: tomorrow)
    assert actor_of(fresh(sun)).standing_in_for(clock.today()) == []
    referral = open_referral(world, until=Step.DEAN_SIGN)
    sign_as_dean(referral, sun, "同意")
    record = step_records_of(referral).last()
    assert record.on_behalf_of is None and record.signed_as == "孙立"


def test_the_stand_in_page_names_lists_and_ends_a_stand_in(world, sun, client):
    sign_in(client, "dean_liu")
    page = client.get(reverse("stand_in")).content.decode()
    assert "孙立 · 分管院长" in page and "张伟 · 医保办" in page
    response = client.post(
        reverse("stand_in"),
        {"stand_in": sun.pk, "starts_on": TODAY.isoformat(), "ends_on": WEEK.isoformat()},
        follow=True,
    )
    page = response.content.decode()
    assert "孙立将代理您" in page
    (named,) = StandIn.objects.all()
    response = client.post(
        reverse("stand_in"),
        {
            "stand_in": world.users["office_zhang"].pk,
            "starts_on": TODAY.isoformat(),
            "ends_on": WEEK.isoformat(),
        },
    )
    assert "张伟不是分管院长：代理人须与您角色相同。" in response.content.decode()
    response = client.post(reverse("stand_in_end", args=[named.pk]), follow=True)
    assert "代理已结束" in response.content.decode()
    assert not StandIn.objects.exists()  # it had not begun before today: removed


def test_a_role_that_signs_nothing_has_no_stand_in_page(world, client):
    sign_in(client, "doctor_li")
    response = client.get(reverse("stand_in"), follow=True)
    assert "您的角色不签署任何步骤，无需代理人。" in response.content.decode()


def test_a_stand_in_may_act_on_a_task_the_absent_reviewer_took(world):
    from tests.workflows.claiming.conftest import make_second_reviewer
    from workflows.referrals.services import CLAIMING

    wu = make_second_reviewer(world)
    chen = world.users["center_chen"]
    referral = open_referral(world, until=Step.CENTER_APPROVE)
    CLAIMING.claim(case_id=referral.pk, by=chen)
    services.stand_in_name(absent=chen, stand_in=wu, starts_on=TODAY, ends_on=WEEK)
    referrals.referral_decide(
        referral_id=referral.pk,
        by=fresh(wu),
        step=Step.CENTER_APPROVE,
        decision="approve",
        opinion="同意",
    )
    record = step_records_of(referral).last()
    assert (record.actor, record.on_behalf_of) == (wu, chen)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_absent_dean_and_the_stand_in_signing_at_once_record_one_step(world, sun):
    liu = world.users["dean_liu"]
    services.stand_in_name(absent=liu, stand_in=sun, starts_on=TODAY, ends_on=WEEK)
    referral = open_referral(world, until=Step.DEAN_SIGN)

    def sign(user):
        def call():
            with translation.override("en"):
                return referrals.referral_decide(
                    referral_id=referral.pk,
                    by=fresh(user),
                    step=Step.DEAN_SIGN,
                    decision="approve",
                    opinion="同意",
                )

        return call

    outcomes = run_at_once(sign(liu), sign(sun))
    assert len([o for o in outcomes if isinstance(o, Referral)]) == 1, outcomes
    (refused,) = [o for o in outcomes if isinstance(o, ValidationError)]
    assert refused.code == ALREADY_HANDLED_CODE
    referral.refresh_from_db()
    assert referral.state == State.DEAN_SIGNED
    assert len([r for r in step_records_of(referral) if r.step == Step.DEAN_SIGN]) == 1
