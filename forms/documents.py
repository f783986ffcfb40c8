"""What each printed document shows: frozen dataclasses of plain values that callers fill in.

Conventions shared by every class here:
- Text is ``str`` as it should print; an empty string prints as a blank to fill in by hand.
- Codes (sex, scheme, scope, category...) are the values of ``forms.choices``; the registry's
  model values are the same, so callers pass them as they are. The form prints their label.
- Money is ``Decimal`` (or ``int``) in yuan; a float is refused (TypeError).
- Dates are ``datetime.date``; where a field says so, an aware ``datetime`` is accepted too and
  prints as its date in Asia/Shanghai. A naive datetime is refused (ValueError).
- Sequences are tuples (a list is turned into one).
- A field whose name starts with ``masked_`` holds a resident ID already masked by the caller
  (``workflows.registry.resident_id.mask``); an unmasked one is refused (ValueError).
"""

import dataclasses
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from .choices import (
    AttachmentKind,
    CalculationStepKind,
    ClaimKind,
    EmploymentStatus,
    ExpenseClass,
    FilingCategory,
    Grade,
    ReferralScope,
    Scheme,
    Sex,
)

UNMASKED_RESIDENT_ID = (
    "{field} looks like an unmasked resident ID; pass it through resident_id.mask() first."
)
FLOAT_NOT_ALLOWED = "{field} is a float; money and quantities are Decimal."
NAIVE_DATETIME = "{field} is a naive datetime; pass an aware one (UTC or Asia/Shanghai)."
UNKNOWN_CODE = "{field} is {value!r}; expected one of {allowed}."
INSTITUTION_COUNT = "An off-site filing names one or two designated institutions, not {count}."
DUPLICATE_ATTACHMENT = "Attachment {kind!r} is listed twice."
RATIO_NOT_A_FRACTION = "The ratio step's amount is a fraction between 0 and 1, not {amount}."

# 18 characters (17 digits and a digit or X), or the old 15 digits, not inside a longer number.
_UNMASKED_ID = re.compile(r"(?<!\d)(?:\d{17}[\dXＸ]|\d{15})(?![\dXＸ])")


def looks_unmasked(value: str) -> bool:
    """Whether a value holds a whole resident ID (spaces and a lower-case x do not hide one)."""
    return bool(value) and bool(_UNMASKED_ID.search("".join(str(value).split()).upper()))


class _Checked:
    """Checks and normalises the fields of a frozen dataclass once, when it is made."""

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, list):
                object.__setattr__(self, field.name, tuple(value))
            elif isinstance(value, float):
                raise TypeError(FLOAT_NOT_ALLOWED.format(field=field.name))
            elif isinstance(value, datetime.datetime) and value.utcoffset() is None:
                raise ValueError(NAIVE_DATETIME.format(field=field.name))
            elif field.name.startswith("masked_") and looks_unmasked(value):
                raise ValueError(UNMASKED_RESIDENT_ID.format(field=field.name))
        self._check()

    def _check(self) -> None:
        """Checks of one class; the codes it holds become their choices."""

    def _code(self, name: str, choices, *, optional: bool = False) -> None:
        value = getattr(self, name)
        if optional and value == "":
            return
        try:
            object.__setattr__(self, name, choices(value))
        except ValueError:
            allowed = ", ".join(repr(choice.value) for choice in choices)
            message = UNKNOWN_CODE.format(field=name, value=value, allowed=allowed)
            raise ValueError(message) from None


@dataclass(frozen=True)
class Signature(_Checked):
    """One signed block of the referral form; a block nobody has signed yet is ``None``."""

    name: str
    opinion: str
    signed_on: datetime.date  # or an aware datetime (the step record's time)


@dataclass(frozen=True)
class ReferralApprovalForm(_Checked):
    """转诊转院审批表: one page, printable at any stage of the five-step chain."""

    case_number: str
    printed_at: datetime.datetime  # aware; prints in Asia/Shanghai
    status: str  # as it should print: "审批中", "已批准，有效期至…", "已退回"...
    name: str
    sex: str  # Sex
    age: int
    unit_or_address: str  # the employer unit, or the home address of a resident-scheme member
    insurance_number: str
    masked_resident_id: str
    diagnosis: str
    current_institution: str
    current_department: str
    admitted_on: datetime.date
    transfer_on: datetime.date  # the proposed referral (transfer) date
    target_institution: str
    target_department: str
    scope: str  # ReferralScope
    reason: str
    case_summary: str
    insurance_office_name: str  # the stamp line of the medical-insurance office's block
    center_name: str  # the stamp line of the municipal center's block
    outside_province_statement: str = ""  # why no institution in the province can treat it
    attending_physician: Signature | None = None
    department_director: Signature | None = None
    insurance_office: Signature | None = None
    dean: Signature | None = None
    center: Signature | None = None

    def _check(self) -> None:
        self._code("sex", Sex)
        self._code("scope", ReferralScope)


@dataclass(frozen=True)
class ExpenseLine(_Checked):
    """One line of a detailed expense list, as the calculation counted it."""

    code: str  # catalogue code
    name: str
    expense_class: str  # ExpenseClass
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    over_limit: Decimal = Decimal("0.00")  # the part above the catalogue's price limit

    def _check(self) -> None:
        self._code("expense_class", ExpenseClass)


