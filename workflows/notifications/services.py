"""Notifications made, read and mailed.

The step record is the outbox: a step's notifications are made from it by the worker after
the step's transaction commits (``notify``), once (``NotifiedStep``), so a decision costs its
request no statement for them. A step whose message to the worker was lost (Redis down at that
moment) is found by the sweep (``unnotified_steps``), which the worker's schedule runs every
minute. A notification's email is sent by the worker and stays ``pending`` until it is: a
failed attempt is tried again later and later (``next_mail_at``, doubling up to an hour), and
one taken by a worker that died is given out again when its lease ends. So a mail is never
lost; it may, rarely, be sent twice (a worker killed between the sending and the recording).
"""

import datetime
import logging
from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.text import capfirst

from workflows.audit.models import Action, StepRecord

from .audience import NOTIFYING
from .choices import DEFAULT_DELIVERY, MESSAGES, Delivery, Kind, Mail
from .models import Notification, NotifiedStep, Preference

log = logging.getLogger(__name__)

# How long a mail given to the worker is its own before the sweep gives it out again.
LEASE = datetime.timedelta(minutes=10)
LONGEST_WAIT = datetime.timedelta(hours=1)
# How far back the sweep looks for steps whose notifications were never made.
SWEEP_WINDOW = datetime.timedelta(days=1)
# A step younger than this is the direct message's to notify, not the sweep's.
GRACE = datetime.timedelta(minutes=1)


def audience_of(model):
    """The ``Audience`` of a case ``model``, if its steps tell anyone anything (a claim's do,
    its unit's batch's do not: each of the batch's claims tells its own)."""
    audience = getattr(apps.get_app_config(model._meta.app_label), "audience", None)
    return audience if audience is not None and audience.model is model else None


def notify(record_id: int, *, now: datetime.datetime) -> list[int]:
    """Make the notifications of the step record ``record_id``, unless they are made already;
    the notifications whose email is to be sent at once."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                NotifiedStep.objects.create(record_id=record_id, at=now)
        except IntegrityError:
            return []  # made already, or being made by another worker
        record = StepRecord.objects.select_related("case_type").get(pk=record_id)
        model = record.case_type.model_class()
        audience = audience_of(model)
        if audience is None or record.action not in NOTIFYING:
            return []
        case = model.objects.select_related(*audience.joins).get(pk=record.case_id)
        told = audience.recipients(record, case)
        if not told:
            return []
        deliveries = deliveries_of([user for user, _kind in told])
        due = _due_of(record)
        rows = []
        for user, kind in told:
            mail = _mail_of(user, deliveries.get((user.pk, kind), DEFAULT_DELIVERY))
            rows.append(
                Notification(
                    recipient=user,
                    kind=kind,
                    record=record,
                    case_type=record.case_type,
                    case_id=case.pk,
                    case_number=case.number,
                    person=case.person.masked_name,
                    step=_step_of(record, case, audience, kind),
                    due=due,
                    path=case.get_absolute_url(),
                    created_at=record.at,
                    mail=mail,
                    next_mail_at=now + LEASE if mail == Mail.PENDING else None,
                )
            )
        Notification.objects.bulk_create(rows)
    return [row.pk for row in rows if row.mail == Mail.PENDING]


def _due_of(record) -> datetime.date | None:
    if record.action in (Action.OVERDUE, Action.REMIND) and record.opinion:
        return datetime.date.fromisoformat(record.opinion)
    return None


def _step_of(record, case, audience, kind) -> str:
    if kind == Kind.TASK:
        return audience.step_of_state.get(case.state, "")
    return record.step


def _mail_of(user, delivery: str) -> str:
    if not user.email or delivery == Delivery.APP:
        return Mail.NONE
    return Mail.DIGEST if delivery == Delivery.DIGEST else Mail.PENDING


def deliveries_of(users: Iterable) -> dict[tuple[int, str], str]:
    """(user pk, kind) -> how that user wants to be told of that kind, where they chose."""
    chosen = Preference.objects.filter(user__in=[user.pk for user in users])
    return {(p.user_id, p.kind): p.delivery for p in chosen}


def preferences_of(user) -> dict[str, str]:
    """Each kind -> how ``user`` is told of it."""
    chosen = {kind: delivery for (_pk, kind), delivery in deliveries_of([user]).items()}
    return {kind: chosen.get(kind, DEFAULT_DELIVERY) for kind in Kind.values}


@transaction.atomic
def set_preferences(user, chosen: dict[str, str]) -> None:
    """Keep ``user``'s choice of delivery for each kind in ``chosen``."""
    for kind, delivery in chosen.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def unnotified_steps(*, now: datetime.datetime) -> list[int]:
    """The recent steps that may tell someone something and whose notifications were not made
    (their message to the worker was lost), oldest first."""
    return list(
        StepRecord.objects.filter(
            at__gte=now - SWEEP_WINDOW, at__lt=now - GRACE, action__in=NOTIFYING
        )
        .exclude(pk__in=NotifiedStep.objects.filter(at__gte=now - SWEEP_WINDOW).values("pk"))
        .order_by("at", "pk")
        .values_list("pk", flat=True)
    )


