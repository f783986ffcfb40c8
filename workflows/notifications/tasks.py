"""The notifications' background work: made after a step commits, mailed, swept up, digested."""

import logging

from celery import shared_task
from django.db import transaction

from workflows import clock

from . import addresses, services

log = logging.getLogger(__name__)


def announce(record_id: int) -> None:
    """After a step's transaction commits: give its notifications to the worker. Should the
    broker not answer, the sweep makes them within a minute or two; the step stands."""
    try:
        notify_step.delay(record_id)
    except Exception as error:  # the broker's: the sweep catches up
        log.warning("step %s not given to the worker (%s): the sweep will notify", record_id, error)


def send_mails(ids: list[int]) -> None:
    for pk in ids:
        try:
            send_notification_mail.delay(pk)
        except Exception as error:  # the broker's: the sweep gives it out when its lease ends
            log.warning("mail of notification %s not given to the worker (%s)", pk, error)


@shared_task(name="workflows.notifications.notify_step")
def notify_step(record_id: int) -> int:
    """Make the notifications of one step, then send their emails; how many mails."""
    ids = services.notify(record_id, now=clock.now())
    send_mails(ids)
    return len(ids)


@shared_task(name="workflows.notifications.send_mail")
def send_notification_mail(notification_id: int) -> bool:
    """Send one notification's email (workflows/notifications/services.py says how a failure
    is tried again)."""
    return services.send_mail_of(notification_id, now=clock.now())


def mail_address_link(user_id: int, address: str) -> None:
    """Once the request's transaction commits, give the worker the mail that confirms a new
    address. Should the broker not answer, the person is told nothing more than that a link
    was sent, and may ask again: nothing changes until a link is opened."""
    transaction.on_commit(lambda: send_address_link.delay(user_id, address), robust=True)


@shared_task(
    name="workflows.notifications.send_address_link",
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=24,
)
def send_address_link(user_id: int, address: str) -> None:
    """Mail the link that confirms a person's new email address; a failure is tried again,
    later and later, for about a day (the person may also ask again)."""
    addresses.send_link(user_id, address)


@shared_task(name="workflows.notifications.sweep")
def sweep_notifications() -> int:
    """Every minute: notify the steps whose message to the worker was lost, and give out the
    mails whose wait after a failure, or whose lease, is over. How many of both."""
    now = clock.now()
    steps = services.unnotified_steps(now=now)
    for record_id in steps:
        send_mails(services.notify(record_id, now=now))
    due = services.mails_due(now=now)
    send_mails(due)
    return len(steps) + len(due)


@shared_task(name="workflows.notifications.send_digests")
def send_digests() -> int:
    """Every morning: each user's daily email of what waited for it; how many users got one."""
    now = clock.now()
    users = services.digest_recipients()
    return sum(services.send_digest(user_id, now=now) > 0 for user_id in users)
