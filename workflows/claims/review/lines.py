"""The reviewer's expense lines: entered one by one or imported from the hospital's list, each
priced by its catalogue. Any change voids the calculation."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from workflows.audit.models import Action
from workflows.audit.services import step_record
from workflows.policy.choices import Catalogue
from workflows.policy.quotes import expense_line
from workflows.policy.selectors import catalogue_entries_by_code
from workflows.registry.models import User
from workflows.registry.selectors import actor_of

from ..models import Claim, ClaimLine
from ..selectors import lines_of
from ..steps import under_review
from .expense_csv import (
    ExpenseRow,
    RowProblem,
    quantity_problem,
    read_expense_csv,
    refused,
    unit_price_problem,
)

UNKNOWN_CODE = _("The %(catalogue)s catalogue has no entry with the code %(code)s.")
ROW_UNKNOWN_CODE = _("Line %(line)d, column “code”: the %(catalogue)s catalogue has no %(code)s.")
NO_SUCH_LINE = _("That expense line is no longer on the claim.")
LINE_ADDED = _("Line %(position)s added: %(code)s %(name)s × %(quantity)s at %(price)s yuan.")
LINE_REMOVED = _("Line %(position)s removed: %(code)s %(name)s.")
LINES_IMPORTED = _("%(count)s expense lines imported from %(name)s; earlier lines replaced.")


@transaction.atomic
def claim_add_line(
    *,
    claim_id: int,
    by: User,
    catalogue: str,
    code: str,
    quantity: Decimal,
    unit_price: Decimal,
    ip_address: str | None = None,
) -> ClaimLine:
    """The reviewer adds one line of the hospital's expense list, priced by the catalogue."""
    claim = under_review(claim_id, by)
    problems = [quantity_problem(quantity), unit_price_problem(unit_price)]
    errors = {
        field: str(problem)
        for field, problem in zip(("quantity", "unit_price"), problems, strict=True)
        if problem
    }
    entry = catalogue_entries_by_code(codes={catalogue: [code]}).get((catalogue, code))
    if entry is None:
        label = Catalogue(catalogue).label
        errors["code"] = str(UNKNOWN_CODE) % {"catalogue": label, "code": code}
    if errors:
        raise ValidationError(errors)
    position = (lines_of(claim).aggregate(last=Max("position"))["last"] or 0) + 1
    line = _line(claim, position, catalogue, entry, quantity, unit_price)
    line.save()
    note = str(LINE_ADDED) % {
        "position": position,
        "code": code,
        "name": entry.name,
        "quantity": quantity,
        "price": unit_price,
    }
    _lines_changed(claim, by, note, ip_address)
    return line


@transaction.atomic
def claim_remove_line(
    *, claim_id: int, line_id: int, by: User, ip_address: str | None = None
) -> None:
    claim = under_review(claim_id, by)
    line = lines_of(claim).filter(pk=line_id).first()
    if line is None:
        raise ValidationError(NO_SUCH_LINE)
    line.delete()
    note = str(LINE_REMOVED) % {"position": line.position, "code": line.code, "name": line.name}
    _lines_changed(claim, by, note, ip_address)


@transaction.atomic
def claim_import_lines(
    *, claim_id: int, by: User, data: bytes, file_name: str, ip_address: str | None = None
) -> list[ClaimLine]:
    """Replace the claim's lines by a hospital's expense list (CSV): all rows or none. A list
    with problems is refused naming every one, its format's and its unknown codes together."""
    claim = under_review(claim_id, by)
    listed = read_expense_csv(data)
    readable = [row for row in listed.rows if row.code_readable]
    entries = catalogue_entries_by_code(codes=_codes(readable))
    unknown = [_unknown_code(row) for row in readable if (row.catalogue, row.code) not in entries]
    if listed.problems or unknown:
        raise refused([*listed.problems, *unknown])
    rows = listed.rows
    lines_of(claim).delete()
    lines = ClaimLine.objects.bulk_create(
        _line(
            claim, n, row.catalogue, entries[row.catalogue, row.code], row.quantity, row.unit_price
        )
        for n, row in enumerate(rows, start=1)
    )
    note = str(LINES_IMPORTED) % {"count": len(lines), "name": file_name}
    _lines_changed(claim, by, note, ip_address)
    return lines


def _unknown_code(row: ExpenseRow) -> RowProblem:
    params = {"line": row.line, "catalogue": Catalogue(row.catalogue).label, "code": row.code}
    return RowProblem(row.line, "code", ValidationError(ROW_UNKNOWN_CODE, params=params))


def _line(claim, position, catalogue, entry, quantity, unit_price) -> ClaimLine:
    priced = expense_line(
        catalogue_class=entry.catalogue_class,
        price_limit=entry.price_limit,
        quantity=quantity,
        unit_price=unit_price,
    )
    return ClaimLine(
        claim=claim,
        position=position,
        catalogue=catalogue,
        code=entry.code,
        name=entry.name,
        catalogue_class=entry.catalogue_class,
        quantity=quantity,
        unit_price=unit_price,
        amount=priced.amount,
        over_limit=priced.over_limit,
    )


def _lines_changed(claim: Claim, by: User, note: str, ip_address) -> None:
    """Any change of the lines voids the calculation: the reviewer calculates again."""
    if claim.calculation is not None:
        claim.calculation = None
        claim.pooled_fund_pays = None
        claim.save(update_fields=["calculation", "pooled_fund_pays"])
    step_record(
        case=claim,
        actor=actor_of(by),
        action=Action.REVISE,
        state_before=claim.state,
        opinion=note,
        ip_address=ip_address,
    )


def repriced_lines(claim: Claim) -> list[ClaimLine]:
    """The lines with class, name and over-limit part as today's catalogues say, so the
    statement's lines and the calculation agree."""
    lines = list(lines_of(claim))
    entries = catalogue_entries_by_code(codes=_codes(lines))
    gone = [line for line in lines if (line.catalogue, line.code) not in entries]
    if gone:
        raise ValidationError(
            [
                ValidationError(
                    UNKNOWN_CODE,
                    params={"catalogue": Catalogue(line.catalogue).label, "code": line.code},
                )
                for line in gone
            ]
        )
    for line in lines:
        fresh = _line(
            claim,
            line.position,
            line.catalogue,
            entries[line.catalogue, line.code],
            line.quantity,
            line.unit_price,
        )
        line.name, line.catalogue_class = fresh.name, fresh.catalogue_class
        line.amount, line.over_limit = fresh.amount, fresh.over_limit
    fields = ["name", "catalogue_class", "amount", "over_limit"]
    ClaimLine.objects.bulk_update(lines, fields)
    return lines


def _codes(rows: list[ExpenseRow] | list[ClaimLine]) -> dict[str, set[str]]:
    codes: dict[str, set[str]] = {}
    for row in rows:
        codes.setdefault(row.catalogue, set()).add(row.code)
    return codes