def mails_due(*, now: datetime.datetime) -> list[int]:
    """The mails to be sent again now (a failed attempt's wait is over, or the worker that had
    it died), each leased for ``LEASE`` to the worker it is given to."""
    with transaction.atomic():
        due = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(mail=Mail.PENDING, next_mail_at__lte=now)
            .values_list("pk", flat=True)[:500]
        )
        Notification.objects.filter(pk__in=due).update(next_mail_at=now + LEASE)
    return due


def send_mail_of(notification_id: int, *, now: datetime.datetime) -> bool:
    """Send the email of one notification if it is still to be sent; whether it went. A
    failure is recorded and tried again after a wait that doubles with each attempt."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient", "case_type")
            .filter(pk=notification_id, mail=Mail.PENDING)
            .first()
        )
        if notification is None:
            return False  # sent already
        user = notification.recipient
        try:
            _send(user, [notification], digest=False)
        except Exception as error:  # the mail server's or the network's: try again later
            attempts = notification.mail_attempts + 1
            first = datetime.timedelta(seconds=settings.NOTIFICATION_MAIL_RETRY)
            wait = min(first * 2 ** (attempts - 1), LONGEST_WAIT)
            notification.mail_attempts = attempts
            notification.next_mail_at = now + wait
            notification.mail_error = f"{type(error).__name__}: {error}"[:200]
            notification.save(update_fields=["mail_attempts", "next_mail_at", "mail_error"])
            log.warning("mail of notification %s failed (%s): %s", notification_id, attempts, error)
            return False
        notification.mail, notification.mailed_at = Mail.SENT, now
        notification.mail_attempts += 1
        notification.save(update_fields=["mail", "mailed_at", "mail_attempts"])
    return True


def digest_recipients() -> list[int]:
    """The users with notifications waiting for their daily email."""
    return list(
        Notification.objects.filter(mail=Mail.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )


def send_digest(user_id: int, *, now: datetime.datetime) -> int:
    """Send ``user_id`` one email of every notification waiting for the daily email; how many
    it held (0 when none waited, or when the mail failed: they wait for the next one)."""
    with transaction.atomic():
        waiting = list(
            Notification.objects.select_for_update()
            .select_related("recipient", "case_type")
            .filter(recipient_id=user_id, mail=Mail.DIGEST)
            .order_by("created_at", "pk")
        )
        if not waiting:
            return 0
        user = waiting[0].recipient
        try:
            _send(user, waiting, digest=True)
        except Exception as error:
            log.warning("daily email of user %s failed: %s", user_id, error)
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(
            mail=Mail.SENT, mailed_at=now
        )
    return len(waiting)


def language_of(user) -> str:
    return user.language or settings.LANGUAGE_CODE


def _send(user, notifications: list[Notification], *, digest: bool) -> None:
    """Email ``notifications`` to ``user``, in their language; raises what the mail server
    raises."""
    with translation.override(language_of(user)):
        subject, body = _mail(notifications, digest=digest)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()


def _mail(notifications: list[Notification], *, digest: bool) -> tuple[str, str]:
    """The subject and text of an email of ``notifications``, in the active language."""
    lines = [(message_of(n), settings.SITE_URL + n.path) for n in notifications]
    context = {
        "user": notifications[0].recipient,
        "lines": lines,
        "digest": digest,
        "preferences": settings.SITE_URL + reverse("notifications:preferences"),
    }
    subject = render_to_string("notifications/mail_subject.txt", context)
    return " ".join(subject.split()), render_to_string("notifications/mail.txt", context)


def message_of(notification: Notification) -> str:
    """What ``notification`` says, in the active language."""
    model = notification.case_type.model_class()
    audience = audience_of(model)
    due = notification.due
    return MESSAGES[notification.kind] % {
        "case": capfirst(model._meta.verbose_name),
        "number": notification.case_number,
        "person": notification.person,
        "step": audience.step_label(notification.step) if audience else notification.step,
        "due": formats.date_format(due, "DATE_FORMAT") if due else "",
    }


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, *, now: datetime.datetime, pk: int | None = None) -> int:
    """Mark ``user``'s notification ``pk`` read, or all of their unread ones; how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=now)
