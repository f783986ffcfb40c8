"""The sentences that explain each step of a reimbursement to the insured person, in plain words.

Each is a translatable message and its parameters (``text.Message``): making one costs a dict,
and it is translated into the reader's language only when it is read.
"""

from collections.abc import Mapping
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .terms import PolicyTerms
from .text import Message, Percent, Points

TOTAL = _("Your bills for this stay add up to %(total)s yuan.")
OUT_OF_LIST = _(
    "%(amount)s yuan is for drugs and services outside the insurance catalogues; "
    "you pay it yourself."
)
NOTHING_OUT_OF_LIST = _("Nothing on your bills is outside the insurance catalogues.")
OVER_PRICE_LIMIT = _(
    "%(amount)s yuan was charged above the catalogues' price limits; you pay that part yourself."
)
NOTHING_OVER_PRICE_LIMIT = _("No price on your bills is above the catalogues' price limits.")
CLASS_B_FIRST_SHARE = _(
    "Class B drugs and items come to %(base)s yuan within their price limits; "
    "you first pay %(share)s of that yourself: %(amount)s yuan."
)
NO_CLASS_B = _("There are no class B drugs or items on your bills, so you pay no class B share.")
ELIGIBLE = _(
    "The pooled fund can cover %(total)s − %(out_of_list)s − %(over_price_limit)s − "
    "%(class_b_first_share)s = %(eligible)s yuan."
)
DEDUCTIBLE = _(
    "The deductible at a %(grade)s hospital is %(deductible)s yuan; "
    "you pay it yourself before the pooled fund pays."
)
DEDUCTIBLE_ABOVE_ELIGIBLE = _(
    "The deductible at a %(grade)s hospital is %(deductible)s yuan, more than the "
    "%(eligible)s yuan the pooled fund can cover, so you pay all of that yourself."
)
RATIO = _("At a %(grade)s hospital the pooled fund pays %(ratio)s of the rest.")
RATIO_BY_STATUS = _(
    "For %(status)s members at a %(grade)s hospital the pooled fund pays %(ratio)s of the rest."
)
RATIO_CUT = _(
    "At a %(grade)s hospital the pooled fund pays %(base)s of the rest; "
    "for %(scope)s that is %(cut)s percentage points less, so %(ratio)s."
)
RATIO_CUT_BY_STATUS = _(
    "For %(status)s members at a %(grade)s hospital the pooled fund pays %(base)s of the rest; "
    "for %(scope)s that is %(cut)s percentage points less, so %(ratio)s."
)
POOLED_FUND_PAYS = _(
    "The pooled fund pays (%(eligible)s − %(deductible)s) × %(ratio)s = %(amount)s yuan."
)
POOLED_FUND_PAYS_CAPPED = _(
    "(%(eligible)s − %(deductible)s) × %(ratio)s would be %(uncapped)s yuan, but the pooled "
    "fund pays at most %(cap)s yuan a year and has already paid %(used)s yuan for you this "
    "year, so it pays %(amount)s yuan."
)
PERSONAL_PAYS = _(
    "You pay %(amount)s yuan: the total of %(total)s yuan less the %(pooled)s yuan "
    "the pooled fund pays."
)

GRADE_LABELS = {"III": _("Grade III"), "II": _("Grade II"), "I": _("Grade I")}
STATUS_LABELS = {"employed": _("employed"), "retired": _("retired")}
SCOPE_PHRASES = {
    "local": _("treatment in your own city"),
    "referral": _("treatment after an approved referral"),
    "emergency": _("emergency treatment"),
    "offsite_filed": _("treatment away from home with a filing"),
    "offsite_unfiled": _("treatment away from home without a filing"),
}


def explain_steps(
    *,
    amounts: Mapping[str, Decimal],
    terms: PolicyTerms,
    status: str,
    grade: str,
    scope: str,
    pooled_paid: Decimal,
    b_within: Decimal,
    uncapped: Decimal,
) -> dict[str, Message]:
    """One message per step of the breakdown whose ``amounts`` are given, in the steps' order.

    ``b_within`` is the class B amount within the price limits, ``uncapped`` what the pooled
    fund would pay without the annual cap.
    """
    a = amounts
    return {
        "total": Message(TOTAL, {"total": a["total"]}),
        "self_paid_out_of_list": _either(
            OUT_OF_LIST, NOTHING_OUT_OF_LIST, amount=a["self_paid_out_of_list"]
        ),
        "over_price_limit": _either(
            OVER_PRICE_LIMIT, NOTHING_OVER_PRICE_LIMIT, amount=a["over_price_limit"]
        ),
        "class_b_first_share": Message(
            CLASS_B_FIRST_SHARE if b_within else NO_CLASS_B,
            {
                "base": b_within,
                "share": Percent(terms.class_b_first_share),
                "amount": a["class_b_first_share"],
            },
        ),
        "eligible": Message(
            ELIGIBLE,
            {
                "total": a["total"],
                "out_of_list": a["self_paid_out_of_list"],
                "over_price_limit": a["over_price_limit"],
                "class_b_first_share": a["class_b_first_share"],
                "eligible": a["eligible"],
            },
        ),
        "deductible_applied": _deductible(
            grade=grade, deductible=terms.deductible[grade], eligible=a["eligible"]
        ),
        "ratio": _ratio(terms=terms, status=status, grade=grade, scope=scope, ratio=a["ratio"]),
        "pooled_fund_pays": Message(
            POOLED_FUND_PAYS_CAPPED if a["pooled_fund_pays"] < uncapped else POOLED_FUND_PAYS,
            {
                "eligible": a["eligible"],
                "deductible": a["deductible_applied"],
                "ratio": Percent(a["ratio"]),
                "uncapped": uncapped,
                "cap": terms.annual_cap,
                "used": pooled_paid,
                "amount": a["pooled_fund_pays"],
            },
        ),
        "personal_pays": Message(
            PERSONAL_PAYS,
            {"amount": a["personal_pays"], "total": a["total"], "pooled": a["pooled_fund_pays"]},
        ),
    }


def _either(text: Promise, nothing: Promise, *, amount: Decimal) -> Message:
    return Message(text if amount else nothing, {"amount": amount})


def _deductible(*, grade: str, deductible: Decimal, eligible: Decimal) -> Message:
    text = DEDUCTIBLE if deductible <= eligible else DEDUCTIBLE_ABOVE_ELIGIBLE
    params = {"grade": GRADE_LABELS[grade], "deductible": deductible, "eligible": eligible}
    return Message(text, params)


def _ratio(*, terms: PolicyTerms, status: str, grade: str, scope: str, ratio: Decimal) -> Message:
    # Status is named only where the policy pays employed and retired people differently.
    by_status = len({by_grade[grade] for by_grade in terms.ratio.values()}) > 1
    cut = terms.scope_ratio_cut[scope]
    if cut:
        text = RATIO_CUT_BY_STATUS if by_status else RATIO_CUT
    else:
        text = RATIO_BY_STATUS if by_status else RATIO
    params = {
        "status": STATUS_LABELS[status],
        "grade": GRADE_LABELS[grade],
        "scope": SCOPE_PHRASES[scope],
        "base": Percent(terms.ratio[status][grade]),
        "cut": Points(cut),
        "ratio": Percent(ratio),
    }
    return Message(text, params)
