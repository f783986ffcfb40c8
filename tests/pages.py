"""What the tests need to use the pages as people do: sign in, and say what a page says."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

DEMO_PASSWORD = "yibao2026"


def said(message, *, language: str | None = None, **params) -> str:
    """``message`` with ``params``, as the code says it in ``language`` (default: the active
    language, which is what a page or a refusal says)."""
    with translation.override(language or translation.get_language()):
        return str(message) % params if params else str(message)


def sign_in_response(client, who: str, password: str = DEMO_PASSWORD, **request):
    """The sign-in page's answer to ``who``: a staff username, or an insured person's resident
    ID (they choose "insured people" on the page). ``request``: more of the request, such as
    the address it comes from (``REMOTE_ADDR``)."""
    if who[:1].isdigit():
        data = {"kind": "insured", "resident_id": who, "password": password}
    else:
        data = {"kind": "staff", "username": who, "password": password}
    return client.post(reverse("login"), data, **request)


def sign_in(client, who: str, language: str = "zh-hans") -> None:
    """Sign ``who`` in through the sign-in page, reading the pages in ``language``."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = sign_in_response(client, who)
    assert response.status_code == 302, f"{who} could not sign in"
