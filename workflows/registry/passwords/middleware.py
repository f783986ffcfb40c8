"""A signed-in person whose password someone else gave them (``User.must_change_password``)
is sent to the password page from every page but that one, sign-out and the language
switcher, and comes back to the page they asked for once they have chosen their own."""

from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse

# By their URL names. A step of sign-in that comes before this one (a two-step code) adds its
# pages here, so that the person can reach it first.
REACHABLE_BEFORE_CHANGE = frozenset(
    {
        "password_change",
        "logout",
        "set_language",
        # The two-step code, its setup and the recovery codes shown once after it.
        "two_step",
        "two_step_verify",
        "two_step_confirm",
        "two_step_qr",
        "two_step_recovery_codes",
    }
)


class PasswordChangeRequired:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and user.must_change_password):
            return None
        if request.resolver_match.view_name in REACHABLE_BEFORE_CHANGE:
            return None
        page = reverse("password_change")
        if request.method in ("GET", "HEAD"):  # as Django's sign-in page is asked for
            query = QueryDict(mutable=True)
            query["next"] = request.get_full_path()
            page += "?" + query.urlencode(safe="/")
        return redirect(page)
