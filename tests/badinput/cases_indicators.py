"""Bad indicator files (CSV, xlsx) for ``shisaku import-indicators`` and the staff bulk upload.

Each file goes through both channels and must give the same error, which names the file, the
row and the column (「figures.csv の 3 行目 の value 列: …」; a workbook adds the sheet and the
cell, 「… の figures シート の 2 行目 の value（F2） 列」) and what would be accepted.  The staff
page shows the same parts in a table; the test joins them back the same way.  Rows refer to
the fictional 試験市 plan of the fixtures: K1 and K3 belong to 子育て支援課, K2 to 土木課.
"""

# One case a line, so that the file reads as a table: long lines are wanted here.
# ruff: noqa: E501

from __future__ import annotations

import codecs

from tests.badinput.builders import (
    DEFINITION_HEADER,
    FIGURE_HEADER,
    SLUG,
    TOWN,
    compound_file,
    csv_bytes,
    definition_row,
    definitions,
    figure_row,
    figures,
    figures_xlsx,
    forged_zip_size,
    sheet_xml,
    xlsx,
    zip_bytes,
)
from tests.badinput.model import Case, CorpusFile

FILES: list[CorpusFile] = []
CASES: list[Case] = []

VALUE_OK = "数値（例: 1,820人、48.2%、△10）、順位（13位）、未取得の印（-、―、なし、X）"
PERIOD_OK = "例: 2019年度、令和6年度、H26、R5、2019~2023年度"
KIND_OK = "使える値: baseline（基準値）、target（目標値）、actual（実績値）"
DIRECTION_OK = "使える値: increase（増加）、decrease（減少）、maintain（維持）、qualitative（定性）"
NOT_XLSX = (
    "xlsx（Excel ブック）として読めません。Excel で「Excel ブック (*.xlsx)」として保存してください"
)
FIGURE_COLUMNS = "使える列: municipality_code、plan、indicator_code、kind、period、value、note、source、breakdown"  # fmt: skip
NEITHER = "見出しから指標定義ファイルか数値ファイルかを判別できません（定義は name・direction、数値は kind・period・value の列を持ちます）"  # fmt: skip
EMPTY_UPLOAD = (
    "入力されたファイルは空です。"  # the upload form refuses an empty file before reading it
)
WHICH_ENCODING = "UTF-8、Shift_JIS、UTF-16 のいずれかで保存してください"
FIGURE_REQUIRED = "必須の列がありません（数値ファイルの必須列: municipality_code、plan、indicator_code、kind、period、value）"  # fmt: skip


def _both(name: str, content: bytes | None, *expect: str, make=None, staff=None, outcome="error"):
    """Register a file for import-indicators and the staff upload (``staff``: its own fragments)."""
    file = f"indicators/{name}"
    if content is not None:
        FILES.append(CorpusFile(file, content))
    for channel, fragments in (("import-indicators", expect), ("staff-upload", staff or expect)):
        CASES.append(
            Case(f"{channel}:{name}", channel, file, fragments, make=make, outcome=outcome)  # type: ignore[arg-type]
        )


def _cell(name: str, row: int, column: str, content: bytes, *expect: str, **kw) -> None:
    """Register a file whose error is at one row and column."""
    _both(name, content, f"{name} の {row} 行目 の {column} 列: ", *expect, **kw)


def _row(name: str, row: int, content: bytes, *expect: str, **kw) -> None:
    """Register a file whose error is at one row."""
    _both(name, content, f"{name} の {row} 行目: ", *expect, **kw)


# --- encodings ------------------------------------------------------------------------------

