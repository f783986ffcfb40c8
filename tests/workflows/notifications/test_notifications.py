"""Notifications: who a step tells what, in their language, in the app and by email as each
chose; made by the worker after the step commits, once, and swept up if their message to the
worker was lost; a mail that fails is tried again later and later, never lost."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, translation

from tests.pages import sign_in
from tests.workflows.claiming.conftest import make_second_reviewer
from tests.workflows.claims.conftest import HUANG, approved_emergency, submitted_emergency, user_of
from tests.workflows.referrals.conftest import SIGNERS, decide, open_referral
from workflows import clock
from workflows.audit.models import StepRecord
from workflows.claims.review import services as review
from workflows.notifications import services, tasks
from workflows.notifications.choices import Delivery, Kind, Mail
from workflows.notifications.models import Notification, NotifiedStep, Preference
from workflows.referrals.choices import Step


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service as a request does: its transaction commits, and what waits for the commit
    runs (here, with no broker, the worker's tasks run where they are sent)."""

    def run(service, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(*args, **kwargs)

    return run


def call_command_output(name: str) -> str:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


def told(user) -> list[tuple[str, str]]:
    """(kind, case number) of each notification of ``user``, oldest first."""
    return [
        (n.kind, n.case_number)
        for n in Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    ]


def test_each_signer_of_a_referral_is_told_when_it_arrives_and_the_physician_when_returned(
    world, committed
):
    referral = committed(open_referral, world, until=Step.DIRECTOR_REVIEW)
    director = world.users["director_wang"]
    assert told(director) == [(Kind.TASK, referral.number)]
    assert told(world.users["office_zhang"]) == []  # not theirs yet
    referral = committed(decide, world, referral, "director_wang", "approve", "同意")
    assert told(world.users["office_zhang"]) == [(Kind.TASK, referral.number)]
    committed(decide, world, referral, "office_zhang", "return", "请补充病历摘要")
    physician = world.users["doctor_li"]
    assert told(physician) == [(Kind.RETURNED, referral.number)]
    assert told(director) == [(Kind.TASK, referral.number), (Kind.RETURNED, referral.number)]
    assert told(world.users["office_zhang"]) == [(Kind.TASK, referral.number)]  # not their own


def test_the_center_s_reviewers_are_told_and_then_the_one_it_is_given_to(world, committed):
    wu = make_second_reviewer(world)
    referral = committed(open_referral, world, until=Step.DEAN_SIGN)
    referral = committed(decide, world, referral, SIGNERS[Step.DEAN_SIGN], "approve", "同意")
    chen = world.users["center_chen"]
    assert told(chen) == [(Kind.TASK, referral.number)]
    assert told(wu) == [(Kind.TASK, referral.number)]
    committed(decide, world, referral, "center_chen", "approve", "同意转诊")
    assert told(world.users["doctor_li"]) == [(Kind.APPROVED, referral.number)]
    assert (Kind.APPROVED, referral.number) in told(world.patient.user)


def test_a_message_says_what_happened_in_the_reader_s_language_and_nothing_personal(
    world, committed
):
    referral = committed(open_referral, world, until=Step.DIRECTOR_REVIEW)
    (notification,) = Notification.objects.filter(recipient=world.users["director_wang"])
    assert notification.person == "张**"  # 张建国
    with translation.override("zh-hans"):
        assert services.message_of(notification) == (
            f"转诊转院申请 {referral.number}（张**）等待您处理：科主任意见。"
        )
    with translation.override("en"):
        assert services.message_of(notification) == (
            f"Referral {referral.number} (张**) is waiting for you: "
            "opinion of the department director."
        )


def test_a_claim_s_claimant_is_told_of_its_return_and_its_approval(world, committed):
    claim = committed(submitted_emergency, world)
    chen = world.users["center_chen"]
    assert told(chen) == [(Kind.TASK, claim.number)]
    claimant = user_of(HUANG)
    committed(
        review.claim_decide,
        claim_id=claim.pk,
        by=chen,
        decision="return",
        reason="请补充急诊病历",
        documents=["emergency_records"],
    )
    assert told(claimant) == [(Kind.RETURNED, claim.number)]


def test_an_approved_claim_tells_its_claimant(world, committed):
    claim = committed(approved_emergency, world)
    assert told(user_of(HUANG))[-1] == (Kind.APPROVED, claim.number)


def test_mail_goes_at_once_in_the_recipient_s_language_unless_they_chose_otherwise(
    world, committed
):
    director = world.users["director_wang"]
    director.language = "en"
    director.save(update_fields=["language"])
    referral = committed(open_referral, world, until=Step.DIRECTOR_REVIEW)
    (message,) = mail.outbox
    assert message.to == [director.email]
    assert message.subject == (
        f"yibao-flow: Referral {referral.number} (张**) is waiting for you: "
        "opinion of the department director."
    )
    assert f"http://127.0.0.1:8000/referrals/{referral.pk}/" in message.body
    assert "张建国" not in message.body and world.patient.resident_id not in message.body
    (notification,) = Notification.objects.filter(recipient=director)
    assert notification.mail == Mail.SENT and notification.mailed_at is not None

    Preference.objects.create(user=world.users["office_zhang"], kind=Kind.TASK, delivery="app")
    mail.outbox.clear()
    committed(decide, world, referral, "director_wang", "approve", "同意")
    assert mail.outbox == []  # in the app only
    (notification,) = Notification.objects.filter(recipient=world.users["office_zhang"])
    assert notification.mail == Mail.NONE


def test_a_daily_digest_gathers_the_kinds_chosen_for_it_into_one_mail(world, committed):
    director = world.users["director_wang"]
    Preference.objects.create(user=director, kind=Kind.TASK, delivery=Delivery.DIGEST)
    first = committed(open_referral, world, until=Step.DIRECTOR_REVIEW)
    second = committed(open_referral, world, until=Step.DIRECTOR_REVIEW)
    assert mail.outbox == []
    assert call_command_output("send_digests") == "1 daily email(s) sent\n"
    (message,) = mail.outbox
    assert message.subject == "医保通办：今天有 2 条通知"
    assert first.number in message.body and second.number in message.body
    assert tasks.send_digests() == 0  # sent once
    assert set(Notification.objects.filter(recipient=director).values_list("mail", flat=True)) == {
        Mail.SENT
    }


def test_a_failed_mail_is_tried_again_later_and_later_until_it_goes(world, committed, settings):
    settings.EMAIL_BACKEND = "tests.workflows.notifications.failing.FailingBackend"
    referral = committed(open_referral, world, until=Step.DIRECTOR_REVIEW)
    (notification,) = Notification.objects.filter(recipient=world.users["director_wang"])
    assert notification.mail == Mail.PENDING and notification.mail_attempts == 1
    assert "SMTPServerDisconnected" in notification.mail_error
    first_wait = notification.next_mail_at - clock.now()
    assert datetime.timedelta(seconds=55) < first_wait <= datetime.timedelta(seconds=60)

    later = notification.next_mail_at + datetime.timedelta(seconds=1)
    assert services.mails_due(now=later) == [notification.pk]
    assert services.mails_due(now=later) == []  # leased to the worker it was given to
    assert not services.send_mail_of(notification.pk, now=later)
    notification.refresh_from_db()
    assert notification.mail_attempts == 2
    assert notification.next_mail_at - later == datetime.timedelta(seconds=120)  # doubled

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.send_mail_of(notification.pk, now=later)
    assert not services.send_mail_of(notification.pk, now=later)  # once
    assert len(mail.outbox) == 1 and referral.number in mail.outbox[0].subject


def test_a_step_whose_message_to_the_worker_was_lost_is_notified_by_the_sweep(world, monkeypatch):
    # Nothing waiting for the commit runs here: as if the broker had not answered then.
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    record = StepRecord.objects.filter(case_number=referral.number).last()
    assert not NotifiedStep.objects.filter(pk=record.pk).exists()
    later = record.at + datetime.timedelta(minutes=2)
    assert services.unnotified_steps(now=later) == [record.pk]
    monkeypatch.setattr(clock, "now", lambda: later)
    assert (
        call_command_output("sweep_notifications") == "1 step(s) notified or mail(s) sent again\n"
    )
    assert told(world.users["director_wang"]) == [(Kind.TASK, referral.number)]
    assert services.notify(record.pk, now=later) == []  # once, however often
    assert services.unnotified_steps(now=later) == []
    assert told(world.users["director_wang"]) == [(Kind.TASK, referral.number)]


def test_the_bell_counts_the_unread_and_the_page_lists_opens_and_marks_them(
    world, committed, client
):
    referral = committed(open_referral, world, until=Step.DIRECTOR_REVIEW)
    sign_in(client, "director_wang")
    page = client.get(reverse("home")).content.decode()
    assert "通知：1 条未读" in page
    page = client.get(reverse("notifications:list")).content.decode()
    assert f"转诊转院申请 {referral.number}（张**）等待您处理：科主任意见。" in page
    (notification,) = Notification.objects.filter(recipient=world.users["director_wang"])
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == referral.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "未读" not in client.get(reverse("home")).content.decode()


def test_mark_all_read_and_another_s_notification_is_not_found(world, committed, client):
    committed(open_referral, world, until=Step.DIRECTOR_REVIEW)
    committed(open_referral, world, until=Step.DIRECTOR_REVIEW)
    (mine, _other) = Notification.objects.filter(recipient=world.users["director_wang"])
    sign_in(client, "office_zhang")
    assert client.get(reverse("notifications:open", args=[mine.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[mine.pk])).status_code == 404
    client.logout()
    sign_in(client, "director_wang")
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "所有通知已标为已读。" in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_each_kind_s_delivery_is_chosen_on_the_settings_page(world, client):
    sign_in(client, "director_wang", "en")
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "A task arrives in my inbox" in page and "In the app, and by email at once" in page
    choices = {kind: Delivery.EMAIL for kind in Kind.values}
    response = client.post(
        reverse("notifications:preferences"), {**choices, Kind.TASK: Delivery.DIGEST}, follow=True
    )
    assert "Your choices are saved." in response.content.decode()
    assert services.preferences_of(world.users["director_wang"])[Kind.TASK] == Delivery.DIGEST
    response = client.post(reverse("notifications:preferences"), {**choices, Kind.TASK: "sms"})
    assert "Select a valid choice." in response.content.decode()


def test_the_owner_is_reminded_the_working_day_before_and_told_with_the_watchers_when_late(
    world, committed, monkeypatch
):
    from tests.workflows.test_deadlines import at, opened_on
    from workflows.audit.timers import run_workflow_timers

    def clock_at(moment):
        monkeypatch.setattr(clock, "now", lambda: moment)

    # The dean's 2 working days from Fri 13 February 2026: Sat 14 (worked in exchange for the
    # Spring Festival) and Tue 24.
    referral = committed(opened_on, world, clock_at, at(2026, 2, 13), Step.DEAN_SIGN)
    dean, office = world.users["dean_liu"], world.users["office_zhang"]
    clock_at(at(2026, 2, 14, 9))
    committed(run_workflow_timers, now=clock.now())
    assert told(dean)[-1] == (Kind.DUE_SOON, referral.number)
    reminder = Notification.objects.filter(recipient=dean).first()
    with translation.override("zh-hans"):
        assert services.message_of(reminder) == (
            f"转诊转院申请 {referral.number}（张**）将于2026年2月24日到期：分管院长签字。"
        )
    clock_at(at(2026, 2, 25, 9))
    committed(run_workflow_timers, now=clock.now())
    assert told(dean)[-1] == (Kind.OVERDUE, referral.number)
    assert told(office)[-1] == (Kind.OVERDUE, referral.number)  # watches over the dean's
    with translation.override("en"):
        assert services.message_of(Notification.objects.filter(recipient=office).first()) == (
            f"Referral {referral.number} (张**) was due on Feb. 24, 2026 and is overdue: "
            "signature of the dean in charge."
        )


def test_a_filing_tells_the_city_s_reviewers_and_then_its_applicant(world, committed):
    from tests.workflows.resettlement.conftest import submitted_filing
    from workflows.resettlement.review import filing_decide

    filing = committed(submitted_filing, world)
    committed(
        filing_decide,
        filing_id=filing.pk,
        by=world.users["center_chen"],
        decision="approve",
        reason="材料齐全",
    )
    assert told(world.users["center_chen"]) == [(Kind.TASK, filing.number)]
    assert told(world.users["unit_sun"]) == [(Kind.APPROVED, filing.number)]  # who filed it


def test_a_temporary_filing_s_people_are_told_a_week_before_it_expires(
    world, committed, monkeypatch
):
    from tests.workflows.resettlement.conftest import approved_filing
    from tests.workflows.resettlement.test_lifecycle import trip
    from workflows.audit.timers import run_workflow_timers

    filing = approved_filing(world, **trip(start_date=clock.today()))
    end = filing.end_date  # its months of validity, by the policy
    assert filing.state == "temporary_in_force" and end > clock.today() + datetime.timedelta(days=7)
    committed(run_workflow_timers, now=clock.now())
    assert told(world.users["unit_sun"]) == []  # more than a week before: not yet
    week_before = clock.now() + (end - clock.today()) - datetime.timedelta(days=7)
    monkeypatch.setattr(clock, "now", lambda: week_before)
    committed(run_workflow_timers, now=clock.now())
    committed(run_workflow_timers, now=clock.now())  # once
    assert told(world.users["unit_sun"]) == [(Kind.EXPIRING, filing.number)]
    (notification,) = Notification.objects.filter(recipient=world.users["unit_sun"])
    with translation.override("en"):
        assert services.message_of(notification).endswith(
            f"is in force until {formats.date_format(end, 'DATE_FORMAT')}, then expires."
        )


def test_a_task_someone_took_is_told_to_them_and_to_whoever_stands_in_for_them(world):
    from workflows.referrals.notices import AUDIENCE
    from workflows.referrals.services import CLAIMING
    from workflows.registry.standins.services import stand_in_name

    wu = make_second_reviewer(world)
    chen = world.users["center_chen"]
    referral = open_referral(world, until=Step.CENTER_APPROVE)
    record = StepRecord.objects.filter(case_number=referral.number).last()
    assert AUDIENCE.owners(referral, record) == [chen, wu]  # the city's reviewers
    CLAIMING.claim(case_id=referral.pk, by=chen)
    record = StepRecord.objects.filter(case_number=referral.number).last()
    assert AUDIENCE.owners(referral, record) == [chen]  # who took it
    week = clock.today() + datetime.timedelta(days=6)
    stand_in_name(absent=chen, stand_in=wu, starts_on=clock.today(), ends_on=week)
    assert AUDIENCE.owners(referral, record) == [chen, wu]  # and who stands in for her


def test_a_unit_s_batch_tells_nobody_by_itself_its_claims_tell_their_own(world):
    from workflows.claims.models import Claim, ClaimBatch

    assert services.audience_of(Claim) is not None
    assert services.audience_of(ClaimBatch) is None
