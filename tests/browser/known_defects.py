"""Defects of pages the smoke journeys tolerate until the pages are fixed (issue 12).

The page check stays strict: a journey fails on any finding that no allowance here names. Each
allowance names the page (its URL name), the rule, the screen and the language it fails in, and
says what is wrong. Once a page is fixed its allowance matches nothing and the journey warns
("no longer fails"): take the allowance out.
"""

from .checks import SCROLLS_SIDEWAYS, Allowance

# What the page's table overlaps when it sticks out, axe-core cannot read the background of.
OVERLAPPED = "axe-core cannot tell the contrast of the text the overflowing table overlaps"

# 黄小红 reads her claims on a 390 px phone (test_smoke_journeys.py).
CLAIMS_ON_A_PHONE = (
    Allowance(
        "home",
        SCROLLS_SIDEWAYS,
        screen="phone",
        language="en",
        why="the table of recent claims is 402 px wide",
    ),
    Allowance("home", "color-contrast", screen="phone", language="en", why=OVERLAPPED),
    Allowance(
        "claims:list",
        SCROLLS_SIDEWAYS,
        screen="phone",
        language="en",
        why="the claims table is 573 px wide",
    ),
    Allowance("claims:list", "color-contrast", screen="phone", language="en", why=OVERLAPPED),
    Allowance(
        "claims:detail",
        SCROLLS_SIDEWAYS,
        screen="phone",
        why="the expense lines table: 531 px wide in Chinese, 701 px in English",
    ),
    Allowance("claims:detail", "color-contrast", screen="phone", language="en", why=OVERLAPPED),
)

# 王强 opens an emergency claim and sends its documents from a 390 px phone, then reads how it
# was paid (test_emergency_claim.py). His home page's table of referrals fits the phone.
OPENING_A_CLAIM_ON_A_PHONE = (
    Allowance(
        "claims:new",
        "aria-valid-attr-value",
        screen="phone",
        why="includes/field.html: aria-describedby names help texts that have no id",
    ),
    Allowance(
        "claims:new",
        SCROLLS_SIDEWAYS,
        screen="phone",
        why="the hospital and referral drop-downs are as wide as their longest option",
    ),
    Allowance("claims:new", "color-contrast", screen="phone", why=OVERLAPPED),
)
EMERGENCY_CLAIM_ON_A_PHONE = OPENING_A_CLAIM_ON_A_PHONE + tuple(
    allowance
    for allowance in CLAIMS_ON_A_PHONE
    if (allowance.page, allowance.rule) != ("home", SCROLLS_SIDEWAYS)
)

# 陈静 reviews, imports, calculates, approves and pays a claim on the desktop.
CLAIM_REVIEW = tuple(
    Allowance(
        page,
        "aria-valid-attr-value",
        screen="desktop",
        why="includes/field.html: aria-describedby names the import's and the reason's help "
        "texts, which have no id",
    )
    # The claim's page, and the same page shown again by its import with the import's errors.
    for page in ("claims:detail", "claims:lines_import")
)


def help_texts_without_id(*pages: str) -> tuple[Allowance, ...]:
    """includes/field.html ties a field to its help text by an id the help text lacks."""
    return tuple(
        Allowance(
            page,
            "aria-valid-attr-value",
            why="includes/field.html: aria-describedby names help texts that have no id",
        )
        for page in pages
    )


# A case sent back is corrected on its edit page and proposed again (test_corrected_cases.py):
# the director's decision form, the physician's edit page, the claimant's.
RETURNING_A_REFERRAL = help_texts_without_id("referrals:decide")
CORRECTING_A_REFERRAL = help_texts_without_id("referrals:edit")
CLAIM_CORRECTED = help_texts_without_id("claims:edit")
# A unit's agent opens a filing (test_bad_inputs.py): the last day's help text.
OPENING_A_FILING = help_texts_without_id("resettlement:new")
# A physician opens a referral (test_bad_inputs.py): the help texts of the target institution
# and the statement for a referral outside the province.
OPENING_A_REFERRAL = help_texts_without_id("referrals:new")
# A claimant submits a claim from its page (test_bad_inputs.py).
SUBMITTING_A_CLAIM = help_texts_without_id("claims:submit")
