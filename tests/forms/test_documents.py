"""Documents refuse what must never print (whole IDs, floats, bad codes); forms stays apart."""

import ast
import dataclasses
import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest

import forms
from forms import samples
from forms.choices import ExpenseClass, ReferralScope, Sex
from forms.documents import (
    DUPLICATE_ATTACHMENT,
    FLOAT_NOT_ALLOWED,
    INSTITUTION_COUNT,
    NAIVE_DATETIME,
    RATIO_NOT_A_FRACTION,
    UNKNOWN_CODE,
    UNMASKED_RESIDENT_ID,
    Attachment,
    CalculationStep,
    ExpenseLine,
    Signature,
)

WHOLE_IDS = [
    "420102198503122046",
    "420102 19850312 2046",
    "11010519491231002x",
    "４２０１０２１９８５０３１２２０４６",  # full-width digits from a Chinese input method
    "420102850312204",  # the old 15-digit number
    "身份证 420102198503122046",
]


@pytest.mark.parametrize("whole", WHOLE_IDS)
def test_a_referral_form_refuses_a_resident_id_that_is_not_masked(whole):
    message = UNMASKED_RESIDENT_ID.format(field="masked_resident_id")
    with pytest.raises(ValueError, match=re.escape(message)):
        dataclasses.replace(samples.referral_form(), masked_resident_id=whole)


def test_the_statement_and_the_filing_form_refuse_unmasked_ids_too():
    with pytest.raises(ValueError, match="masked_resident_id"):
        dataclasses.replace(samples.reimbursement_statement(), masked_resident_id=WHOLE_IDS[0])
    with pytest.raises(ValueError, match="masked_resident_id"):
        dataclasses.replace(samples.offsite_filing_form(), masked_resident_id=WHOLE_IDS[0])
    with pytest.raises(ValueError, match="masked_agent_resident_id"):
        dataclasses.replace(samples.offsite_filing_form(), masked_agent_resident_id=WHOLE_IDS[2])


def test_masked_ids_and_long_numbers_elsewhere_are_accepted():
    form = dataclasses.replace(
        samples.offsite_filing_form(),
        masked_resident_id="420106********3260",
        masked_agent_resident_id="",
        insurance_number="420100000000103",
    )
    assert form.masked_resident_id == "420106********3260"


def test_codes_become_their_choices_and_unknown_codes_are_refused():
    form = samples.referral_form()
    assert form.scope is ReferralScope.OUTSIDE_PROVINCE
    assert form.sex is Sex.FEMALE
    allowed = "'within_city', 'within_province', 'outside_province'"
    message = UNKNOWN_CODE.format(field="scope", value="abroad", allowed=allowed)
    with pytest.raises(ValueError, match=re.escape(message)):
        dataclasses.replace(form, scope="abroad")


def test_money_as_a_float_is_refused():
    with pytest.raises(TypeError, match=re.escape(FLOAT_NOT_ALLOWED.format(field="amount"))):
        ExpenseLine("ZA01", "阿司匹林", "class_a", 1, Decimal("0.50"), 0.5)


def test_a_naive_print_time_is_refused():
    naive = datetime.datetime(2026, 11, 25, 16, 32)
    with pytest.raises(ValueError, match=re.escape(NAIVE_DATETIME.format(field="printed_at"))):
        dataclasses.replace(samples.referral_form(), printed_at=naive)
    with pytest.raises(ValueError, match=re.escape(NAIVE_DATETIME.format(field="signed_on"))):
        Signature("李明", "同意。", naive)


def test_a_ratio_is_a_fraction():
    with pytest.raises(ValueError, match=re.escape(RATIO_NOT_A_FRACTION.format(amount=75))):
        CalculationStep("ratio", Decimal("75"), "75%")


def test_a_filing_names_one_or_two_institutions():
    form = samples.offsite_filing_form()
    for institutions in [(), ("甲", "乙", "丙")]:
        message = INSTITUTION_COUNT.format(count=len(institutions))
        with pytest.raises(ValueError, match=re.escape(message)):
            dataclasses.replace(form, institutions=institutions)


def test_an_attachment_is_listed_once():
    with pytest.raises(
        ValueError, match=re.escape(DUPLICATE_ATTACHMENT.format(kind="unit_letter"))
    ):
        dataclasses.replace(
            samples.offsite_filing_form(),
            attachments=[Attachment("unit_letter"), Attachment("unit_letter")],
        )


def test_lists_become_tuples_so_documents_stay_frozen():
    form = dataclasses.replace(samples.offsite_filing_form(), institutions=["海口椰城中心医院"])
    assert form.institutions == ("海口椰城中心医院",)


def test_the_statement_groups_its_lines_by_class_with_subtotals():
    groups = samples.reimbursement_statement().expense_groups
    assert [group.expense_class for group in groups] == list(ExpenseClass)
    assert [(group.amount, group.over_limit) for group in groups] == [
        (Decimal("18515.00"), Decimal("0")),
        (Decimal("17720.40"), Decimal("1600.00")),
        (Decimal("2380.00"), Decimal("0")),
    ]


def test_the_checklist_names_every_kind_of_attachment_and_what_was_handed_in():
    checklist = samples.offsite_filing_form().attachment_checklist
    assert [(kind.value, bool(handed_in)) for kind, handed_in in checklist] == [
        ("residence_proof", True),
        ("unit_letter", True),
        ("referral_certificate", False),
    ]


def test_forms_never_imports_workflows():
    package = Path(forms.__file__).parent
    imported = set()
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module)
    assert sorted(name for name in imported if name.split(".")[0] == "workflows") == []