_both("latin1.csv", figures(figure_row(period="FY2024", value="25", note="Café"), encoding="latin-1"), "latin1.csv: 文字コードを判別できません（UTF-8 としては 102 バイト目、Shift_JIS としては 102 バイト目が読めません）", WHICH_ENCODING)  # fmt: skip
_both("mixed-utf8-and-sjis.csv", figures(figure_row()) + ",".join(figure_row("K1", period="2025年度", value="110件")).encode("cp932") + b"\n", "mixed-utf8-and-sjis.csv: 文字コードが混ざっています（137 バイト目までは UTF-8 ですが、3 行目の 138 バイト目からはそうではありません）。ファイル全体を UTF-8 か Shift_JIS のどちらか一つで保存し直してください")  # fmt: skip
_both("utf16-odd-length.csv", codecs.BOM_UTF16_LE + figures(figure_row()).decode().encode("utf-16-le")[:-1], "utf16-odd-length.csv: UTF-16 として読めません（", "バイト目）")  # fmt: skip
_both("utf16be-without-bom-truncated.csv", figures(figure_row()).decode().encode("utf-16-be")[:-1], "utf16be-without-bom-truncated.csv: UTF-16 として読めません（")  # fmt: skip
_both("utf8-bom-then-invalid.csv", codecs.BOM_UTF8 + figures(figure_row()).replace(b"25", b"2\xff5"), "utf8-bom-then-invalid.csv: UTF-8（BOM 付き） として読めません（")  # fmt: skip
_cell("utf16le-without-bom-bad-value.csv", 2, "value", figures(figure_row(value="たくさん1")).decode().encode("utf-16-le"), "『たくさん1』は値として読めません", VALUE_OK)  # fmt: skip
_cell("sjis-bad-period.csv", 2, "period", figures(figure_row(period="令和ゼロ年度"), encoding="cp932"), "『令和ゼロ年度』は期間として読めません", PERIOD_OK)  # fmt: skip
_cell("euc-jp-read-as-sjis.csv", 2, "period", figures(figure_row(period="令和6年度"), encoding="euc-jp"), "は期間として読めません", PERIOD_OK)  # fmt: skip

# --- the shape of the file ------------------------------------------------------------------

_both(
    "empty.csv", b"", "empty.csv: 空のファイルです（見出しの行がありません）", staff=(EMPTY_UPLOAD,)
)
_both("blank-lines-only.csv", b"\n\r\n\n", "blank-lines-only.csv の 1 行目: 見出しの行（1 行目）が空です")  # fmt: skip
_both("header-only.csv", csv_bytes(FIGURE_HEADER), outcome="nothing")
_both("header-only-definitions.csv", csv_bytes(DEFINITION_HEADER), outcome="nothing")
_row("ragged-short-row.csv", 3, figures(figure_row(), ("999997", "2024-2028", "K3", "actual", "2025年度")), "セルの数が見出しと合いません（見出し 7 列、この行 5 列）")  # fmt: skip
_row("ragged-long-row.csv", 2, figures((*figure_row(), "余分", "もう一つ")), "セルの数が見出しと合いません（見出し 7 列、この行 9 列）")  # fmt: skip
_cell("missing-required-column.csv", 1, "period", csv_bytes(("municipality_code", "plan", "indicator_code", "kind", "value"), (TOWN, SLUG, "K3", "actual", "25人")), FIGURE_REQUIRED)  # fmt: skip
_cell("missing-value-column.csv", 1, "value", csv_bytes(("municipality_code", "plan", "indicator_code", "kind", "period"), (TOWN, SLUG, "K3", "actual", "2024年度")), FIGURE_REQUIRED)  # fmt: skip
_cell("unknown-column.csv", 1, "comment", csv_bytes((*FIGURE_HEADER, "comment"), (*figure_row(), "メモ")), "数値ファイルにない列です。", FIGURE_COLUMNS)  # fmt: skip
_cell("misspelt-column.csv", 1, "peroid", csv_bytes(("municipality_code", "plan", "indicator_code", "kind", "peroid", "value"), (TOWN, SLUG, "K3", "actual", "2024年度", "25人")), "数値ファイルにない列です。", FIGURE_COLUMNS)  # fmt: skip
_row("unrecognised-header.csv", 1, csv_bytes(("a", "b", "c"), ("1", "2", "3")), NEITHER)
_row("semicolon-separated.csv", 1, csv_bytes(FIGURE_HEADER, figure_row(), sep=";"), NEITHER)
_row("both-layouts-in-one-header.csv", 1, csv_bytes((*FIGURE_HEADER, "name", "direction"), (*figure_row(), "x", "increase")), NEITHER)  # fmt: skip
_row("html-saved-as-csv.csv", 1, b"<html><body><table><tr><td>municipality_code</td></tr></table></body></html>\n", NEITHER)  # fmt: skip
_row("empty-header-cell.csv", 1, csv_bytes(("municipality_code", "", *FIGURE_HEADER[1:]), (TOWN, "", *figure_row()[1:])), "見出しが空です（2 番目の列）")  # fmt: skip
_cell("duplicate-header.csv", 1, "period", csv_bytes((*FIGURE_HEADER, "period"), (*figure_row(), "2024年度")), "同じ見出しの列が二つあります（一つにしてください）")  # fmt: skip
_row("unclosed-quote.csv", 3, figures(figure_row(), (TOWN, SLUG, "K3", "actual", "2025年度", '"30人', "")), "CSV として読めません（", '引用符 " の閉じ忘れなどを確かめてください')  # fmt: skip
_cell("nul-byte.csv", 2, "note", figures(figure_row(note="a\x00b")), "制御文字 U+0000 が含まれています（取り除いてください）")  # fmt: skip
_cell("control-character.csv", 2, "note", figures(figure_row(note="ベル\x07")), "制御文字 U+0007 が含まれています（取り除いてください）")  # fmt: skip
_row("field-over-csv-limit.csv", 2, figures(figure_row(note="長" * 140_000)), "CSV として読めません（field larger than field limit (131072)）")  # fmt: skip
_both("header-10000-columns.csv", csv_bytes((*FIGURE_HEADER, *(f"extra{i}" for i in range(10_000))), figure_row()), "header-10000-columns.csv の 1 行目 の extra0 列: 数値ファイルにない列です。", "header-10000-columns.csv の 1 行目: ほかに 9,990 列が数値ファイルにない列です（extra10、extra11、extra12 …）")  # fmt: skip
_both("header-10000-empty-columns.csv", csv_bytes((*FIGURE_HEADER, *[""] * 10_000)), "header-10000-empty-columns.csv の 1 行目: 見出しが空です（8 番目の列）", "header-10000-empty-columns.csv の 1 行目: ほかに 9,990 列の見出しが空です")  # fmt: skip

