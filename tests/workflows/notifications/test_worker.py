"""The worker makes a step's notifications once the step commits, and sends their mail; a mail
the server refuses stays to be sent, tried again later, never lost."""

import pytest

from tests.worker import eventually
from tests.workflows.referrals.conftest import open_referral
from workflows.notifications.choices import Kind, Mail
from workflows.notifications.models import Notification
from workflows.referrals.choices import Step


@pytest.fixture
def mail_dir(tmp_path, monkeypatch):
    """Where the worker writes its mails (Django's file backend, as under `make run`)."""
    folder = tmp_path / "mail"
    monkeypatch.setenv("EMAIL_FILE_PATH", str(folder))
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    return folder


@pytest.mark.postgres
def test_the_worker_notifies_a_step_after_it_commits_and_mails_it(mail_dir, worker, world):
    # The worker starts with the mail folder set, and before the world (on its database).
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)  # commits: nothing wraps it
    director = world.users["director_wang"]

    def mailed() -> bool:
        notification = Notification.objects.filter(recipient=director).first()
        return notification is not None and notification.mail == Mail.SENT

    assert eventually(mailed), "the worker did not notify the step or mail it"
    (notification,) = Notification.objects.filter(recipient=director)
    assert notification.kind == Kind.TASK and notification.case_number == referral.number
    (written,) = mail_dir.iterdir()
    text = written.read_text()
    assert f"To: {director.email}" in text and referral.number in text


@pytest.fixture
def refusing_mail_server(monkeypatch):
    """A mail server the worker cannot reach: nothing answers at its address."""
    monkeypatch.setenv("EMAIL_HOST", "127.0.0.1")
    monkeypatch.setenv("EMAIL_PORT", "9")
    monkeypatch.setenv("EMAIL_USE_TLS", "0")
    monkeypatch.setenv("NOTIFICATION_MAIL_RETRY", "1")


@pytest.mark.postgres
def test_a_mail_the_server_refuses_is_kept_and_tried_again(refusing_mail_server, worker, world):
    open_referral(world, until=Step.DIRECTOR_REVIEW)
    director = world.users["director_wang"]

    def failed() -> bool:
        notification = Notification.objects.filter(recipient=director).first()
        return notification is not None and notification.mail_attempts >= 1

    assert eventually(failed), "the worker did not try to send the mail"
    (notification,) = Notification.objects.filter(recipient=director)
    assert notification.mail == Mail.PENDING  # kept, to be sent again
    assert "ConnectionRefused" in notification.mail_error
    assert notification.next_mail_at > notification.created_at


@pytest.fixture
def silent_mail_server():
    """A mail server that takes the connection and never says a word: a worker sending a mail
    to it waits, until it is killed."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    connected = threading.Event()
    held = []

    def accept():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)
            connected.set()

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1], connected
    listener.close()
    for conn in held:
        conn.close()


@pytest.mark.postgres
def test_a_mail_whose_worker_is_killed_while_sending_is_sent_by_another(
    workers, world, mail_dir, silent_mail_server
):
    import datetime
    import signal

    from workflows import clock
    from workflows.notifications import services, tasks

    port, connected = silent_mail_server
    first = workers.start(
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_USE_TLS="0", EMAIL_TIMEOUT="120"
    )
    open_referral(world, until=Step.DIRECTOR_REVIEW)
    assert connected.wait(60), "the worker did not try to send the mail"
    first.send_signal(signal.SIGKILL)  # in the middle of sending it
    first.wait(timeout=30)
    (notification,) = Notification.objects.filter(recipient=world.users["director_wang"])
    assert notification.mail == Mail.PENDING and notification.mail_attempts == 0

    workers.start()  # another worker, whose mail reaches the mail folder
    # Its lease over, the sweep gives the mail out again (so would the broker, given back the
    # unacknowledged task after CELERY_VISIBILITY_TIMEOUT).
    later = clock.now() + services.LEASE + datetime.timedelta(seconds=1)
    assert services.mails_due(now=later) == [notification.pk]
    tasks.send_mails([notification.pk])

    def sent() -> bool:
        notification.refresh_from_db()
        return notification.mail == Mail.SENT

    assert eventually(sent), "the mail was not sent by the second worker"
    assert len(list(mail_dir.iterdir())) == 1
