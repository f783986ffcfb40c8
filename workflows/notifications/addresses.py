"""A person's own email address, where their notifications' emails go: set by the person on the
settings page, and used only once they have opened the link mailed to it (so that nobody's
mail goes to an address mistyped or not theirs). Removing it needs no link.

The link holds, signed, who asked, the address and the address they had when they asked: it
is good for ``VALID_FOR``, for that person alone, and not once the address has changed since.
Nothing is stored until it is opened.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from workflows.registry.models import User

from .services import language_of

SALT = "workflows.notifications.address"
VALID_FOR = datetime.timedelta(days=2)
EXPIRED = _("This link has expired: enter the address again on the settings page for a new one.")
NOT_VALID = _("This link is not valid: open the one in the latest email, or ask for a new one.")
NOT_YOURS = _("This link was sent for another account: sign in as the person who asked for it.")
CHANGED_SINCE = _("Your email address has changed since this link was sent: ask for a new one.")


def link_for(user: User, address: str) -> str:
    """The confirmation link of ``address`` for ``user`` (a path on this site)."""
    token = signing.dumps({"user": user.pk, "email": address, "was": user.email}, salt=SALT)
    return reverse("notifications:confirm_address", args=[token])


def send_link(user_id: int, address: str) -> None:
    """Mail the confirmation link of ``address`` to it, in the person's language (the worker's
    task; raises what the mail server raises, for the worker to try again)."""
    user = User.objects.get(pk=user_id)
    with translation.override(language_of(user)):
        context = {"user": user, "link": settings.SITE_URL + link_for(user, address)}
        subject = " ".join(render_to_string("notifications/address_subject.txt", context).split())
        body = render_to_string("notifications/address.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]).send()


@transaction.atomic
def remove(user: User) -> None:
    """No more email for ``user``: their notifications stay in the app."""
    user.email = ""
    user.save(update_fields=["email"])


@transaction.atomic
def confirm(user: User, token: str) -> str:
    """Use the address of ``token``'s link from now on, if it is ``user``'s and still good;
    the address. Refused with why otherwise."""
    try:
        asked = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.SignatureExpired as error:
        raise ValidationError(EXPIRED, code="expired") from error
    except signing.BadSignature as error:
        raise ValidationError(NOT_VALID, code="not_valid") from error
    if asked["user"] != user.pk:
        raise PermissionDenied(NOT_YOURS)
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.email == asked["email"]:
        return locked.email  # opened twice: already in use
    if locked.email != asked["was"]:
        raise ValidationError(CHANGED_SINCE, code="changed")
    locked.email = asked["email"]
    locked.save(update_fields=["email"])
    return locked.email
