"""A persona at a browser: signs in on the sign-in page, chooses the language with the page's
switcher, follows links, fills forms, downloads files; every page they reach is checked."""

import re
import warnings
from pathlib import Path
from urllib.parse import urlsplit

from django.db.models import Q
from django.test import Client
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.forms import pdf
from tests.pages import DEMO_PASSWORD, authenticator_code
from tests.pages import sign_in as sign_in_by_client
from workflows.registry.forms import InsuredSignInForm, StaffSignInForm
from workflows.registry.twostep.forms import SignInCodeForm

from .checks import (
    Allowance,
    Reached,
    Screen,
    page_findings,
    policy_findings,
    refused_on,
    view_name,
)

# The switcher names each language in that language, whatever the page's language is.
SWITCHER = {"zh-hans": "中文", "en": "English"}
HTML_LANG = {"zh-hans": "zh-CN", "en": "en"}
RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")


class PageCheckFailed(AssertionError):
    pass


class Person:
    """One person in one browser context. Each page they reach passes ``checks.page_findings``
    unless an allowance names that page and rule, and what they do there (type, choose, press)
    makes the browser refuse nothing more under the page's policy, checked as they leave it;
    an allowance a journey no longer needs is reported (``unused_allowances``).
    ``record_only`` keeps the findings without failing on them, for the baseline tour;
    ``javascript=False``: a browser with JavaScript switched off, whose pages axe-core cannot
    check."""

    def __init__(
        self,
        page: Page,
        *,
        screen: Screen,
        allow: tuple[Allowance, ...] = (),
        record_only: bool = False,
        javascript: bool = True,
        base_url: str | None = None,
    ):
        self.page = page
        self.base_url = base_url
        self.javascript = javascript
        self.screen = screen
        self.allow = allow
        self.record_only = record_only
        self.reached: list[Reached] = []
        self._allowances_used: set[Allowance] = set()
        # Every page the browser loads, so that one reached around the check is noticed.
        self.loaded: list[str] = []
        page.on("load", lambda loaded: self.loaded.append(loaded.url))
        # How many of its policy's refusals the page shown had when it was checked.
        self._refusals_checked = 0

    # Getting around.

    def open(self, path: str) -> int:
        """Type an address: the sign-in page, or a page a journey starts from. The status."""
        self.check_what_the_page_refused_since()
        response = self.page.goto(path)
        self._arrived()
        return response.status if response else 200

    def follow(self, name: str, *, exact: bool = True) -> None:
        """Click the link of that name (its visible text, or its accessible name)."""
        self._navigate(self.page.get_by_role("link", name=name, exact=exact).first.click)

    def press(self, name: str) -> None:
        """Press the button of that name: a form is sent, the next page comes."""
        self._navigate(self.page.get_by_role("button", name=name, exact=True).click)

    def fill(self, label: str, value: str, *, exact: bool = False) -> None:
        """Type into the field of that label (``exact``: of exactly that label, or with the
        colon a form's label ends in)."""
        field = self._labelled(label) if exact else self.page.get_by_label(label)
        field.fill(value)

    def send_with_enter(self, label: str) -> None:
        """Press Enter in the text field of that label (a phone keyboard's "Go"): its form is
        sent, the next page comes."""
        self._navigate(lambda: self.page.get_by_label(label).press("Enter"))

    def select(self, label: str, option: str) -> None:
        """Choose, in the drop-down list of that label, the option whose text contains this."""
        choices = self.page.get_by_label(label)
        value = choices.locator("option", has_text=option).first.get_attribute("value")
        choices.select_option(value=value)

    def choose_files(self, label: str, files: list) -> None:
        """Click the file input of that label and hand the file chooser that opens these
        files (paths, or ``{"name", "mimeType", "buffer"}``), as a phone's or a computer's
        chooser does; it refuses several files when the input takes only one."""
        with self.page.expect_file_chooser() as chooser:
            self._labelled(label).click()
        chooser.value.set_files(files)

    def send_files(self, label: str, files: list, *, button: str) -> None:
        """Choose these files in the file input of that label and press the button of its
        form (the same name may stand on every form of the page)."""
        self.choose_files(label, files)
        form = self._labelled(label).locator("xpath=ancestor::form[1]")
        self._navigate(form.get_by_role("button", name=button, exact=True).click)

    def _labelled(self, label: str):
        """The field of exactly that label (a form's label may end in a colon)."""
        return self.page.get_by_label(re.compile(rf"^{re.escape(label)}[:：]?$"))

    def disclose(self, summary: str) -> None:
        """Open the disclosure (``<details>``) whose summary reads this."""
        self.page.locator("summary", has_text=summary).first.click()

    def choose_language(self, language: str) -> None:
        """Press the language switcher's button, unless the page is in that language already."""
        button = self.page.get_by_role("button", name=SWITCHER[language], exact=True)
        if not button.is_disabled():
            self._navigate(button.click)
        expect(self.page.locator("html")).to_have_attribute("lang", HTML_LANG[language])

    def sign_in(self, who: str, *, language: str, password: str = DEMO_PASSWORD) -> None:
        """Sign in on the sign-in page in that language: staff type their username, insured
        people choose "Insured people" and type their resident ID. Whoever has an
        authenticator then types the code it shows on the two-step page."""
        self.open("/login/")
        self.choose_language(language)
        if RESIDENT_ID.match(who):
            self.follow(self.gettext("Insured people"))
            label = InsuredSignInForm.base_fields["resident_id"].label
        else:
            label = StaffSignInForm().fields["username"].label
        self.fill(self.gettext(label), who)
        self.fill(self.gettext("Password"), password)
        self.press(self.gettext("Sign in"))
        self.give_the_code_if_asked(who)
        self._expect_signed_in()

    def start_signed_in(self, who: str, *, language: str) -> None:
        """Begin at the home page signed in as ``who``, in ``language``: as someone who signed
        in on this browser a moment ago. The server's own sign-in (the password, then the code
        of their authenticator if they have one) is gone through by Django's test client, and
        its cookies are handed to this browser, the way Playwright's guide reuses a signed-in
        state. The sign-in journeys type on the sign-in page (``sign_in``); the others start
        here, so that their time goes to their own pages."""
        client = Client(HTTP_USER_AGENT=self.page.evaluate("navigator.userAgent"))
        sign_in_by_client(client, who, language)
        self.page.context.add_cookies(
            [
                {"name": name, "value": cookie.value, "url": self.base_url}
                for name, cookie in client.cookies.items()
            ]
        )
        self.open("/")
        self._expect_signed_in()

    def _expect_signed_in(self) -> None:
        expect(self.page.get_by_role("button", name=self.gettext("Sign out"))).to_be_visible()

    def give_the_code_if_asked(self, who: str) -> None:
        """After the password: on the two-step page, the code ``who``'s authenticator shows."""
        device = _authenticator_of(who)
        if device is not None and self.on_page("/account/two-step/"):
            self.give_two_step_code(authenticator_code(device))

    def give_two_step_code(self, code: str) -> None:
        """Type a code (the app's, or a recovery code) on the two-step page and go on."""
        self.fill(self.gettext(SignInCodeForm.base_fields["code"].label), code)
        self.press(self.gettext("Continue"))

    # Downloads.

    def download(self, name: str) -> bytes:
        """Click the link of that name and keep the file the browser downloads."""
        link = self.page.get_by_role("link", name=name, exact=True)
        address = link.evaluate("(link) => link.href")
        # Chromium shows a PDF in its own viewer instead of downloading it, and headless
        # Chromium offers no setting to change that; so, as a person who has chosen
        # "Download PDFs" in the browser's settings, the file is asked for as an attachment.
        self.page.route(address, _as_attachment)
        try:
            with self.page.expect_download() as download:
                link.click()
            return Path(download.value.path()).read_bytes()
        finally:
            self.page.unroute(address, _as_attachment)

    def download_pdf_text(self, name: str) -> str:
        """The text of the PDF behind that link, read by pdftotext, spaces taken out."""
        data = self.download(name)
        assert data.startswith(b"%PDF-"), f"{name!r} did not download a PDF: {data[:80]!r}"
        return pdf.text(data)

    # What the person sees.

    def on_page(self, path: str) -> bool:
        """Whether the page shown is at ``path`` (or under it)."""
        return urlsplit(self.page.url).path.startswith(path)

    @property
    def language(self) -> str:
        lang = self.page.locator("html").get_attribute("lang")
        # The admin's pages name the language by its code.
        return next(code for code, html in HTML_LANG.items() if lang in (html, code))

    def gettext(self, message: str) -> str:
        """The text the page shows for this message in the page's language."""
        with translation.override(self.language):
            return str(translation.gettext(message) if isinstance(message, str) else message)

    def heading(self) -> str:
        return self.page.get_by_role("heading", level=1).first.inner_text()

    # The check of every page.

    def _navigate(self, action) -> None:
        self.check_what_the_page_refused_since()
        with self.page.expect_event("load"):
            action()
        self._arrived()

    def _arrived(self) -> None:
        # axe-core and the width check run as the page's JavaScript: with it switched off
        # there is nothing to run them in (the journeys with JavaScript check those pages).
        findings = []
        if self.javascript:
            # Read once: a refusal that comes later is reported as the person leaves.
            refused = refused_on(self.page)
            findings = page_findings(self.page, screen=self.screen, refused=refused)
            self._refusals_checked = len(refused)
        reached = Reached(
            view=view_name(self.page.url),
            url=self.page.url,
            screen=self.screen,
            language=self.language,
            findings=findings,
        )
        self.reached.append(reached)
        self._judge(reached, reached.findings)

    def check_what_the_page_refused_since(self) -> None:
        """Fail on what the browser refused under the page's policy since the page was
        checked: a script's work on what the person did. Before they leave it, and at the end
        of the journey."""
        if not self.javascript or not self.reached or self.page.is_closed():
            return
        refused = refused_on(self.page)
        late = policy_findings(refused[self._refusals_checked :])
        self._refusals_checked = len(refused)
        reached = self.reached[-1]
        reached.findings += late
        self._judge(reached, late)

    def _judge(self, reached: Reached, findings: list) -> None:
        if self.record_only:
            return
        failing = []
        for finding in findings:
            allowance = next((a for a in self.allow if a.covers(reached, finding)), None)
            if allowance is None:
                failing.append(finding)
            else:
                self._allowances_used.add(allowance)
        if failing:
            raise PageCheckFailed(reached.describe(failing))

    def unchecked_pages(self) -> list[str]:
        """The pages the browser loaded that the check did not see: reached by calling the
        Playwright page directly instead of ``open``, ``follow``, ``press`` or
        ``choose_language``."""
        checked = [reached.url for reached in self.reached]
        return [url for url in self.loaded if url not in checked]

    def unused_allowances(self) -> list[Allowance]:
        """The allowances for pages this person reached that matched nothing there: the page
        has been fixed, and the allowance can go."""
        return [
            allowance
            for allowance in self.allow
            if allowance not in self._allowances_used
            and any(allowance.applies_to(reached) for reached in self.reached)
        ]

    def warn_of_unused_allowances(self) -> None:
        for allowance in self.unused_allowances():
            warnings.warn(
                f"{allowance.page}: {allowance.rule} no longer fails on the "
                f"{self.screen.name}; take its allowance out of the journey",
                stacklevel=1,
            )


def _authenticator_of(who: str) -> TOTPDevice | None:
    """The authenticator of the staff member or insured person who signs in as ``who``."""
    signs_in_as = Q(user__username=who) | Q(user__insured_person__resident_id=who)
    return TOTPDevice.objects.filter(signs_in_as, confirmed=True).first()


def _as_attachment(route) -> None:
    response = route.fetch()
    disposition = response.headers.get("content-disposition", "")
    disposition = re.sub(r"^\s*inline\b", "attachment", disposition) or "attachment"
    route.fulfill(
        response=response, headers={**response.headers, "content-disposition": disposition}
    )
