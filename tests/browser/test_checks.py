"""The check of every page a journey reaches: strict unless an allowance names the defect, and
a failure says what is wrong and where."""

import pytest

from .checks import CONTENT_SECURITY_POLICY, DESKTOP, PHONE, SCROLLS_SIDEWAYS, Allowance
from .person import PageCheckFailed

SITE = "http://pages.test"
PICTURE = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
WIDE_TABLE = '<table id="lines"><tr><td style="min-width: 600px">一行费用明细</td></tr></table>'


def html(body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>A page</title></head><body><main><h1>A page</h1>{body}</main></body></html>"
    )


def serve(person, path: str, body: str) -> str:
    """A page of the given body at SITE + path, in the browser of that person only."""
    page = html(body)
    person.page.route(SITE + path, lambda route: route.fulfill(body=page, content_type="text/html"))
    return SITE + path


def serve_under_the_site_s_policy(person, path: str, body: str) -> str:
    """The live server's answer at ``path``, its headers and so its Content-Security-Policy
    as they are, with a page of the given body instead of its own."""
    page = html(body)
    person.page.route(f"**{path}", lambda route: route.fulfill(response=route.fetch(), body=page))
    return path


def failure(person, address: str) -> str:
    with pytest.raises(PageCheckFailed) as failed:
        person.open(address)
    return str(failed.value)


def test_a_picture_without_a_text_alternative_fails_naming_the_rule_the_element_and_the_help(
    browse,
):
    person = browse(DESKTOP)
    message = failure(person, serve(person, "/picture/", PICTURE))
    assert message.startswith("page /picture/ (http://pages.test/picture/) on the desktop, in en")
    assert "- image-alt (critical): Images must have alternative text" in message
    assert "\n    img\n" in message
    assert "https://dequeuniversity.com/rules/axe/" in message


def test_a_reference_to_a_help_text_not_on_the_page_fails_though_axe_only_asks_for_review(browse):
    person = browse(DESKTOP)
    field = '<label for="name">Name</label><input id="name" aria-describedby="name_helptext">'
    message = failure(person, serve(person, "/field/", field))
    assert "- aria-valid-attr-value (critical, axe-core: needs review)" in message
    assert 'aria-describedby="name_helptext"' in message


def test_a_phone_page_wider_than_the_screen_fails_with_its_width_and_what_sticks_out(browse):
    person = browse(PHONE)
    message = failure(person, serve(person, "/lines/", WIDE_TABLE))
    assert f"- {SCROLLS_SIDEWAYS} (serious): the page is " in message
    assert " px wide on a 390 px screen and scrolls sideways" in message
    assert "\n    td (602 px wide" in message
    assert "table#lines" in message


def test_the_wide_table_passes_on_the_desktop_and_inside_a_box_that_scrolls_on_the_phone(browse):
    desktop = browse(DESKTOP)
    desktop.open(serve(desktop, "/lines/", WIDE_TABLE))
    phone = browse(PHONE)
    phone.open(serve(phone, "/lines/", f'<div style="overflow-x: auto">{WIDE_TABLE}</div>'))
    assert desktop.reached[-1].findings == phone.reached[-1].findings == []


def test_an_allowance_naming_the_page_and_the_rule_lets_the_journey_go_on(browse):
    allowance = Allowance("/picture/", "image-alt", why="the picture has no text yet")
    person = browse(DESKTOP, allow=[allowance])
    person.open(serve(person, "/picture/", PICTURE))
    assert [finding.rule for finding in person.reached[-1].findings] == ["image-alt"]
    assert person.unused_allowances() == []


def test_an_allowance_for_another_screen_or_language_does_not(browse):
    allowances = [
        Allowance("/picture/", "image-alt", why="only on the phone", screen="phone"),
        Allowance("/picture/", "image-alt", why="only in Chinese", language="zh-hans"),
    ]
    person = browse(DESKTOP, allow=allowances)
    assert "image-alt (critical)" in failure(person, serve(person, "/picture/", PICTURE))


@pytest.mark.filterwarnings("ignore:/picture/. image-alt no longer fails")
def test_an_allowance_a_fixed_page_no_longer_needs_is_reported(browse):
    allowance = Allowance("/picture/", "image-alt", why="fixed since")
    person = browse(DESKTOP, allow=[allowance])
    person.open(serve(person, "/picture/", '<img src="x.gif" alt="一张图">'))
    assert person.unused_allowances() == [allowance]
    with pytest.warns(UserWarning, match="take its allowance out"):
        person.warn_of_unused_allowances()


def test_a_page_reached_around_the_check_is_noticed(browse):
    person = browse(DESKTOP)
    person.open(serve(person, "/first/", '<a href="/second/">next</a>'))
    person.page.goto(serve(person, "/second/", "<p>Not checked.</p>"))
    assert person.unchecked_pages() == [SITE + "/second/"]
    person.loaded.clear()  # the fixture would fail the test on it


INLINE_CODE = [
    (
        '<script>document.title = "changed";</script>',
        """script-src-elem: an inline <script> refused: 'document.title = "changed";'""",
    ),
    (
        '<p style="color: #a00">Red words</p>',
        "style-src-attr: a style attribute refused: 'color: #a00'",
    ),
    (
        "<style>p { color: #a00; }</style><p>Red words</p>",
        "style-src-elem: an inline <style> refused: 'p { color: #a00; }'",
    ),
    (
        """<img src="/static/no-such-picture.png" alt="" onerror="this.alt = 'gone'">""",
        "script-src-attr: an inline event handler refused: \"this.alt = 'gone'\"",
    ),
    (
        '<script src="https://cdn.example.org/library.js"></script>',
        "script-src-elem: https://cdn.example.org/library.js refused",
    ),
]


@pytest.mark.parametrize(
    ("body", "refused"), INLINE_CODE, ids=["script", "style-attribute", "style", "handler", "cdn"]
)
def test_what_the_site_s_policy_refuses_fails_the_page_naming_the_directive_and_the_code(
    visit, body, refused
):
    person = visit(DESKTOP)
    message = failure(person, serve_under_the_site_s_policy(person, "/login/", body))
    assert message.startswith("page login (http://localhost:")
    assert f"- {CONTENT_SECURITY_POLICY} (serious): the browser refused 1 thing(s)" in message
    assert f"\n    {refused}" in message


def test_the_same_page_without_inline_code_passes_under_the_site_s_policy(visit):
    person = visit(DESKTOP)
    person.open(serve_under_the_site_s_policy(person, "/login/", "<p>Plain words</p>"))
    assert person.reached[-1].findings == []


def test_a_refusal_a_script_causes_after_the_check_fails_the_page_when_the_person_leaves(visit):
    person = visit(DESKTOP)
    # A script of the site's own that sets a style attribute when the button is pressed.
    late = (
        "document.querySelector('button').addEventListener('click',"
        " () => document.body.setAttribute('style', 'color: #a00'));"
    )
    person.page.route(
        "**/static/js/late.js",
        lambda route: route.fulfill(body=late, content_type="text/javascript"),
    )
    body = '<button type="button">Red</button><script src="/static/js/late.js"></script>'
    person.open(serve_under_the_site_s_policy(person, "/login/", body))
    person.page.get_by_role("button", name="Red").click()
    with pytest.raises(PageCheckFailed) as failed:
        person.open("/login/")
    assert "style-src-attr: a style attribute refused: 'color: #a00'" in str(failed.value)
