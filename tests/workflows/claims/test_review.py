"""The reviewer's side: expense lines by hand and by CSV, the calculation, the decision, payment."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from viewflow.workflow.models import Task

from tests.files import pdf
from tests.pages import sign_in
from workflows.audit.models import Action
from workflows.audit.selectors import step_records_of
from workflows.casekit import ALREADY_HANDLED_CODE
from workflows.claims import services
from workflows.claims.choices import State
from workflows.claims.models import PaymentOrder
from workflows.claims.review import expense_csv, lines
from workflows.claims.review import services as review
from workflows.claims.selectors import lines_of
from workflows.documents.selectors import documents_of
from workflows.policy import catalogue_csv
from workflows.policy.models import Policy

from .conftest import (
    BILL,
    HUANG,
    TODAY,
    approved_emergency,
    bill_csv,
    enter_bill,
    submit,
    submitted_emergency,
)


@pytest.fixture
def reviewer(world):
    return world.users["center_chen"]


@pytest.fixture
def claim(world):
    return submitted_emergency(world)


def add_line(claim, reviewer, **values):
    line = {"catalogue": "drugs", "code": "XJ01DDT101", "quantity": "1", "unit_price": "12.00"}
    line.update(values)
    return lines.claim_add_line(
        claim_id=claim.pk,
        by=reviewer,
        catalogue=line["catalogue"],
        code=line["code"],
        quantity=Decimal(line["quantity"]),
        unit_price=Decimal(line["unit_price"]),
    )


def refused(call) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


def test_a_line_is_priced_by_its_catalogue(claim, reviewer):
    line = add_line(claim, reviewer, code="XC10AAA211", quantity="10", unit_price="4.00")
    assert (line.name, line.catalogue_class) == ("阿托伐他汀钙片", "B")
    assert (line.amount, line.over_limit) == (Decimal("40.00"), Decimal("5.00"))  # limit 3.50


@pytest.mark.parametrize(
    ("values", "field", "message", "params"),
    [
        ({"quantity": "-2"}, "quantity", expense_csv.QUANTITY_NOT_POSITIVE, {"value": "-2"}),
        ({"quantity": "0"}, "quantity", expense_csv.QUANTITY_NOT_POSITIVE, {"value": "0"}),
        ({"unit_price": "-12.00"}, "unit_price", expense_csv.NEGATIVE_PRICE, {"value": "-12.00"}),
        ({"unit_price": "1.005"}, "unit_price", catalogue_csv.FINER_THAN_FEN, {"value": "1.005"}),
        ({"code": "NOPE"}, "code", lines.UNKNOWN_CODE, {"catalogue": "药品", "code": "NOPE"}),
    ],
)
def test_negative_malformed_or_unknown_lines_are_refused(
    claim, reviewer, values, field, message, params
):
    error = refused(lambda: add_line(claim, reviewer, **values))
    assert error.message_dict[field] == [str(message) % params]
    assert not lines_of(claim).exists()


def test_a_malformed_amount_on_the_page_is_refused(client, claim):
    sign_in(client, "center_chen", "en")
    response = client.post(
        reverse("claims:line_add", args=[claim.pk]),
        {"catalogue": "drugs", "code": "XJ01DDT101", "quantity": "two", "unit_price": "12,00"},
    )
    assert response.status_code == 200
    assert "Enter a number." in response.content.decode()
    assert not lines_of(claim).exists()


def test_a_csv_import_replaces_the_lines(claim, reviewer):
    add_line(claim, reviewer)
    imported = lines.claim_import_lines(
        claim_id=claim.pk, by=reviewer, data=bill_csv(), file_name="明细.csv"
    )
    assert [(line.position, line.code) for line in lines_of(claim)] == [
        (n, code) for n, (_c, code, _q, _p) in enumerate(BILL, start=1)
    ]
    assert len(imported) == len(BILL)
    assert "明细.csv" in step_records_of(claim).last().opinion


def test_a_csv_with_bad_rows_names_each_and_imports_nothing(claim, reviewer):
    add_line(claim, reviewer)
    data = (
        b"catalogue,code,quantity,unit_price\n"
        b"drugs,XJ01DDT101,10,12.00\n"
        b"medicines,XJ01DDT101,1,1.00\n"
        b"drugs,XJ01DDT101,-1,abc\n"
        b"treatments,,1,20.00\n"
        b"drugs,XJ01DDT101,1\n"
    )
    error = refused(
        lambda: lines.claim_import_lines(claim_id=claim.pk, by=reviewer, data=data, file_name="x")
    )
    row = str(catalogue_csv.ROW_PROBLEM)

    def problem(line, column, message, **params):
        return row % {"line": line, "column": column, "problem": str(message) % params}

    assert error.messages == [
        problem(3, "catalogue", expense_csv.UNKNOWN_CATALOGUE, value="medicines"),
        problem(4, "quantity", expense_csv.QUANTITY_NOT_POSITIVE, value="-1"),
        problem(4, "unit_price", catalogue_csv.NOT_A_PRICE, value="abc"),
        problem(5, "code", catalogue_csv.VALUE_REQUIRED),
        str(catalogue_csv.WRONG_VALUE_COUNT) % {"line": 6, "found": 3, "expected": 4},
    ]
    assert [line.code for line in lines_of(claim)] == ["XJ01DDT101"]  # the earlier line stays


def test_a_csv_with_unknown_codes_names_their_lines_and_imports_nothing(claim, reviewer):
    data = b"catalogue,code,quantity,unit_price\ndrugs,XJ01DDT101,1,1\ntreatments,999,1,1\n"
    error = refused(
        lambda: lines.claim_import_lines(claim_id=claim.pk, by=reviewer, data=data, file_name="x")
    )
    assert error.messages == [
        str(lines.ROW_UNKNOWN_CODE) % {"line": 3, "catalogue": "诊疗项目", "code": "999"}
    ]
    assert not lines_of(claim).exists()


def problem(line, column, message, **params) -> str:
    shown = str(message) % params if params else str(message)
    return str(catalogue_csv.ROW_PROBLEM) % {"line": line, "column": column, "problem": shown}


def import_refused(claim, reviewer, data: bytes) -> list[str]:
    call = lambda: lines.claim_import_lines(  # noqa: E731
        claim_id=claim.pk, by=reviewer, data=data, file_name="x"
    )
    return refused(call).messages


def test_format_errors_and_unknown_codes_are_named_together_line_by_line(claim, reviewer):
    data = (
        b"catalogue,code,quantity,unit_price\n"
        b"treatments,999,0,1.00\n"  # unknown code and a zero quantity, on one line
        b"drugs,XJ01DDT101,1,1.00\n"
        b"drugs,NOSUCH,1,1.00\n"
        b"drugs,XJ01DDT101,x,1.00\n"
    )
    assert import_refused(claim, reviewer, data) == [
        str(lines.ROW_UNKNOWN_CODE) % {"line": 2, "catalogue": "诊疗项目", "code": "999"},
        problem(2, "quantity", expense_csv.QUANTITY_NOT_POSITIVE, value="0"),
        str(lines.ROW_UNKNOWN_CODE) % {"line": 4, "catalogue": "药品", "code": "NOSUCH"},
        problem(5, "quantity", expense_csv.NOT_A_QUANTITY, value="x"),
    ]
    assert not lines_of(claim).exists()


@pytest.mark.parametrize(
    ("row", "column", "character"),
    [
        ("drugs,XJ01DDT101\x00,1,1.00,头孢", "code", "U+0000"),
        ("drugs\x1b,XJ01DDT101,1,1.00,头孢", "catalogue", "U+001B"),
        ("drugs,XJ01DDT101,1\x00,1.00,头孢", "quantity", "U+0000"),
        ("drugs,XJ01DDT101,1,1.00,头\x07孢", "name", "U+0007"),
        ('drugs,XJ01DDT101,1,1.00,"头\n孢"', "name", "U+000A"),
        ("drugs,XJ01DDT101,1,1.00,头孢\x85", "name", "U+0085"),
    ],
)
def test_a_control_character_in_a_value_is_refused_naming_line_and_column(
    claim, reviewer, row, column, character
):
    data = f"catalogue,code,quantity,unit_price,name\n{row}\n".encode()
    assert import_refused(claim, reviewer, data) == [
        problem(2, column, expense_csv.CONTROL_CHARACTER, character=character)
    ]
    assert not lines_of(claim).exists()


def test_spaces_and_tabs_around_a_value_are_no_control_characters(claim, reviewer):
    data = b"catalogue,code,quantity,unit_price\n drugs\t,XJ01DDT101 ,\t1, 12.00\n"
    assert (
        len(lines.claim_import_lines(claim_id=claim.pk, by=reviewer, data=data, file_name="x")) == 1
    )


def test_a_list_whose_lines_end_in_a_carriage_return_alone_is_read(claim, reviewer):
    data = bill_csv().replace(b"\r\n", b"\r")
    imported = lines.claim_import_lines(claim_id=claim.pk, by=reviewer, data=data, file_name="x")
    assert len(imported) == len(BILL)


def test_a_quotation_mark_that_never_closes_is_named_by_its_line(claim, reviewer):
    data = b'catalogue,code,quantity,unit_price\ndrugs,XJ01DDT101,1,1.00\ndrugs,"' + b"x" * 140_000
    assert import_refused(claim, reviewer, data) == [
        str(expense_csv.UNREADABLE) % {"line": 3, "limit": "131,072"}
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("catalogue,code,quantity,unit_price\n".encode("utf-16"), expense_csv.NOT_UTF8),
        (b"catalogue,code,quantity,unit_price\n", expense_csv.NO_LINES),
        (b"x" * (expense_csv.MAX_BYTES + 1), expense_csv.FILE_TOO_LARGE),
    ],
)
def test_a_file_that_is_no_expense_list_is_refused(claim, reviewer, data, message):
    error = refused(
        lambda: lines.claim_import_lines(claim_id=claim.pk, by=reviewer, data=data, file_name="x")
    )
    assert error.messages == [str(message)]


def test_the_import_errors_show_on_the_page(client, claim):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sign_in(client, "center_chen", "en")
    bad = SimpleUploadedFile("list.csv", b"catalogue,code,quantity,unit_price\ndrugs,X,1,-5\n")
    response = client.post(reverse("claims:lines_import", args=[claim.pk]), {"file": bad})
    expected = str(catalogue_csv.ROW_PROBLEM) % {
        "line": 2,
        "column": "unit_price",
        "problem": str(expense_csv.NEGATIVE_PRICE) % {"value": "-5"},
    }
    assert escape(expected) in response.content.decode()


def test_approval_needs_a_calculation_made_after_the_last_change_of_the_lines(claim, reviewer):
    enter_bill(claim, reviewer)

    def approve():
        return review.claim_decide(claim_id=claim.pk, by=reviewer, decision="approve")

    assert refused(approve).messages == [str(review.CALCULATION_REQUIRED)]
    review.claim_calculate(claim_id=claim.pk, by=reviewer)
    add_line(claim, reviewer)
    claim.refresh_from_db()
    assert claim.calculation is None
    assert refused(approve).messages == [str(review.CALCULATION_REQUIRED)]
    review.claim_calculate(claim_id=claim.pk, by=reviewer)
    assert approve().state == State.APPROVED


def test_no_calculation_without_lines_or_without_a_policy(claim, reviewer):
    def calculate():
        return review.claim_calculate(claim_id=claim.pk, by=reviewer)

    assert refused(calculate).messages == [str(review.LINES_REQUIRED)]
    enter_bill(claim, reviewer)
    Policy.objects.filter(region__code="420100", scheme="employee").delete()
    (message,) = refused(calculate).messages
    assert "武汉市" in message and claim.admission_date.isoformat() in message


def test_the_calculation_stores_the_policy_and_the_amounts(claim, reviewer):
    enter_bill(claim, reviewer)
    claim = review.claim_calculate(claim_id=claim.pk, by=reviewer)
    amounts = claim.calculation["amounts"]
    assert amounts["total"] == "869.00"
    assert Decimal(amounts["pooled_fund_pays"]) == claim.pooled_fund_pays
    assert claim.calculation["policy"]["region"] == "湖北省武汉市"
    assert claim.calculation["inputs"]["scope"] == "emergency"
    assert set(claim.calculation["explanations"]) == {"zh-hans", "en"}
    assert step_records_of(claim).last().action == Action.CALCULATE


def test_what_the_pool_paid_this_year_counts_against_the_cap_and_is_checked_again(world, reviewer):
    first = submitted_emergency(world)
    second = submitted_emergency(world, admission_date=TODAY - datetime.timedelta(days=3))
    for claim in (first, second):
        enter_bill(claim, reviewer)
        review.claim_calculate(claim_id=claim.pk, by=reviewer)
    first = review.claim_decide(claim_id=first.pk, by=reviewer, decision="approve")
    error = refused(
        lambda: review.claim_decide(claim_id=second.pk, by=reviewer, decision="approve")
    )
    assert error.messages == [str(review.CALCULATION_OUTDATED)]
    second = review.claim_calculate(claim_id=second.pk, by=reviewer)
    assert second.calculation["inputs"]["pooled_paid"] == f"{first.pooled_fund_pays:.2f}"
    assert (
        review.claim_decide(claim_id=second.pk, by=reviewer, decision="approve").state == "approved"
    )


def test_a_return_needs_a_reason_and_what_to_add(claim, reviewer):
    def decide(**kw):
        return review.claim_decide(claim_id=claim.pk, by=reviewer, decision="return", **kw)

    assert refused(lambda: decide(reason=" ", documents=[])).message_dict == {
        "reason": [str(review.REASON_REQUIRED)],
        "documents": [str(review.DOCUMENTS_TO_ADD_REQUIRED)],
    }
    claim = decide(reason="请补充", documents=["invoices", "prescription", "expense_list"])
    assert claim.requested_documents == ["invoices", "expense_list"]  # what this kind asks for
    assert claim.state == State.RETURNED


def test_after_a_return_the_claim_goes_back_only_with_what_was_asked_for(claim, reviewer):
    review.claim_decide(
        claim_id=claim.pk, by=reviewer, decision="return", reason="请补充", documents=["invoices"]
    )
    claim.refresh_from_db()
    error = refused(lambda: submit(claim))
    assert error.messages == [str(services.SUPPLEMENTS_MISSING) % {"missing": "发票"}]
    services.claim_add_documents(
        claim_id=claim.pk, kind="invoices", uploads=[pdf()], by=claim.person.user
    )
    assert submit(claim).state == State.SUBMITTED


def test_a_new_file_or_a_new_version_of_one_answers_what_was_asked_for_again(claim, reviewer):
    def add(kind, replaces=None):
        return services.claim_add_documents(
            claim_id=claim.pk, kind=kind, uploads=[pdf()], by=claim.person.user, replaces=replaces
        )

    (earlier_list,) = [d for d in documents_of(claim) if d.kind == "expense_list"]
    review.claim_decide(
        claim_id=claim.pk,
        by=reviewer,
        decision="return",
        reason="请补充",
        documents=["invoices", "expense_list", "examination_sheets"],
    )
    claim.refresh_from_db()
    add("invoices")  # a second invoice, a file of its own
    add("expense_list", replaces=earlier_list.pk)  # a clearer scan of the list
    error = refused(lambda: submit(claim))
    assert error.messages == [str(services.SUPPLEMENTS_MISSING) % {"missing": "检查化验单"}]
    add("examination_sheets")
    assert submit(claim).state == State.SUBMITTED
    assert [(d.kind, d.file_number, d.version) for d in documents_of(claim)] == [
        ("emergency_records", 1, 1),
        ("examination_sheets", 1, 1),
        ("examination_sheets", 2, 1),
        ("expense_list", 1, 1),
        ("expense_list", 1, 2),
        ("invoices", 1, 1),
        ("invoices", 2, 1),
    ]


def test_a_refusal_needs_a_reason_and_is_final(claim, reviewer):
    def decide(reason):
        return review.claim_decide(claim_id=claim.pk, by=reviewer, decision="reject", reason=reason)

    assert refused(lambda: decide("")).message_dict == {"reason": [str(review.REASON_REQUIRED)]}
    claim = decide("非急诊情形")
    assert claim.state == State.REJECTED and claim.status == "DONE"
    assert refused(lambda: decide("again")).code == ALREADY_HANDLED_CODE
    assert step_records_of(claim).last().opinion == "非急诊情形"


def test_payment_needs_a_reference_and_happens_once(world, reviewer):
    claim = approved_emergency(world)
    order = PaymentOrder.objects.get(claim=claim)
    assert (order.amount, order.payee, order.paid_at) == (claim.pooled_fund_pays, "黄小红", None)

    def pay(ref):
        return review.claim_mark_paid(claim_id=claim.pk, by=reviewer, reference=ref)

    assert refused(lambda: pay(" ")).message_dict == {"reference": [str(review.REFERENCE_REQUIRED)]}
    claim = pay("ZF-1")
    order.refresh_from_db()
    assert (claim.state, order.reference, order.paid_by) == (State.PAID, "ZF-1", reviewer)
    assert refused(lambda: pay("ZF-2")).code == ALREADY_HANDLED_CODE


def test_the_claimant_sees_the_explanation_only_once_approved(client, world, reviewer):
    claim = submitted_emergency(world)
    enter_bill(claim, reviewer)
    claim = review.claim_calculate(claim_id=claim.pk, by=reviewer)
    explanation = claim.calculation["explanations"]["en"]["pooled_fund_pays"]
    sign_in(client, HUANG, "en")
    url = reverse("claims:detail", args=[claim.pk])
    assert explanation not in client.get(url).content.decode()
    review.claim_decide(claim_id=claim.pk, by=reviewer, decision="approve")
    assert explanation in client.get(url).content.decode()


def test_a_claim_the_fund_pays_nothing_for_is_closed_without_a_payment_order(
    client, world, reviewer
):
    """40 yuan of tests at a Grade II hospital stay under its 400 yuan deductible."""
    claim = submitted_emergency(world)
    enter_bill(claim, reviewer, bill=[("treatments", "250101001", "2", "20.00")])
    claim = review.claim_calculate(claim_id=claim.pk, by=reviewer)
    assert claim.pooled_fund_pays == Decimal("0.00")
    sign_in(client, "center_chen")
    response = client.post(
        reverse("claims:decide", args=[claim.pk]),
        {"decision": "approve", "reason": "费用未达起付线"},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.state == State.CLOSED
    assert not PaymentOrder.objects.filter(claim=claim).exists()
    record = step_records_of(claim).last()
    assert (record.action, record.state_after) == (Action.APPROVE, State.CLOSED)
    assert not Task.objects.filter(process_id=claim.pk, status__in=["NEW", "ASSIGNED"]).exists()
    client.logout()
    sign_in(client, HUANG)
    page = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "已核准，无需支付" in page
    statement = client.get(reverse("claims:statement", args=[claim.pk]))
    assert statement.status_code == 200 and statement["Content-Type"] == "application/pdf"
