"""A person sets their own email address on the settings page: a link is mailed to the new
address (by the worker, after the request), and the address is used once the link is opened
by that person, within two days, before any other change. Removing it needs no link."""

import re
import time

from django.core import mail, signing
from django.urls import reverse

from tests.pages import sign_in
from workflows.notifications import addresses
from workflows.notifications.choices import Kind

NEW = "wang.fang@hospital.example.cn"


def save(client, capture, email: str):
    with capture(execute=True):
        return client.post(
            reverse("notifications:preferences"),
            {**{kind: "app" for kind in Kind.values}, "email": email},
            follow=True,
        )


def link_in(message) -> str:
    return re.search(r"http\S+(/notifications/address/\S+/)", message.body).group(1)


def test_a_new_address_is_used_once_its_link_is_opened(
    world, client, django_capture_on_commit_callbacks
):
    wang = world.users["director_wang"]
    wang.language = "en"  # the mail is in the person's language
    wang.save(update_fields=["language"])
    before = wang.email
    sign_in(client, "director_wang", "en")
    page = save(client, django_capture_on_commit_callbacks, NEW).content.decode()

    assert f"A link was sent to {NEW}: open it to have your emails sent there." in page
    wang.refresh_from_db()
    assert wang.email == before  # nothing changes until the link is opened
    (sent,) = mail.outbox
    assert sent.to == [NEW] and "Confirm your email address" in sent.subject
    assert "王芳" in sent.body

    page = client.get(link_in(sent), follow=True).content.decode()
    assert f"Your emails now go to {NEW}." in page
    wang.refresh_from_db()
    assert wang.email == NEW
    assert f'value="{NEW}"' in page
    # Opened again: still in use, nothing else changes.
    assert (
        f"Your emails now go to {NEW}." in client.get(link_in(sent), follow=True).content.decode()
    )


def test_in_chinese_the_page_the_mail_and_the_refusals_are_chinese(
    world, client, django_capture_on_commit_callbacks
):
    sign_in(client, "director_wang")
    page = save(client, django_capture_on_commit_callbacks, "abc").content.decode()
    assert "请输入有效的邮箱地址，例如 name@example.cn。" in page
    assert not mail.outbox

    page = save(client, django_capture_on_commit_callbacks, NEW).content.decode()
    assert f"确认链接已发送至 {NEW}" in page
    (sent,) = mail.outbox
    assert "确认" in sent.subject and "两天" in sent.body
    page = client.get(link_in(sent), follow=True).content.decode()
    assert f"今后您的邮件将发送至 {NEW}。" in page


def test_another_person_a_changed_link_an_expired_or_altered_one_are_refused(
    world, client, django_capture_on_commit_callbacks, monkeypatch
):
    wang = world.users["director_wang"]
    before = wang.email
    to_b = addresses.link_for(wang, "b@example.cn")
    to_c = addresses.link_for(wang, "c@example.cn")
    real_time = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 3 * 24 * 3600)
    old = addresses.link_for(wang, "old@example.cn")
    monkeypatch.setattr(signing.time, "time", real_time)

    sign_in(client, "office_zhang", "en")
    page = client.get(to_b, follow=True).content.decode()
    assert "This link was sent for another account" in page
    client.logout()

    sign_in(client, "director_wang", "en")
    assert "This link has expired" in client.get(old, follow=True).content.decode()
    altered = to_b.replace(to_b.split("/")[-2][:6], "AAAAAA")
    assert "This link is not valid" in client.get(altered, follow=True).content.decode()
    wang.refresh_from_db()
    assert wang.email == before

    assert "Your emails now go to c@example.cn." in client.get(to_c, follow=True).content.decode()
    page = client.get(to_b, follow=True).content.decode()
    assert "Your email address has changed since this link was sent" in page
    wang.refresh_from_db()
    assert wang.email == "c@example.cn"


def test_an_address_left_empty_is_removed_at_once(
    world, client, django_capture_on_commit_callbacks
):
    sign_in(client, "director_wang", "en")
    page = save(client, django_capture_on_commit_callbacks, "").content.decode()
    assert "Your email address is removed: your notifications are in the app only." in page
    assert "no email can reach you: enter yours below." in page
    assert not mail.outbox
    world.users["director_wang"].refresh_from_db()
    assert world.users["director_wang"].email == ""
