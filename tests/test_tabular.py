"""The shared table writers: CSV (UTF-8, BOM for Excel) and xlsx, both guarded against formulas."""

from __future__ import annotations

import codecs
import csv
import io

import openpyxl
import pytest

from shisaku.tabular import Sheet, csv_text, display_width, guard, sheet_name, to_csv, to_xlsx

HEADER = ["code", "name", "value"]
ROWS = [
    ["1", "合計特殊出生率", "1.40"],
    ["2", "=1+1", "-5"],
    ["3", "@SUM(A1)", "-"],
    ["4", "- 前年度より改善", "△10"],
    ["5", '引用符 " と, カンマ', "1,200件"],
]


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_csv_is_utf8_with_a_bom_by_default_and_reads_back_with_the_csv_module():
    data = to_csv(HEADER, ROWS)
    assert data.startswith(codecs.BOM_UTF8 + b"code,name,value\r\n")
    assert read_csv(data) == [
        HEADER,
        ["1", "合計特殊出生率", "1.40"],
        ["2", "'=1+1", "-5"],
        ["3", "'@SUM(A1)", "-"],
        ["4", "'- 前年度より改善", "△10"],
        ["5", '引用符 " と, カンマ', "1,200件"],
    ]


def test_the_csv_can_leave_the_bom_out():
    data = to_csv(HEADER, ROWS[:1], bom=False)
    assert data == "code,name,value\r\n1,合計特殊出生率,1.40\r\n".encode()


def test_csv_text_takes_another_delimiter_and_guards_the_header_too():
    assert csv_text(["=a", "b"], [["x\ty", "+1"]], delimiter="\t") == "'=a\tb\r\n\"x\ty\"\t'+1\r\n"


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("=1+1", "'=1+1"),
        ("+81", "'+81"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-abc", "'-abc"),
        ("-", "-"),
        ("-5", "-5"),
        ("-1,820人", "-1,820人"),
        ("'=x", "''=x"),
        ("合計", "合計"),
        ("", ""),
    ],
)
def test_the_guard_prefixes_only_what_a_spreadsheet_would_run(text, guarded):
    assert guard(text) == guarded


def test_the_workbook_opens_with_a_bold_frozen_header_text_cells_and_widths():
    data = to_xlsx([Sheet("indicators", HEADER, ROWS)])
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["indicators"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [HEADER, *ROWS]
    assert (ws.freeze_panes, ws["A1"].font.b, ws["A2"].font.b) == ("A2", True, False)
    assert {(c.data_type, c.number_format) for row in ws.iter_rows(min_row=2) for c in row} == {
        ("s", "@")
    }
    assert ws["B3"].value == "=1+1"  # a string, never a formula
    # the widest: 引用符 " と, カンマ = 19 half-width columns, plus 2; widths are 8 to 60
    assert ws.column_dimensions["B"].width == 21
    assert ws.column_dimensions["A"].width == 8


def test_the_workbook_keeps_several_sheets_in_order_with_names_excel_accepts():
    data = to_xlsx(
        [
            Sheet("a/b:c*?[d]", ["x"], [["1"]]),
            Sheet("a/b:c*?[d]", ["y"], [["2"]]),
            Sheet("x" * 40, ["z"], []),
        ]
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["a_b_c___d_", "a_b_c___d_ (2)", "x" * 31]
    assert book["x" * 31]["A1"].value == "z"


def test_a_workbook_without_tables_still_opens():
    assert openpyxl.load_workbook(io.BytesIO(to_xlsx([]))).sheetnames == ["Sheet"]


def test_characters_an_xlsx_cannot_hold_are_replaced_not_fatal():
    data = to_xlsx([Sheet("s", ["h"], [["a\x00b\x1fc"]])])
    assert openpyxl.load_workbook(io.BytesIO(data))["s"]["A2"].value == "a\ufffdb\ufffdc"


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("figures", set(), "figures"),
        ("", set(), "Sheet"),
        ("'q'", set(), "q"),
        ("A", {"a"}, "A (2)"),
    ],
)
def test_sheet_names_are_made_valid_and_distinct(name, taken, expected):
    assert sheet_name(name, set(taken)) == expected


@pytest.mark.parametrize(("text", "width"), [("abc", 3), ("子育て", 6), ("ＩＣＴ", 6), ("", 0)])
def test_display_width_counts_wide_characters_twice(text, width):
    assert display_width(text) == width


def test_only_the_cells_that_start_like_a_formula_are_guarded_anywhere_in_the_table():
    rows = [["a", "b"]] * 50 + [["x\x00=y", "-x"], ["1", "\x00"]]
    lines = csv_text(["h", "i"], rows).split("\r\n")
    assert lines[1] == "a,b"
    assert lines[51:] == ["x\x00=y,'-x", "1,\x00", ""]
    assert csv_text(["h"], [["x\x00=y"]]) == "h\r\nx\x00=y\r\n"  # a NUL is not a cell's start


def widths(sheet: Sheet) -> list[float | None]:
    """Return the column widths of a one-sheet workbook, as a spreadsheet reads them."""
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx([sheet])))[sheet.name]
    return [ws.column_dimensions[letter].width for letter in "ABCD"[: len(sheet.header)]]


def test_widths_fit_each_column_first_lines_in_ragged_rows_from_8_to_60():
    rows = [
        ["1", "合計特殊出生率\n(人口千人あたり、前年度比で見た値)"],  # first line: 14 columns
        ["abcdefghijklmnop"],  # shorter than the header: the missing cell is empty
        ["2", "x", "a long cell past the header is not written, nor counted" * 3],
        ["3", "é" * 70],  # wider than any column may be
    ]
    assert widths(Sheet("s", ["n", "name"], rows)) == [18, 60]
    assert widths(Sheet("s", ["n", "name"], rows[:3])) == [18, 16]
    assert widths(Sheet("s", ["n", "m"], [["ｶﾀ\nabcdefghijklmnop", "a\nb"]])) == [8, 8]