# --- cells ----------------------------------------------------------------------------------

_cell("bad-value.csv", 3, "value", figures(figure_row(), figure_row(period="2025年度", value="たくさん1")), "『たくさん1』は値として読めません", VALUE_OK)  # fmt: skip
_cell("value-bad-commas.csv", 2, "value", figures(figure_row(value='"1,82,0人"')), "『1,82,0人』は値として読めません。桁区切りのカンマの位置が正しくありません（3桁ごとに区切ります）")  # fmt: skip
_cell("value-two-numbers.csv", 2, "value", figures(figure_row(value='"1,820人 2,000人"')), "ラベルのない数値が2つ以上あります（例: 小学生 85.6 / 中学生 82.6）")  # fmt: skip
_cell("value-rank-zero.csv", 2, "value", figures(figure_row(value="0位")), "順位は1以上の整数で書きます（例: 13位）")  # fmt: skip
_cell("value-qualifier-only.csv", 2, "value", figures(figure_row(value="約")), "『約』は値として読めません。数値がありません")  # fmt: skip
_cell("value-two-decimal-points.csv", 2, "value", figures(figure_row(value="1.2.3%")), "小数点の位置が正しくありません")  # fmt: skip
_cell("value-too-long.csv", 2, "value", figures(figure_row(value="1" * 301)), "長すぎます（301 文字。300 文字までです）")  # fmt: skip
_cell("value-too-large.csv", 2, "value", figures(figure_row(value="99999999999999999999人")), "『99999999999999999999人』は値として読めません。数値が大きすぎます（整数部は14桁まで）")  # fmt: skip
_cell("value-huge-man.csv", 2, "value", figures(figure_row(value="12345678901兆円")), "数値が大きすぎます（整数部は14桁まで）")  # fmt: skip
_cell("formula-in-value.csv", 2, "value", figures(figure_row(value="=1+1")), "『=1+1』は値として読めません")  # fmt: skip
_cell("formula-hyperlink-in-kind.csv", 2, "kind", figures(figure_row(kind='"=HYPERLINK(""http://example.invalid"",""x"")"')), '「=HYPERLINK("http://example.invalid","x")」は使えません。', KIND_OK)  # fmt: skip
_cell("formula-at-in-period.csv", 2, "period", figures(figure_row(period="@SUM(A1:A2)")), "『@SUM(A1:A2)』は期間として読めません", PERIOD_OK)  # fmt: skip
_cell("formula-plus-in-value.csv", 2, "value", figures(figure_row(value="+cmd|'/C calc'!A0")), "は値として読めません")  # fmt: skip
_cell("bad-period.csv", 2, "period", figures(figure_row(period="来年度")), "『来年度』は期間として読めません。年を表す数字がありません", PERIOD_OK)  # fmt: skip
_cell("period-era-zero.csv", 2, "period", figures(figure_row(period="平成0年度")), "平成0年という年はありません")  # fmt: skip
_cell("period-reversed.csv", 2, "period", figures(figure_row(period="2025~2020年度")), "終わりの年（2020年）が始まりの年（2025年）より前です")  # fmt: skip
_cell("period-mixed-basis.csv", 2, "period", figures(figure_row(period="2019年~2020年度")), "「年」と「年度」が混ざっています")  # fmt: skip
_cell("period-before-meiji.csv", 2, "period", figures(figure_row(period="1800年度")), "1800年は明治（1868年）より前です")  # fmt: skip
_cell("period-paren-disagrees.csv", 2, "period", figures(figure_row(period="R4（2021）")), "r4は2022年ですが、（2021）は2021年です")  # fmt: skip
_cell("period-date-range.csv", 2, "period", figures(figure_row(period="2019年4月~2020年3月")), "日付の範囲は期間として読めません（年度か年で書いてください）")  # fmt: skip
_cell("period-key-same-years.csv", 2, "period", figures(figure_row(period="FY2019-2019")), "『FY2019-2019』は期間として読めません。期間キーの形ではありません")  # fmt: skip
_cell("bad-kind.csv", 2, "kind", figures(figure_row(kind="forecast")), "「forecast」は使えません。", KIND_OK)  # fmt: skip
_cell("kind-typo-japanese.csv", 2, "kind", figures(figure_row(kind="実績")), "「実績」は使えません。", KIND_OK)  # fmt: skip
_cell("required-cell-empty.csv", 2, "indicator_code", figures(figure_row(indicator="")), "空欄です（必須の列です）")  # fmt: skip
_cell("indicator-code-too-long.csv", 2, "indicator_code", figures(figure_row(indicator="K" * 41)), "長すぎます（41 文字。40 文字までです）")  # fmt: skip
_cell("breakdown-too-long.csv", 2, "breakdown", csv_bytes((*FIGURE_HEADER, "breakdown"), (*figure_row(), "内" * 101)), "長すぎます（101 文字。100 文字までです）")  # fmt: skip
_cell("municipality-code-letters.csv", 2, "municipality_code", figures(figure_row(town="ABCDEF")), "「ABCDEF」は全国地方公共団体コードではありません（6桁の数字、例: 022012）")  # fmt: skip
_cell("municipality-code-check-digit.csv", 2, "municipality_code", figures(figure_row(town="999991")), "「999991」の検査数字が合いません（正しくは 999997）")  # fmt: skip
_cell("unknown-municipality.csv", 2, "plan", figures(figure_row(town="131016")), "団体 131016 は登録されていません（先に計画を取り込んでください）")  # fmt: skip
_cell("unknown-plan.csv", 2, "plan", figures(figure_row(plan="2099-2103")), "計画 2099-2103 がありません（試験市の計画: 2024-2028）")  # fmt: skip
_cell("undefined-indicator.csv", 2, "indicator_code", figures(figure_row("K99")), "指標 K99 が定義されていません（指標定義ファイルに行を加えるか、先に定義を取り込んでください）")  # fmt: skip
_cell("duplicate-rows.csv", 3, "period", figures(figure_row(), figure_row()), "指標 K3 の actual FY2024 は duplicate-rows.csv の 2 行目 と重複しています（1 行にまとめてください）")  # fmt: skip
_cell("duplicate-rows-two-spellings.csv", 3, "period", figures(figure_row(period="令和6年度"), figure_row(period="R6")), "指標 K3 の actual FY2024 は duplicate-rows-two-spellings.csv の 2 行目 と重複しています")  # fmt: skip
_cell("one-good-row-one-bad.csv", 3, "value", figures(figure_row("K1", period="2025年度", value="110件"), figure_row(value="12件34")), "『12件34』は値として読めません")  # fmt: skip

