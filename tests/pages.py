"""What the tests need to use the pages as people do: sign in, and say what a page says."""

from base64 import b32decode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

DEMO_PASSWORD = "yibao2026"
# The key of the authenticator the tests give each persona whose role signs in with two steps
# (the `world` fixture), as an app holds it after scanning the QR code.
TWO_STEP_KEY = "3132333435363738393031323334353637383930"


def said(message, *, language: str | None = None, **params) -> str:
    """``message`` with ``params``, as the code says it in ``language`` (default: the active
    language, which is what a page or a refusal says)."""
    with translation.override(language or translation.get_language()):
        return str(message) % params if params else str(message)


def sign_in_response(client, who: str, password: str = DEMO_PASSWORD, **request):
    """The sign-in page's answer to ``who``: a staff username, or an insured person's resident
    ID (they choose "insured people" on the page). ``request``: more of the request, such as
    the address it comes from (``REMOTE_ADDR``). Someone with an authenticator then types its
    code on the two-step page, and this is that page's answer."""
    if who[:1].isdigit():
        data = {"kind": "insured", "resident_id": who, "password": password}
    else:
        data = {"kind": "staff", "username": who, "password": password}
    response = client.post(reverse("login"), data, **request)
    signed_in = client.session.get("_auth_user_id")
    device = signed_in and TOTPDevice.objects.filter(user_id=signed_in, confirmed=True).first()
    if response.status_code != 302 or not device:
        return response
    code = {"code": authenticator_code(device), "next": response["Location"]}
    return client.post(reverse("two_step_verify"), code, **request)


def sign_in(client, who: str, language: str = "zh-hans", *, password: str = DEMO_PASSWORD):
    """Sign ``who`` in through the sign-in page (and the two-step page, with the code of their
    authenticator if they have one), reading the pages in ``language``."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = sign_in_response(client, who, password)
    assert response.status_code == 302, f"{who} could not sign in"


def code_of_key(key: str) -> str:
    """The code an authenticator app shows now for the key typed into it (base32, as the
    two-step setup page shows it)."""
    totp = TOTP(b32decode("".join(key.split()).upper()))
    return f"{totp.token():06d}"


def authenticator_code(device: TOTPDevice) -> str:
    """The code ``device``'s app shows now, as its owner types it. When this half-minute's code
    has been used already, the next half-minute's: a person waits for it, and the device takes
    it a step early, which spares the tests the wait."""
    now = TOTP(device.bin_key, device.step, device.t0, device.digits).t()
    step = max(now + device.drift, device.last_t + 1)
    return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"


def give_authenticator(user, key: str = TWO_STEP_KEY) -> TOTPDevice:
    """A confirmed authenticator of ``key`` for ``user``, as if they had set it up."""
    return TOTPDevice.objects.create(user=user, name="authenticator", key=key, confirmed=True)