def test_a_numeric_column_holds_numbers_and_leaves_other_text_as_text():
    import io

    import openpyxl

    from shisaku.tabular import Sheet, to_xlsx

    sheet = Sheet(
        "s",
        ["code", "year", "value"],
        [["022012", "2019", "-12.5"], ["007", "約3", ""], ["1", "=1+1", "1e3"]],
        numbers=frozenset({1, 2}),
    )
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx([sheet]))).active
    cells = [[(c.value, c.data_type) for c in row] for row in ws.iter_rows(min_row=2)]
    assert cells == [
        [("022012", "s"), (2019, "n"), (-12.5, "n")],
        [("007", "s"), ("約3", "s"), (None, "n")],
        [("1", "s"), ("=1+1", "s"), ("1e3", "s")],
    ]


def test_the_package_is_the_zip_pythons_zipfile_writes_for_the_same_parts():
    import zipfile

    from shisaku.tabular import xlsxout

    parts = {"a.xml": "<a/>", "xl/b.xml": "漢字 " * 5000, "[Content_Types].xml": ""}
    reference = io.BytesIO()
    with zipfile.ZipFile(reference, "w") as package:
        for name, text in parts.items():
            entry = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            package.writestr(entry, text.encode(), zipfile.ZIP_DEFLATED, 1)
    data = xlsxout._zip(parts)
    assert data == reference.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert [package.read(name).decode() for name in parts] == list(parts.values())


def test_rows_of_unequal_length_keep_their_own_cells_and_numbers():
    sheet = Sheet("s", ["a", "b", "c"], [["1", "x"], ["2", "y", "3.5"], ["z"]], frozenset({0, 2}))
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx([sheet]))).active
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2)] == [
        [1, "x", None],
        [2, "y", 3.5],
        ["z", None, None],
    ]


@pytest.mark.parametrize("joined", [0, 1 << 20], ids=["deflated-in-turn", "joined-first"])
def test_a_part_deflated_in_pieces_is_the_part_deflated_whole(monkeypatch, joined):
    import zlib

    from shisaku.tabular import xlsxout

    monkeypatch.setattr(xlsxout, "_JOINED", joined)
    text = ("<row>合計特殊出生率 1.40</row>" * 3000).encode()
    whole = zlib.compressobj(1, zlib.DEFLATED, -15)
    expected = (zlib.crc32(text), len(text), whole.compress(text) + whole.flush())
    for step in (1, 7, 4096, 40_000):
        pieces = [text[i : i + step] for i in range(0, len(text), step)]
        assert tuple(xlsxout._deflated(pieces)) == expected


def test_a_sheet_written_again_with_equal_rows_is_the_same_and_follows_changes_to_them():
    rows = [["1", "a"], ["2", "b"]]
    first = to_xlsx([Sheet("s", ["n", "t"], rows, frozenset({0}))])
    assert to_xlsx([Sheet("s", ["n", "t"], [list(r) for r in rows], frozenset({0}))]) == first
    headed = to_xlsx([Sheet("s", ["番号", "文字"], rows, frozenset({0}))])
    ws = openpyxl.load_workbook(io.BytesIO(headed)).active
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["番号", "文字"],
        [1, "a"],
        [2, "b"],
    ]
    rows[1][1] = "changed"
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx([Sheet("s", ["n", "t"], rows)]))).active
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["n", "t"],
        ["1", "a"],
        ["2", "changed"],
    ]
    rows[1][1] = "b"
    assert to_xlsx([Sheet("s", ["n", "t"], rows, frozenset({0}))]) == first


def test_a_tail_is_written_as_the_rows_it_continues_whatever_row_it_starts_at():
    tail = (("", ""), ("列名", "見出し"), ("code", "コード"), ("value", "値（とても長い見出し）"))
    for rows in ([], [["指標", "01-1 人口"]], [["a"], ["b", "1.5", "x"], ["=1+1", "&<>"]]):
        whole = to_xlsx([Sheet("s", ["項目", "内容"], [*rows, *tail], frozenset({1}))])
        tailed = Sheet("s", ["項目", "内容"], rows, frozenset({1}), tail=tail)
        assert to_xlsx([tailed]) == whole


def test_a_workbook_is_the_zip_pythons_zipfile_writes_for_its_own_parts():
    import zipfile

    sheets = [Sheet("figures", HEADER, ROWS, frozenset({2})), Sheet("about", ["a"], [["b"]])]
    data = to_xlsx(sheets)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [(info.filename, package.read(info)) for info in package.infolist()]
    reference = io.BytesIO()
    with zipfile.ZipFile(reference, "w") as package:
        for name, content in parts:
            entry = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            package.writestr(entry, content, zipfile.ZIP_DEFLATED, 1)
    assert data == reference.getvalue()
    assert [name for name, _ in parts][:5] == [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
    ]


def test_a_text_in_several_columns_is_a_number_only_in_a_numeric_one():
    rows = [["2019", "2019", "a&b", "7"], ["2019", "2020", "a&b", "7"], ["", "", "x", "7"]]
    sheet = Sheet("s", ["code", "year", "text", "count"], rows, frozenset({1, 3}))
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx([sheet]))).active
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2)] == [
        ["2019", 2019, "a&b", 7],
        ["2019", 2020, "a&b", 7],
        [None, None, "x", 7],
    ]