# --- definitions ----------------------------------------------------------------------------

_cell("definition-bad-direction.csv", 2, "direction", definitions(definition_row(direction="up")), "「up」は使えません。", DIRECTION_OK)  # fmt: skip
_cell("definition-negative-weight.csv", 2, "weight", definitions(definition_row(weight="-1")), "「-1」は重みとして読めません（0 以上の数、例: 1、0.5）")  # fmt: skip
_cell("definition-weight-text.csv", 2, "weight", definitions(definition_row(weight="重い")), "「重い」は重みとして読めません（0 以上の数、例: 1、0.5）")  # fmt: skip
_cell("definition-weight-nan.csv", 2, "weight", definitions(definition_row(weight="NaN")), "「NaN」は重みとして読めません")  # fmt: skip
_cell("definition-unit-too-long.csv", 2, "unit", definitions(definition_row(unit="単" * 31)), "長すぎます（31 文字。30 文字までです）")  # fmt: skip
_cell("definition-name-empty.csv", 2, "name", definitions(definition_row(name="")), "空欄です（必須の列です）")  # fmt: skip
_cell("definition-duplicate.csv", 3, "indicator_code", definitions(definition_row(), definition_row()), "指標 K9 の定義 は definition-duplicate.csv の 2 行目 と重複しています")  # fmt: skip
_cell("definition-missing-name-column.csv", 1, "name", csv_bytes(("municipality_code", "plan", "indicator_code", "direction"), (TOWN, SLUG, "K9", "increase")), "必須の列がありません（指標定義ファイルの必須列: municipality_code、plan、indicator_code、name、direction）")  # fmt: skip
_row("definition-unknown-node.csv", 2, csv_bytes((*DEFINITION_HEADER, "node_code"), (*definition_row(), "9-9-9")), "計画 2024-2028 に施策 9-9-9 がありません")  # fmt: skip

