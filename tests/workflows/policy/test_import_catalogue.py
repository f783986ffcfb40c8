"""import_catalogue: good files add or update by code; one bad row and nothing is imported."""

from decimal import Decimal

import pytest

from workflows.policy import catalogue_csv as c
from workflows.policy import files
from workflows.policy.models import Drug, FacilityStandard, TreatmentItem

from .helpers import refusal, run, said

pytestmark = pytest.mark.django_db

HEADER = "code,name,class,price_limit,unit\n"


def csv_file(tmp_path, text: str, *, encoding="utf-8") -> str:
    path = tmp_path / "catalogue.csv"
    path.write_bytes(text.encode(encoding))
    return str(path)


def row_problem(line: int, column: str, problem, **params) -> str:
    return said(c.ROW_PROBLEM, line=line, column=column, problem=said(problem, **params))


def test_a_good_file_is_imported(tmp_path):
    path = csv_file(
        tmp_path,
        HEADER + "XA02BCA211,奥美拉唑肠溶胶囊,A,1.20,粒\n"
        "XC10AAA211,阿托伐他汀钙片,B,3.50,片\n"
        "ZY00000002,阿胶,out,,盒\n",
    )
    assert run("import_catalogue", "drugs", path) == "Imported drugs: 3 added, 0 updated.\n"
    assert list(Drug.objects.values_list("code", "name", "catalogue_class", "price_limit")) == [
        ("XA02BCA211", "奥美拉唑肠溶胶囊", "A", Decimal("1.20")),
        ("XC10AAA211", "阿托伐他汀钙片", "B", Decimal("3.50")),
        ("ZY00000002", "阿胶", "out", None),
    ]


def test_importing_again_updates_by_code_and_keeps_entries_the_file_leaves_out(tmp_path):
    run(
        "import_catalogue",
        "treatments",
        csv_file(tmp_path, HEADER + "1,血常规,A,20,次\n2,CT,B,180,次\n"),
    )
    output = run(
        "import_catalogue", "treatments", csv_file(tmp_path, HEADER + "1,血常规检查,A,22.50,次\n")
    )
    assert output == "Imported treatments: 0 added, 1 updated.\n"
    assert TreatmentItem.objects.get(code="1").price_limit == Decimal("22.50")
    assert TreatmentItem.objects.get(code="1").name == "血常规检查"
    assert TreatmentItem.objects.count() == 2


def test_every_bad_row_is_named_by_line_and_column_and_nothing_is_imported(tmp_path):
    text = (
        HEADER
        + "F1,普通病房床位费,A,30.00,床日\n"  # line 2: good
        + ",无编码床位,A,30.00,床日\n"  # line 3
        + "F1,重复编码,A,30.00,床日\n"  # line 4
        + "F3,,C,abc,床日\n"  # line 5
        + "F4,负限价,B,-1.00,床日\n"  # line 6
        + "F5,限价过细,B,1.005,床日\n"  # line 7
        + "F6,目录外有限价,out,10.00,床日\n"  # line 8
        + f"F7,{'长' * 129},A,1.00,床日\n"  # line 9
        + "F8,少一列,A,1.00\n"  # line 10
        + '"F9","多行\n名称",A,1.00,床日\n'  # lines 11-12: good, a quoted line break
        + "F10,单位过长,A,1.00,一二三四五六七八九十一二三四五六七\n"  # line 13
    )
    problems = refusal("import_catalogue", "facilities", csv_file(tmp_path, text))
    assert problems == [
        row_problem(3, "code", c.VALUE_REQUIRED),
        row_problem(4, "code", c.DUPLICATE_CODE, code="F1", first=2),
        row_problem(5, "name", c.VALUE_REQUIRED),
        row_problem(5, "class", c.UNKNOWN_CLASS, value="C"),
        row_problem(5, "price_limit", c.NOT_A_PRICE, value="abc"),
        row_problem(6, "price_limit", c.NEGATIVE_PRICE, value="-1.00"),
        row_problem(7, "price_limit", c.FINER_THAN_FEN, value="1.005"),
        row_problem(8, "price_limit", c.OUT_OF_LIST_WITH_LIMIT),
        row_problem(9, "name", c.TOO_LONG, limit=128),
        said(c.WRONG_VALUE_COUNT, line=10, found=4, expected=5),
        row_problem(13, "unit", c.TOO_LONG, limit=16),
    ]
    assert not FacilityStandard.objects.exists()


def test_a_control_character_in_any_value_is_named_and_nothing_is_imported(tmp_path):
    text = HEADER + "X1,奥美拉唑,A,1.20,粒\n" + "X2\x00,阿托\x1b伐他汀,B,3.50\x07,片\n"
    problems = refusal("import_catalogue", "drugs", csv_file(tmp_path, text))
    assert problems == [
        row_problem(3, column, c.CONTROL_CHARACTER, character=character)
        for column, character in [("code", "U+0000"), ("name", "U+001B"), ("price_limit", "U+0007")]
    ]
    assert not Drug.objects.exists()


def test_a_header_without_the_catalogue_columns_is_refused(tmp_path):
    path = csv_file(tmp_path, "code,name,category,price_limit,unit\nX1,药,A,1.00,片\n")
    assert refusal("import_catalogue", "drugs", path) == [
        said(c.MISSING_COLUMNS, columns="class"),
        said(c.UNKNOWN_COLUMNS, columns="category"),
    ]


def test_an_empty_file_is_refused(tmp_path):
    assert refusal("import_catalogue", "drugs", csv_file(tmp_path, "")) == [
        said(c.EMPTY_FILE, columns="code, name, class, price_limit, unit")
    ]


def test_a_byte_order_mark_is_ignored_and_other_encodings_are_refused(tmp_path):
    path = csv_file(tmp_path, "\ufeff" + HEADER + "X1,阿莫西林胶囊,A,0.45,粒\n")
    run("import_catalogue", "drugs", path)
    assert Drug.objects.get().code == "X1"
    gbk = csv_file(tmp_path, HEADER + "X2,阿莫西林胶囊,A,0.45,粒\n", encoding="gbk")
    assert refusal("import_catalogue", "drugs", gbk) == [said(files.NOT_UTF8, path=gbk)]
