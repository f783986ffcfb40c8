"""A regional policy's terms: parsed and checked from its JSON document, one message a problem.

Pure: no database. The document is the format ``load_policy`` reads (README, "Reimbursement
policy"). A later issue adds a term by adding a ``values.OptionalKey`` entry to TERMS_SCHEMA and
a field with the same default to PolicyTerms: stored policies and older files stay valid.
"""

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from .choices import Scope, TimedStep
from .values import (
    OptionalKey,
    Problems,
    one_of,
    read_amount,
    read_date,
    read_day_of_month,
    read_days,
    read_ratio,
    read_schema,
    read_validity,
    read_working_days,
    shown,
)

GRADES = ("III", "II", "I")
STATUSES = ("employed", "retired")
SCHEMES = ("employee", "resident")
SCOPES = tuple(Scope.values)

NOT_A_CITY_CODE = _('“region” must be a six-digit city code such as "420100", not %(value)s.')
UNKNOWN_CITY = _("“region” is %(value)s, which is not a city of the registry.")
ENDS_BEFORE_START = _("The policy ends on %(end)s, before it starts on %(start)s.")
WINDOW_ENDS_BEFORE_START = _(
    "The settlement window ends on day %(last)s of the month, before it starts on day %(first)s."
)

# Off-site filings and the unit's batches (issue 6). Left out of a city's policy, these apply.
DEFAULT_SETTLEMENT_WINDOW = MappingProxyType({"first_day": 5, "last_day": 15})
# Temporary filings: "episode" (the end the applicant declares: the planned end of the
# treatment) or a number of months from the first day.
DEFAULT_TEMPORARY_VALIDITY = MappingProxyType(
    {"referred_patient": "episode", "emergency": "episode", "temporary_trip": 6}
)

# The time limit of each step of the staff, in working days (issue 13), counted from the day
# after its task opened (workflows/workingdays.py). Left out of a city's policy, these apply.
DEFAULT_STEP_TIME_LIMITS = MappingProxyType(
    {
        TimedStep.DIRECTOR_REVIEW.value: 2,
        TimedStep.OFFICE_REVIEW.value: 2,
        TimedStep.DEAN_SIGN.value: 2,
        TimedStep.CENTER_APPROVE.value: 5,
        TimedStep.CLAIM_REVIEW.value: 20,
        TimedStep.CLAIM_PAY.value: 10,
        TimedStep.FILING_REVIEW.value: 5,
        TimedStep.FILING_CHANGE_REVIEW.value: 5,
    }
)
"""A referral waits while the patient lies in a bed: each of the hospital's three signatures
(the department director, the medical-insurance office, the dean in charge) within 2 working
days, the municipal center's approval within 5. The center reviews a reimbursement claim
within 20 working days of its submission, the time cities commonly promise for a claim paid in
advance (零星报销), and pays an approved one within 10. It decides an off-site filing, or a
change of its designated institutions, within 5. *Example* figures: a city's policy sets its
own in ``step_time_limits``."""

_CITY_CODE = re.compile(r"[0-9]{6}")

TERMS_SCHEMA: dict[str, object] = {
    "deductible": dict.fromkeys(GRADES, read_amount),
    "ratio": {status: dict.fromkeys(GRADES, read_ratio) for status in STATUSES},
    "annual_cap": read_amount,
    "class_b_first_share": read_ratio,
    "scope_ratio_cut": dict.fromkeys(SCOPES, read_ratio),
    "referral_validity_days": read_days,
    "emergency_report_days": read_days,
    "offsite_settlement_window": OptionalKey(
        dict.fromkeys(DEFAULT_SETTLEMENT_WINDOW, read_day_of_month), DEFAULT_SETTLEMENT_WINDOW
    ),
    "temporary_filing_validity": OptionalKey(
        dict.fromkeys(DEFAULT_TEMPORARY_VALIDITY, read_validity), DEFAULT_TEMPORARY_VALIDITY
    ),
    "step_time_limits": OptionalKey(
        dict.fromkeys(DEFAULT_STEP_TIME_LIMITS, read_working_days), DEFAULT_STEP_TIME_LIMITS
    ),
}
OPTIONAL_TERMS = frozenset(
    name for name, part in TERMS_SCHEMA.items() if isinstance(part, OptionalKey)
)


