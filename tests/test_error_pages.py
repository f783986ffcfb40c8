"""Under `make run` (DEBUG on) a case that is missing or not the person's, or a page they may
not see, answers with the project's own pages in their language, as in production; a developer
who sets DEBUG_PAGES gets Django's debug page back."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from tests.pages import said, sign_in
from workflows.claims.models import Claim
from workflows.policy.views import NO_ACCESS

HUANG = "420102198503122046"  # 黄小红
WANG = "420111199006150717"  # 王强: his claims are not hers to see
DEBUG_404 = "Using the URLconf defined in"  # Django's technical 404 page says this


@pytest.fixture
def demo_cases(world, media):
    call_command("load_demo_cases", verbosity=0)


@pytest.fixture
def make_run(settings):
    """The settings `make run` serves with: DEBUG on, DEBUG_PAGES off."""
    settings.DEBUG = True
    settings.DEBUG_PAGES = False
    return settings


def not_found_pages(client, language: str) -> list:
    foreign = Claim.objects.filter(person__resident_id=WANG).first()
    sign_in(client, HUANG, language=language)
    return [
        client.get(reverse("claims:detail", args=[foreign.pk])),
        client.get(reverse("claims:detail", args=[foreign.pk + 10_000])),
        client.get("/no-such-page/"),
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_with_debug_a_foreign_or_missing_case_shows_the_project_s_not_found_page(
    client, demo_cases, make_run, language
):
    for response in not_found_pages(client, language):
        assert response.status_code == 404
        page = response.content.decode()
        assert (
            said(_("There is nothing here, or it is not yours to see."), language=language) in page
        )
        assert f'<html lang="{"zh-CN" if language == "zh-hans" else "en"}">' in page
        assert DEBUG_404 not in page


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_with_debug_a_page_the_person_may_not_see_shows_the_project_s_forbidden_page(
    client, demo_cases, make_run, language
):
    sign_in(client, HUANG, language=language)
    response = client.get(reverse("policies:list"))
    assert response.status_code == 403
    page = response.content.decode()
    assert said(_("Not allowed"), language=language) in page
    assert escape(said(NO_ACCESS, language=language)) in page


def test_with_debug_pages_the_developer_gets_django_s_debug_page(client, demo_cases, make_run):
    make_run.DEBUG_PAGES = True
    for response in not_found_pages(client, "zh-hans"):
        assert response.status_code == 404
        assert DEBUG_404 in response.content.decode()


@pytest.mark.parametrize(("value", "shown"), [("1", "True"), ("", "False")])
def test_debug_pages_is_read_from_the_environment(value, shown):
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG_PAGES)"],
        cwd=settings.BASE_DIR,
        env={
            "DJANGO_SETTINGS_MODULE": "project.settings",
            "DEBUG": "1",
            "DEBUG_PAGES": value,
            "ENV_FILE": "",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == shown
