"""Sign-in and the language switcher."""

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .forms import InsuredSignInForm, StaffSignInForm


class SignInView(LoginView):
    """One page, two ways in: staff by username, insured people by resident ID."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def _kind(self) -> str:
        kind = self.request.POST.get("kind") or self.request.GET.get("as")
        return "insured" if kind == "insured" else "staff"

    def get_form_class(self):
        return InsuredSignInForm if self._kind() == "insured" else StaffSignInForm

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().language
        if language and check_for_language(language):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "kind": self._kind()}


@require_POST
def set_language(request):
    """Django's switcher, and the choice is remembered on the account for the next sign-in."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
