"""Every page answers with the site's Content-Security-Policy and Permissions-Policy, the admin's
and the error pages too; a document download keeps its own stricter headers; and no template a
page is made of holds what the policy refuses (an inline script or event handler, a style
attribute or a <style> element)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.pages import sign_in
from workflows.claims.models import Claim
from workflows.documents.selectors import documents_of
from workflows.policy.models import Policy
from workflows.referrals.models import Referral

HUANG = "420102198503122046"  # 黄小红: her claims have their documents
# The policy of every page, directive by directive: the site's own files only, nothing inline.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'report-sample'"],
    "style-src": ["'self'", "'report-sample'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# A document download: nothing in it may load or run, whatever the browser makes of it.
DOWNLOAD_POLICY = {"default-src": ["'none'"], "sandbox": []}
FEATURES_OFF = ("geolocation", "microphone", "payment", "usb", "serial", "hid", "display-capture")
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The printed forms are rendered to PDF by WeasyPrint, never served as a page.
PRINTED_FORMS = TEMPLATES / "forms"


@pytest.fixture
def demo_cases(world, media):
    call_command("load_demo_cases", verbosity=0)


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def permissions(header: str) -> dict[str, str]:
    return dict(item.strip().split("=", 1) for item in header.split(","))


def huang_s_claim() -> Claim:
    return Claim.objects.filter(person__resident_id=HUANG).order_by("pk").first()


def _admin_pages():
    policy = Policy.objects.order_by("pk").first()
    return [
        reverse("admin:index"),
        reverse("admin:policy_policy_changelist"),
        reverse("admin:policy_policy_change", args=[policy.pk]),
        reverse("admin:registry_user_add"),
    ]


# (who signs in, or None; what they ask for; the status it answers with)
PAGES = {
    "sign-in": (None, lambda: reverse("login"), 200),
    "home": (HUANG, lambda: reverse("home"), 200),
    "case page": (HUANG, lambda: huang_s_claim().get_absolute_url(), 200),
    "inbox": ("center_chen", lambda: reverse("inbox"), 200),
    "not found": (HUANG, lambda: "/no-such-page/", 404),
    "forbidden": (HUANG, lambda: reverse("policies:list"), 403),
    "admin sign-in": (None, lambda: reverse("admin:login"), 200),
}


@pytest.mark.parametrize("page", PAGES)
def test_every_kind_of_page_answers_with_the_strict_policy_and_the_permissions_policy(
    client, demo_cases, page
):
    who, address, status = PAGES[page]
    if who:
        sign_in(client, who)
    response = client.get(address())
    assert response.status_code == status
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert "unsafe" not in response["Content-Security-Policy"]
    features = permissions(response["Permissions-Policy"])
    assert features["camera"] == "(self)"
    assert all(features[feature] == "()" for feature in FEATURES_OFF)


def test_the_admin_s_pages_answer_with_the_same_policies(client, demo_cases):
    sign_in(client, "admin")
    for address in _admin_pages():
        response = client.get(address)
        assert response.status_code == 200, address
        assert directives(response["Content-Security-Policy"]) == POLICY, address
        assert permissions(response["Permissions-Policy"])["geolocation"] == "()"


def test_a_document_download_keeps_its_own_stricter_headers(client, demo_cases):
    claim = huang_s_claim()
    document = documents_of(claim).first()
    sign_in(client, HUANG)
    response = client.get(reverse("claims:document", args=[claim.pk, document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert directives(response["Content-Security-Policy"]) == DOWNLOAD_POLICY
    assert permissions(response["Permissions-Policy"])["camera"] == "(self)"


def test_a_printed_form_is_a_pdf_under_the_site_s_policy(client, demo_cases):
    referral = Referral.objects.order_by("pk").first()
    sign_in(client, "doctor_li")
    response = client.get(reverse("referrals:approval_form", args=[referral.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert directives(response["Content-Security-Policy"]) == POLICY


REPORT_URI = "https://reports.example.org/csp"


def report_uri_with(value: str) -> str:
    """The policy's report-uri under production settings with CSP_REPORT_URI at ``value``."""
    script = (
        "from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('report-uri'))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "project.settings",
        "SECRET_KEY": "k" * 50,
        "ENV_FILE": "",
        "CSP_REPORT_URI": value,
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_a_report_address_from_the_environment_is_named_in_the_policy():
    assert report_uri_with(REPORT_URI) == f"['{REPORT_URI}']"
    assert report_uri_with("") == "None"


# What the policy refuses, as it stands in a template: a <script> without src, an inline event
# handler (onchange=...), a javascript: address, a style attribute, a <style> element.
REFUSED = {
    "an inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "an inline event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "a javascript: address": re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE),
    "a style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE),
    "a <style> element": re.compile(r"<style\b", re.IGNORECASE),
}
# Django's own markup, which may hold ">" of its own (`{% if a > b %}`) and is no HTML.
DJANGO_MARKUP = re.compile(
    r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}|{%.*?%}|{{.*?}}", re.DOTALL
)


def page_templates() -> list[Path]:
    return sorted(
        path for path in TEMPLATES.rglob("*.html") if not path.is_relative_to(PRINTED_FORMS)
    )


def refused_in(text: str) -> list[str]:
    markup = DJANGO_MARKUP.sub(" ", text)
    return [what for what, pattern in REFUSED.items() if pattern.search(markup)]


def test_no_page_template_holds_inline_code_or_style():
    templates = page_templates()
    assert TEMPLATES / "base.html" in templates
    found = {
        str(path.relative_to(TEMPLATES)): refused
        for path in templates
        if (refused := refused_in(path.read_text()))
    }
    assert found == {}


@pytest.mark.parametrize(
    ("markup", "refused"),
    [
        ('<select name="state" onchange="this.form.submit()">', "an inline event handler"),
        ("<script>start();</script>", "an inline <script>"),
        ('<a href="javascript:void(0)">', "a javascript: address"),
        ('<td class="n" style="width: 3em">', "a style attribute"),
        ("<style>p { color: red }</style>", "a <style> element"),
    ],
)
def test_the_template_scan_finds_each_kind_of_inline_code(markup, refused):
    assert refused in refused_in(markup)


def test_the_template_scan_passes_a_script_file_and_a_stylesheet():
    markup = (
        '{% load static %}<link rel="stylesheet" href="{% static \'css/app.css\' %}">'
        "<script src=\"{% static 'js/departments.js' %}\" defer></script>"
        '<option value="{{ value }}"{% if value > 1 %} selected{% endif %}>'
    )
    assert refused_in(markup) == []


PRINTED_FORM_TEMPLATE = re.compile(r"""["']forms/[\w/.-]+\.html""")


def test_no_page_is_made_of_a_printed_form_s_template():
    """Only forms/render.py renders them (to PDF): no page template includes or extends one,
    no view renders one."""
    for path in page_templates():
        assert not PRINTED_FORM_TEMPLATE.search(path.read_text()), path
    for package in ("workflows", "project"):
        for path in Path(settings.BASE_DIR, package).rglob("*.py"):
            assert not PRINTED_FORM_TEMPLATE.search(path.read_text()), path
