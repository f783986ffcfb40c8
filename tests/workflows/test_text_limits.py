"""Every free text has its limit: the pages say so, and a service called with more refuses it,
on its field, with the limit and the count, and changes nothing."""

import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError

import workflows
from tests.workflows.claims.conftest import open_emergency, submitted_emergency
from tests.workflows.referrals.conftest import SIGNERS, decide, open_referral
from tests.workflows.refusals import in_english, refusal
from tests.workflows.resettlement.conftest import approved_filing, open_filing, submitted_filing
from workflows import textlimits
from workflows.claims import services as claims
from workflows.claims.choices import State as ClaimState
from workflows.claims.review import services as claim_review
from workflows.referrals import forms as referral_forms
from workflows.referrals import services as referrals
from workflows.referrals.choices import State as ReferralState
from workflows.referrals.choices import Step
from workflows.resettlement import changes
from workflows.resettlement import review as filing_review
from workflows.resettlement import services as filings
from workflows.resettlement.choices import State as FilingState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(media):
    return media


def one_too_many(limit: int) -> str:
    return "字" * (limit + 1)


def too_long(limit: int) -> list[str]:
    return [in_english(textlimits.TOO_LONG, limit_value=limit, show_value=limit + 1)]


def test_a_referral_at_every_limit_is_opened_and_proposed(world):
    referral = open_referral(
        world,
        until=Step.DIRECTOR_REVIEW,
        diagnosis="诊" * textlimits.DIAGNOSIS,
        reason="因" * textlimits.REASON,
        case_summary="病" * textlimits.CASE_SUMMARY,
    )
    assert referral.state == ReferralState.PROPOSED
    assert len(referral.case_summary) == textlimits.CASE_SUMMARY


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("diagnosis", textlimits.DIAGNOSIS),
        ("reason", textlimits.REASON),
        ("case_summary", textlimits.CASE_SUMMARY),
        ("outside_province_statement", textlimits.REASON),
    ],
)
def test_a_referral_with_a_text_over_its_limit_is_not_opened(world, field, limit):
    assert refusal(lambda: open_referral(world, **{field: one_too_many(limit)})) == {
        field: too_long(limit)
    }


def test_a_proposal_with_too_long_an_opinion_is_refused_and_stays_a_draft(world):
    referral = open_referral(world, until=Step.PROPOSE)
    propose = lambda: referrals.referral_propose(  # noqa: E731
        referral_id=referral.pk,
        by=world.users[SIGNERS[Step.PROPOSE]],
        opinion=one_too_many(textlimits.OPINION),
    )
    assert refusal(propose) == {"opinion": too_long(textlimits.OPINION)}
    referral.refresh_from_db()
    assert referral.state == ReferralState.DRAFT


