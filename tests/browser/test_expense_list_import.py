"""The center's reviewer imports a hospital's expense list: every problem of every line is
named at once (its format, codes no catalogue has, control characters), and nothing is
imported."""

from playwright.sync_api import expect

from workflows.claims.choices import State
from workflows.claims.models import Claim
from workflows.claims.review import expense_csv, lines
from workflows.policy import catalogue_csv

from .checks import DESKTOP
from .claim_pages import expense_list, find_in_the_inbox, row_problem

WANG = "420111199006150717"  # 王强: his emergency claim of the demo waits for review


def test_format_errors_unknown_codes_and_control_characters_are_named_in_one_pass(
    visit, demo_cases
):
    claim = Claim.objects.get(person__resident_id=WANG, state=State.SUBMITTED)
    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language="en")
    find_in_the_inbox(chen, claim)
    data = (
        "catalogue,code,quantity,unit_price,name\n"
        "drugs,XJ01DDT101,10,12.00,注射用头孢曲松钠\n"
        "drugs,XJ01DDT101,1.2345,12.00,注射用头孢曲松钠\n"
        "treatments,12345678,1,20.00,不在目录的项目\n"
        "drugs,XC10AAA211\x00,14,3.50,阿托伐他汀钙片\n"
        "facilities,110900004,7,20.00,急诊\x07观察床位\n"
        "drugs,XX00000000,1,1.00\n"
    ).encode()
    chen.send_files("Expense list (CSV)", expense_list("list.csv", data), button="Import")
    errors = chen.page.locator("#lines .errors")
    control = expense_csv.CONTROL_CHARACTER
    expected = [
        row_problem(chen, 3, "quantity", expense_csv.QUANTITY_TOO_FINE, value="1.2345"),
        chen.gettext(lines.ROW_UNKNOWN_CODE)
        % {"line": 4, "catalogue": "treatment items", "code": "12345678"},
        row_problem(chen, 5, "code", control, character="U+0000"),
        row_problem(chen, 6, "name", control, character="U+0007"),
        chen.gettext(catalogue_csv.WRONG_VALUE_COUNT) % {"line": 7, "found": 4, "expected": 5},
    ]
    expect(errors.locator("li")).to_have_text(expected)
    expect(chen.page.locator("#lines tbody tr")).to_have_count(1)  # "No expense lines yet."


def test_a_nul_byte_in_an_otherwise_good_expense_list_is_refused_naming_line_and_column(
    visit, demo_cases
):
    claim = Claim.objects.get(person__resident_id=WANG, state=State.SUBMITTED)
    chen = visit(DESKTOP)
    chen.start_signed_in("center_chen", language="zh-hans")
    find_in_the_inbox(chen, claim)
    data = b"catalogue,code,quantity,unit_price\ndrugs,XJ01DDT101\x00,10,12.00\n"
    chen.send_files("费用明细清单（CSV）", expense_list("明细.csv", data), button="导入")
    expect(chen.page.locator("#lines .errors")).to_have_text(
        row_problem(chen, 2, "code", expense_csv.CONTROL_CHARACTER, character="U+0000")
    )