@dataclass(frozen=True)
class PolicyTerms:
    """What a policy says; amounts in yuan, ratios between 0 and 1. Treat it as read-only."""

    deductible: Mapping[str, Decimal]  # by grade
    ratio: Mapping[str, Mapping[str, Decimal]]  # by employment status, then grade
    annual_cap: Decimal
    class_b_first_share: Decimal
    scope_ratio_cut: Mapping[str, Decimal]  # by scope
    referral_validity_days: int
    emergency_report_days: int
    # {"first_day": 5, "last_day": 15}: when a unit submits its batch of outpatient claims.
    offsite_settlement_window: Mapping[str, int] = field(
        default_factory=lambda: DEFAULT_SETTLEMENT_WINDOW
    )
    # By temporary filing category: "episode" or a number of months.
    temporary_filing_validity: Mapping[str, str | int] = field(
        default_factory=lambda: DEFAULT_TEMPORARY_VALIDITY
    )
    # By timed step (choices.TimedStep): its time limit in working days.
    step_time_limits: Mapping[str, int] = field(default_factory=lambda: DEFAULT_STEP_TIME_LIMITS)
    # The optional terms the file gave: only those are written back, so a stored policy says
    # what its file said and a term it left out keeps following the default.
    given: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def as_document(self) -> dict:
        """The terms as they are written in a policy file (amounts and ratios as strings)."""
        return {
            term.name: _written(getattr(self, term.name))
            for term in fields(self)
            if term.name in TERMS_SCHEMA
            and (term.name not in OPTIONAL_TERMS or term.name in self.given)
        }


@dataclass(frozen=True)
class PolicyDocument:
    """A whole policy file: whose policy, when it is in force, and its terms."""

    region: str
    scheme: str
    effective_from: datetime.date
    effective_to: datetime.date | None  # the last day in force; None while open-ended
    terms: PolicyTerms


def parse_terms(data: object) -> PolicyTerms:
    """The terms part of a policy (no region, scheme or dates); ValidationError lists problems."""
    problems = Problems()
    parsed = read_schema(data, TERMS_SCHEMA, key="", problems=problems)
    _check_window(parsed, problems)
    problems.raise_if_any()
    return PolicyTerms(**parsed, given=_given(data))


def parse_policy_document(
    document: object, *, is_city: Callable[[str], bool] = lambda code: True
) -> PolicyDocument:
    """A whole policy file; ``is_city`` says whether a region code names a known city."""
    problems = Problems()
    header = {
        "region": lambda value, **kw: _read_city(value, is_city=is_city, **kw),
        "scheme": one_of(SCHEMES),
        "effective_from": read_date,
        "effective_to": lambda value, **kw: None if value is None else read_date(value, **kw),
    }
    parsed = read_schema(document, {**header, **TERMS_SCHEMA}, key="", problems=problems) or {}
    start, end = parsed.get("effective_from"), parsed.get("effective_to")
    if start and end and end < start:
        problems.add(ENDS_BEFORE_START, start=start.isoformat(), end=end.isoformat())
    _check_window(parsed, problems)
    problems.raise_if_any()
    terms = PolicyTerms(**{name: parsed[name] for name in TERMS_SCHEMA}, given=_given(document))
    return PolicyDocument(**{name: parsed[name] for name in header}, terms=terms)


def _check_window(parsed: dict | None, problems: Problems) -> None:
    window = (parsed or {}).get("offsite_settlement_window") or {}
    first, last = window.get("first_day"), window.get("last_day")
    if first and last and last < first:
        problems.add(WINDOW_ENDS_BEFORE_START, first=first, last=last)


def _given(data: object) -> frozenset[str]:
    return frozenset(name for name in OPTIONAL_TERMS if isinstance(data, dict) and name in data)


def _read_city(value: object, *, key: str, problems: Problems, is_city) -> str | None:
    if not (isinstance(value, str) and _CITY_CODE.fullmatch(value)):
        problems.add(NOT_A_CITY_CODE, value=shown(value))
        return None
    if not is_city(value):
        problems.add(UNKNOWN_CITY, value=shown(value))
        return None
    return value


def _written(value: object) -> object:
    if isinstance(value, Mapping):
        return {name: _written(part) for name, part in value.items()}
    return str(value) if isinstance(value, Decimal) else value