def test_a_signers_opinion_over_its_limit_is_refused_and_the_step_stays_open(world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    director = SIGNERS[Step.DIRECTOR_REVIEW]
    sign = lambda: decide(  # noqa: E731
        world, referral, director, "approve", one_too_many(textlimits.OPINION)
    )
    assert refusal(sign) == {"opinion": too_long(textlimits.OPINION)}
    decided = decide(world, referral, director, "approve", "同" * textlimits.OPINION)
    assert decided.state == ReferralState.DEPARTMENT_APPROVED


def test_a_referral_withdrawal_reason_over_its_limit_is_refused(world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    withdraw = lambda: referrals.referral_withdraw(  # noqa: E731
        referral_id=referral.pk,
        by=world.users[SIGNERS[Step.PROPOSE]],
        reason=one_too_many(textlimits.REASON),
    )
    assert refusal(withdraw) == {"reason": too_long(textlimits.REASON)}
    referral.refresh_from_db()
    assert referral.state == ReferralState.PROPOSED


def test_a_claim_with_too_long_a_diagnosis_is_not_opened(world):
    opening = lambda: open_emergency(world, diagnosis=one_too_many(textlimits.DIAGNOSIS))  # noqa: E731
    assert refusal(opening) == {"diagnosis": too_long(textlimits.DIAGNOSIS)}


def test_a_claim_withdrawal_reason_over_its_limit_is_refused(world):
    claim = open_emergency(world)
    withdraw = lambda: claims.claim_withdraw(  # noqa: E731
        claim_id=claim.pk, by=claim.person.user, reason=one_too_many(textlimits.REASON)
    )
    assert refusal(withdraw) == {"reason": too_long(textlimits.REASON)}
    claim.refresh_from_db()
    assert claim.state != ClaimState.WITHDRAWN


def test_a_reviewers_reason_over_its_limit_is_refused_and_the_claim_stays_under_review(world):
    claim = submitted_emergency(world)
    refuse = lambda: claim_review.claim_decide(  # noqa: E731
        claim_id=claim.pk,
        by=world.users["center_chen"],
        decision="reject",
        reason=one_too_many(textlimits.REASON),
    )
    assert refusal(refuse) == {"reason": too_long(textlimits.REASON)}
    claim.refresh_from_db()
    assert claim.state == ClaimState.SUBMITTED


def test_a_filing_with_too_long_an_address_is_not_opened(world):
    opening = lambda: open_filing(  # noqa: E731
        world, residence_address=one_too_many(textlimits.ADDRESS)
    )
    assert refusal(opening)["residence_address"] == too_long(textlimits.ADDRESS)


def test_a_filing_reviewers_reason_over_its_limit_is_refused(world):
    filing = submitted_filing(world)
    refuse = lambda: filing_review.filing_decide(  # noqa: E731
        filing_id=filing.pk,
        by=world.users["center_chen"],
        decision="reject",
        reason=one_too_many(textlimits.REASON),
    )
    assert refusal(refuse) == {"reason": too_long(textlimits.REASON)}
    filing.refresh_from_db()
    assert filing.state == FilingState.SUBMITTED


def test_a_filing_withdrawal_and_a_change_with_reasons_over_their_limit_are_refused(world):
    filing = approved_filing(world)
    applicant = world.users["unit_sun"]
    withdraw = lambda: filings.filing_withdraw(  # noqa: E731
        filing_id=filing.pk, by=applicant, reason=one_too_many(textlimits.REASON)
    )
    change = lambda: changes.filing_request_change(  # noqa: E731
        filing_id=filing.pk, by=applicant, institutions=[], reason=one_too_many(textlimits.REASON)
    )
    assert refusal(withdraw) == {"reason": too_long(textlimits.REASON)}
    assert refusal(change) == {"reason": too_long(textlimits.REASON)}
    filing.refresh_from_db()
    assert filing.state == FilingState.IN_FORCE


def test_the_form_counts_a_line_break_as_one_character_as_the_browser_does(world):
    reason = "第一行\r\n" + "字" * (textlimits.REASON - 4)
    form = referral_forms.WithdrawForm(data={"reason": reason})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reason"] == reason.replace("\r\n", "\n")
    assert 'maxlength="300"' in str(form["reason"])


def test_the_form_says_the_limit_and_the_count_in_chinese(world):
    form = referral_forms.DecisionForm(
        data={"step": "director_review", "decision": "approve", "opinion": "字" * 201}
    )
    assert form.errors["opinion"] == ["此处最多 200 字，您输入了 201 字。"]


@pytest.mark.parametrize(
    ("typed", "character"), [("患者\x00拒绝转诊", "U+0000"), ("患者\x07拒绝转诊", "U+0007")]
)
def test_a_free_text_with_a_control_character_is_refused_naming_it(typed, character):
    form = referral_forms.WithdrawForm({"reason": typed})
    assert not form.is_valid()
    assert form.errors["reason"] == [str(textlimits.CONTROL_CHARACTER) % {"character": character}]


def test_lines_and_tabs_are_text_not_control_characters():
    form = referral_forms.WithdrawForm({"reason": "患者拒绝转诊。\r\n\t家属签字确认。"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reason"] == "患者拒绝转诊。\n\t家属签字确认。"


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(workflows.__path__, "workflows."):
        if module.name.rsplit(".", 1)[-1] == "forms":
            importlib.import_module(module.name)
    found, waiting = [], [forms.BaseForm]
    while waiting:
        for form in waiting.pop().__subclasses__():
            waiting.append(form)
            if form.__module__.startswith("workflows."):
                found.append(form)
    return found


# The sign-in forms keep nothing they are sent: an account name with a control character is
# simply not one (and the resident ID's own check refuses it first).
KEEP_NOTHING = {"StaffSignInForm", "InsuredSignInForm"}
TYPED_FIELDS = [
    pytest.param(form, name, id=f"{form.__module__}.{form.__name__}.{name}")
    for form in _project_forms()
    if form.__name__ not in KEEP_NOTHING
    for name, field in form.base_fields.items()
    if isinstance(field, forms.CharField)
    and not isinstance(field, forms.JSONField)  # JSON text: its own parser refuses one
    and not isinstance(field.widget, forms.PasswordInput)
]


@pytest.mark.parametrize(("form", "name"), TYPED_FIELDS)
def test_every_field_a_person_types_into_refuses_a_control_character(form, name):
    field = form.base_fields[name]
    with pytest.raises(ValidationError) as refused:
        field.clean("0\x1b1")
    assert refused.value.messages == [str(textlimits.CONTROL_CHARACTER) % {"character": "U+001B"}]


def test_the_project_s_forms_are_all_seen_by_the_control_character_check():
    names = {form.__name__ for form in _project_forms()}
    assert {"ReferralForm", "ClaimForm", "FilingForm", "PayForm", "LineForm"} <= names
    assert len(TYPED_FIELDS) >= 10