# --- workbooks ------------------------------------------------------------------------------

SHEET = "figures シート"
_both("merged-cells.xlsx", figures_xlsx(figure_row(), ("999997", "", "K3", "actual", "2025年度", "30人", ""), merged=["A3:B3"]), f"merged-cells.xlsx の {SHEET} の 3 行目: セル A3:B3 が結合されています。結合を解除し、1 つのセルに 1 つの値を入れてください")  # fmt: skip
_both("formula.xlsx", figures_xlsx((*figure_row()[:5], ("f", "SUM(20,5)"), "")), f"formula.xlsx の {SHEET} の 2 行目 の value（F2） 列: セル F2 は数式です。数式ではなく値を入力してください")  # fmt: skip
_both("formula-in-period.xlsx", figures_xlsx((*figure_row()[:4], ("f", 'TEXT(TODAY(),"yyyy")'), "25人", "")), f"formula-in-period.xlsx の {SHEET} の 2 行目 の period（E2） 列: セル E2 は数式です")  # fmt: skip
for _code in ("#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?"):
    _slug = _code.strip("#!?").replace("/", "").lower()
    _both(f"error-{_slug}.xlsx", figures_xlsx((*figure_row()[:5], ("e", _code), "")), f"error-{_slug}.xlsx の {SHEET} の 2 行目 の value（F2） 列: セル F2 はエラー値 {_code} です。値を入力してください")  # fmt: skip
