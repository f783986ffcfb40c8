"""The second step comes before every page: a signed-in user who owes a code is sent to
/account/two-step/ from any other page but sign-out and the language switcher."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .selectors import has_authenticator, is_required_for, is_verified

# Whether the signed-in user has an authenticator, asked once a session, at its sign-in (the
# pages that change it say so here): every page of a user without one then costs no query.
HAS_AUTHENTICATOR = "two_step_has_authenticator"
STILL_OPEN = ("logout", "set_language")


def owes_second_step(request) -> bool:
    """Whether ``request``'s user has given their password but not yet their code, and must:
    their role requires it, or they have turned it on."""
    user = request.user
    if not user.is_authenticated or is_verified(user):
        return False
    if is_required_for(user):
        return True
    if HAS_AUTHENTICATOR not in request.session:
        request.session[HAS_AUTHENTICATOR] = has_authenticator(user)
    return request.session[HAS_AUTHENTICATOR]


def remember_authenticator(request, present: bool) -> None:
    request.session[HAS_AUTHENTICATOR] = present


def to_two_step(next_url: str = ""):
    """The redirect to the two-step page, which sends the user on to ``next_url`` after."""
    page = reverse("two_step")
    return redirect(f"{page}?{urlencode({'next': next_url})}" if next_url else page)


class TwoStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if owes_second_step(request) and not self._still_open(request.path_info):
            wanted = request.get_full_path() if request.method in ("GET", "HEAD") else ""
            return to_two_step(wanted)
        response = self.get_response(request)
        # A sign-in has just given the session its user: whether they have an authenticator
        # is written with it, and no later page writes the session for it.
        if request.user.is_authenticated and HAS_AUTHENTICATOR not in request.session:
            remember_authenticator(request, has_authenticator(request.user))
        return response

    @staticmethod
    def _still_open(path: str) -> bool:
        return path.startswith(reverse("two_step")) or path in map(reverse, STILL_OPEN)
