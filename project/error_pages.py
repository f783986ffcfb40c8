"""The project's own not-found page under DEBUG too (settings.DEBUG_PAGES turns Django's back).

With DEBUG on, Django answers an Http404 with its yellow debug page, in English, naming the URL
patterns: what a developer chasing a routing bug wants, and not what `make run` should show a
person who opens a case that is not theirs. Unless DEBUG_PAGES is on, this middleware answers
it as production does, with templates/404.html in the person's language. (A PermissionDenied
is answered with templates/403.html whatever DEBUG is, by Django itself.)
"""

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, get_resolver, get_urlconf


class ProjectErrorPages:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._shown(request):
            # An address no URL pattern matches raises before any middleware sees it.
            try:
                get_resolver(getattr(request, "urlconf", get_urlconf())).resolve(request.path_info)
            except Resolver404 as exc:
                return self.not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and self._shown(request):
            return self.not_found(request, exception)
        return None

    @staticmethod
    def _shown(request) -> bool:
        return settings.DEBUG and not settings.DEBUG_PAGES

    @staticmethod
    def not_found(request, exception):
        resolver = get_resolver(getattr(request, "urlconf", get_urlconf()))
        return resolver.resolve_error_handler(404)(request, exception)