_both("bad-value.xlsx", figures_xlsx(figure_row(value="たくさん1")), f"bad-value.xlsx の {SHEET} の 2 行目 の value（F2） 列: 『たくさん1』は値として読めません", VALUE_OK)  # fmt: skip
_both("boolean-value.xlsx", figures_xlsx((*figure_row()[:5], True, "")), f"boolean-value.xlsx の {SHEET} の 2 行目 の value（F2） 列: 『TRUE』は値として読めません")  # fmt: skip
_both("raw-control-character-in-xml.xlsx", figures_xlsx(figure_row(note="ベル\x07")), f"raw-control-character-in-xml.xlsx: {NOT_XLSX}（ParseError）")  # fmt: skip
_both("stray-cell-without-header.xlsx", figures_xlsx((*figure_row(), "", "はみ出し")), f"stray-cell-without-header.xlsx の {SHEET} の 2 行目: 見出しのない列のセル I2 に値があります（見出しを付けるか、消してください）")  # fmt: skip
_both("unknown-column.xlsx", xlsx(("figures", sheet_xml([(*FIGURE_HEADER, "memo"), (*figure_row(), "x")]))), f"unknown-column.xlsx の {SHEET} の 1 行目 の memo（H1） 列: 数値ファイルにない列です。", FIGURE_COLUMNS)  # fmt: skip
_both("huge-dimension-claim.xlsx", figures_xlsx(figure_row(value="たくさん1"), dimension="A1:XFD1048576"), f"huge-dimension-claim.xlsx の {SHEET} の 2 行目 の value（F2） 列: 『たくさん1』は値として読めません")  # fmt: skip
_both("far-cell-too-many-rows.xlsx", figures_xlsx(figure_row(), extra='<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'), f"far-cell-too-many-rows.xlsx の {SHEET}: 行が多すぎます（1,048,576 行。100,000 行まで）。ファイルを分けてください")  # fmt: skip
_both("far-cell-too-many-cells.xlsx", figures_xlsx(figure_row(), extra='<row r="90000"><c r="XFD90000" t="inlineStr"><is><t>x</t></is></c></row>'), f"far-cell-too-many-cells.xlsx の {SHEET}: 表の範囲が広すぎます（A1:XFD90000、1,474,560,000 セル。2,500,000 セルまで）", "使っていない行と列を削除してください")  # fmt: skip
_both("empty-sheet.xlsx", xlsx(("figures", sheet_xml([]))), f"empty-sheet.xlsx の {SHEET}: 空のシートです（1 行目に見出しがありません）")  # fmt: skip
_both("two-unnamed-sheets.xlsx", xlsx(("Sheet1", sheet_xml([FIGURE_HEADER, figure_row()])), ("Sheet2", sheet_xml([FIGURE_HEADER, figure_row()]))), "two-unnamed-sheets.xlsx: どのシートを読むか分かりません。シート名を definitions と figures（または 指標定義 と 数値）にしてください")  # fmt: skip
_both("not-a-workbook.xlsx", zip_bytes({"readme.txt": "これはブックではありません"}), f"not-a-workbook.xlsx: {NOT_XLSX}")  # fmt: skip
_both("corrupted-zip.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4, f"corrupted-zip.xlsx: {NOT_XLSX}")  # fmt: skip
_both("truncated.xlsx", figures_xlsx(figure_row())[:700], f"truncated.xlsx: {NOT_XLSX}")
_both("empty.xlsx", b"", f"empty.xlsx: {NOT_XLSX}", staff=(EMPTY_UPLOAD,))
_both("zip-claims-5gb.xlsx", forged_zip_size(figures_xlsx(figure_row()), 0xFFFFFFF0), "zip-claims-5gb.xlsx: ブックの中身が大きすぎます（展開すると 100 MB を超えます）")  # fmt: skip
_both("zip-named-csv.csv", zip_bytes({"a.txt": "x"}), f"zip-named-csv.csv: {NOT_XLSX}")
_both("old-excel.xls", compound_file("Root Entry", "Workbook", "\x05SummaryInformation"), "old-excel.xls: 古い Excel 形式（.xls）は読めません。「Excel ブック (*.xlsx)」で保存し直してください", staff=("CSV ファイル（.csv）か Excel ブック（.xlsx）を選んでください。",))  # fmt: skip
_both("old-excel-named-xlsx.xlsx", compound_file("Root Entry", "Workbook"), "old-excel-named-xlsx.xlsx: 古い Excel 形式（.xls）は読めません")  # fmt: skip
_both("password-protected.xlsx", compound_file("Root Entry", "EncryptionInfo", "EncryptedPackage"), "password-protected.xlsx: パスワードで保護されたブックは読めません。Excel でパスワードを解除して保存し直してください")  # fmt: skip

# --- the staff upload form only -------------------------------------------------------------


def _staff(name: str, content: bytes | None, *expect: str, make=None) -> None:
    """Register a case for the staff upload only (the form refuses it before reading)."""
    file = f"indicators/{name}"
    if content is not None:
        FILES.append(CorpusFile(file, content))
    CASES.append(Case(f"staff-upload:{name}", "staff-upload", file, expect, make=make))


_staff(
    "figures.pdf", b"%PDF-1.7\n", "CSV ファイル（.csv）か Excel ブック（.xlsx）を選んでください。"
)
_staff("no-suffix", figures(figure_row()), "CSV ファイル（.csv）か Excel ブック（.xlsx）を選んでください。")  # fmt: skip
# Just over 5 MB: the form's message (a body declaring 64 KB more is refused with 413 before it is read)
_staff("over-5mb.csv", None, "ファイルが 5 MB を超えています。", make=lambda: figures(figure_row(note="x" * 5 * 1024 * 1024)))  # fmt: skip
_staff("over-5mb.xlsx", None, "ファイルが 5 MB を超えています。", make=lambda: b"PK\x03\x04" + bytes(5 * 1024 * 1024))  # fmt: skip