@dataclass(frozen=True)
class ExpenseGroup:
    """The lines of one class and their subtotals (made by the statement, not by callers)."""

    expense_class: ExpenseClass
    lines: tuple[ExpenseLine, ...]
    amount: Decimal
    over_limit: Decimal


@dataclass(frozen=True)
class CalculationStep(_Checked):
    """One step of the calculation: its amount in yuan and the plain-words explanation."""

    kind: str  # CalculationStepKind
    amount: Decimal  # yuan; for the ratio step, a fraction (Decimal("0.75") prints 75%)
    explanation: str

    def _check(self) -> None:
        self._code("kind", CalculationStepKind)
        if self.kind == CalculationStepKind.RATIO and not 0 <= self.amount <= 1:
            raise ValueError(RATIO_NOT_A_FRACTION.format(amount=self.amount))


@dataclass(frozen=True)
class ReimbursementStatement(_Checked):
    """医疗费用报销结算单: the lines by class, the calculation step by step, who reviewed it."""

    claim_number: str
    printed_at: datetime.datetime  # aware; prints in Asia/Shanghai
    name: str
    sex: str  # Sex
    insurance_number: str
    masked_resident_id: str
    scheme: str  # Scheme
    employment_status: str  # EmploymentStatus, or "" for the resident scheme
    claim_kind: str  # ClaimKind
    institution_name: str
    institution_grade: str  # Grade, or "" for an institution without one
    admitted_on: datetime.date
    discharged_on: datetime.date
    lines: tuple[ExpenseLine, ...]
    steps: tuple[CalculationStep, ...]  # in the order the calculation took them
    policy_region: str
    policy_scheme: str  # Scheme
    policy_effective_from: datetime.date
    policy_effective_to: datetime.date | None = None  # None: no end date
    reviewer_name: str = ""
    reviewed_on: datetime.date | None = None  # or an aware datetime
    payee: str = ""
    payment_reference: str = ""

    def _check(self) -> None:
        self._code("sex", Sex)
        self._code("scheme", Scheme)
        self._code("employment_status", EmploymentStatus, optional=True)
        self._code("claim_kind", ClaimKind)
        self._code("institution_grade", Grade, optional=True)
        self._code("policy_scheme", Scheme)

    @property
    def expense_groups(self) -> tuple[ExpenseGroup, ...]:
        """The lines by class (A, B, outside the catalogue), leaving out empty classes."""
        groups = []
        for expense_class in ExpenseClass:
            lines = tuple(line for line in self.lines if line.expense_class == expense_class)
            if lines:
                amount = sum((line.amount for line in lines), Decimal("0.00"))
                over_limit = sum((line.over_limit for line in lines), Decimal("0.00"))
                groups.append(ExpenseGroup(expense_class, lines, amount, over_limit))
        return tuple(groups)


@dataclass(frozen=True)
class Attachment(_Checked):
    """An attachment handed in with an off-site filing; the form ticks it on its checklist."""

    kind: str  # AttachmentKind
    note: str = ""  # e.g. which proof: "居住证" or "个人承诺书"

    def _check(self) -> None:
        self._code("kind", AttachmentKind)


@dataclass(frozen=True)
class OffsiteFilingForm(_Checked):
    """异地就医备案表: who goes where, for how long, with what, and who recorded it."""

    filing_number: str
    printed_at: datetime.datetime  # aware; prints in Asia/Shanghai
    name: str
    masked_resident_id: str
    insurance_number: str
    scheme: str  # Scheme
    insured_area: str  # e.g. "湖北省武汉市"
    phone: str
    category: str  # FilingCategory
    destination_province: str
    destination_city: str
    residence_address: str
    institutions: tuple[str, ...]  # the one or two designated institutions chosen there
    starts_on: datetime.date
    agency_name: str  # the stamp line: 经办机构（盖章）
    ends_on: datetime.date | None = None  # None: valid until withdrawn (长期有效)
    attachments: tuple[Attachment, ...] = ()  # those handed in; the others print unticked
    agent_name: str = ""  # empty when the insured person applied themself
    masked_agent_resident_id: str = ""
    agent_unit: str = ""  # the employer unit the agent acted for (staff have no resident ID)
    handling_officer: str = ""  # the agency's officer (经办人), once recorded
    handled_on: datetime.date | None = None  # or an aware datetime

    def _check(self) -> None:
        self._code("scheme", Scheme)
        self._code("category", FilingCategory)
        if not 1 <= len(self.institutions) <= 2:
            raise ValueError(INSTITUTION_COUNT.format(count=len(self.institutions)))
        kinds = [attachment.kind for attachment in self.attachments]
        for kind in set(kinds):
            if kinds.count(kind) > 1:
                raise ValueError(DUPLICATE_ATTACHMENT.format(kind=str(kind)))

    @property
    def attachment_checklist(self) -> tuple[tuple[AttachmentKind, Attachment | None], ...]:
        """Every kind of attachment, with the one handed in or None."""
        handed_in = {attachment.kind: attachment for attachment in self.attachments}
        return tuple((kind, handed_in.get(kind)) for kind in AttachmentKind)
