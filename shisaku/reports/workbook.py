"""The report as an Excel workbook: a 概要 sheet and one 施策評価シート per measure.

Numbers are numeric cells with number formats (figures, ratios, yen), each figure's text as
written beside it; free text is always a text cell, marked with Excel's quote prefix when a
spreadsheet could take it for a formula (the guard of :mod:`shisaku.tabular`). Unknown stays
empty or says so (「未入力」「指標未取得」「未評価…」): never a zero. Every sheet prints on A4
portrait, fitted to the page width.  A measure's sheet carries the year's published consultation
results on it (住民の意見と対応) in the words, columns and place of the PDF: after its indicators.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from shisaku.reports.model import (
    NO_INDICATORS,
    NO_SHEET,
    NO_TEXT,
    NOT_ENTERED,
    FigureCell,
    IndicatorRow,
    MeasurePart,
    Report,
    VoiceRow,
)
from shisaku.tabular import display_width, needs_guard, sheet_name

SUMMARY = "概要"
YEN = "#,##0"
PERCENT = "0.0%"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters an xlsx cannot hold
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="E8EEF7")
THIN = Side(style="thin", color="7A7A7A")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def text(ws: Any, row: int, col: int, value: str, *, bold: bool = False) -> Any:
    """Write ``value`` as a text cell: never a formula, never a number."""
    cell = ws.cell(row=row, column=col)
    clean = _ILLEGAL.sub("\ufffd", value)
    cell.value = clean or None
    if clean:
        cell.data_type = "s"
        cell.quotePrefix = needs_guard(clean)
    cell.number_format = "@"
    cell.alignment = WRAP
    if bold:
        cell.font = BOLD
    return cell


def number(ws: Any, row: int, col: int, value: Decimal | float | int | None, fmt: str) -> Any:
    """Write a number with its format (nothing when it is unknown)."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    cell.number_format = fmt
    return cell


def amount(ws: Any, row: int, col: int, value: Decimal | None) -> Any:
    """Write an amount in yen, or 「未入力」 when it was not entered."""
    if value is None:
        return text(ws, row, col, NOT_ENTERED)
    return number(ws, row, col, value, YEN)


def number_format(decimals: int) -> str:
    """Return the number format of an indicator's values: #,##0 or #,##0.00."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def header(ws: Any, row: int, titles: Sequence[str]) -> None:
    """Write a bold, shaded table header."""
    for col, title in enumerate(titles, start=1):
        cell = text(ws, row, col, title, bold=True)
        cell.fill = HEAD_FILL
        cell.border = BOX


def span(ws: Any, row: int, first: int, last: int, value: str) -> int:
    """Write a wrapped text across columns ``first``..``last``; return the lines it takes."""
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    text(ws, row, first, value)
    letters = (get_column_letter(c) for c in range(first, last + 1))
    width = sum(ws.column_dimensions[letter].width or 10 for letter in letters)
    return sum(max(1, math.ceil(display_width(part) / max(width, 1))) for part in value.split("\n"))


def fit_height(ws: Any, row: int, lines: int) -> None:
    """Make a row tall enough for ``lines`` lines of wrapped text."""
    ws.row_dimensions[row].height = 15 * max(lines, 1) + 3


def long_text(ws: Any, row: int, label: str, value: str, last: int) -> int:
    """Write a label and a wrapped text across the sheet's width; return the next row."""
    text(ws, row, 1, label, bold=True)
    fit_height(ws, row, span(ws, row, 2, last, value or NO_TEXT))
    return row + 1


def print_setup(ws: Any) -> None:
    """Print on A4 portrait, fitted to the page width, with page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "&P / &N"


# --- the summary sheet ------------------------------------------------------------------------


def summary_columns(report: Report) -> list[str]:
    """Return the headings of the summary table."""
    grades = [f"評価 {g}" for g in report.grades]
    heads = ["施策コード", "施策名", "政策", "主管課", "評価シートの状態", "評価の区分"]
    return [*heads, *grades, "指標数", "事業費（円）", "人件費（円）", "フルコスト（円）"]


def _summary_row(ws: Any, row: int, report: Report, measure: MeasurePart) -> None:
    """Write one measure's line of the summary."""
    status = measure.sheet.status_label if measure.sheet else NO_SHEET
    kind = "確定" if measure.frozen else "暫定"
    cells = [measure.code, measure.title, measure.policy_title, measure.department, status, kind]
    for col, value in enumerate(cells, start=1):
        text(ws, row, col, value)
    counts_at = len(cells) + 1
    total_at = counts_at + len(report.grades)
    if measure.indicators:
        for offset, grade in enumerate(report.grades):
            number(ws, row, counts_at + offset, measure.counts.get(grade, 0), "0")
        number(ws, row, total_at, len(measure.indicators), "0")
    else:
        text(ws, row, total_at, NO_INDICATORS)
    col = total_at + 1
    costs = measure.sheet.costs if measure.sheet else None
    for offset, known in enumerate((costs.project, costs.personnel, costs.full) if costs else ()):
        amount(ws, row, col + offset, known)


def summary_sheet(book: Any, report: Report) -> None:
    """Add the 概要 sheet: the report's title and one row per measure."""
    ws = book.create_sheet(SUMMARY)
    text(ws, 1, 1, f"{report.municipality_name} {report.plan_title} {report.title}", bold=True)
    text(ws, 2, 1, f"発行日 {report.issued_label}　計画期間 {report.plan_period}")
    columns = summary_columns(report)
    header(ws, 4, columns)
    for row, measure in enumerate(report.measures(), start=5):
        _summary_row(ws, row, report, measure)
    widths = [10, 30, 24, 14, 14, 8, *([7] * len(report.grades)), 8, 14, 14, 14]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "C5"
    print_setup(ws)
    ws.page_setup.orientation = "landscape"


# --- one sheet per measure ----------------------------------------------------------------


def _widths(ws: Any, years: int) -> int:
    """Set the column widths of a measure sheet; return its last column."""
    last = 4 + years + 2
    widths = [26, 8, 12, 12, *([11] * years), 10, 9]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    return last


def _head(ws: Any, report: Report, measure: MeasurePart, last: int) -> int:
    """Write the header block (施策名, place in the plan, 主管課, 対象, 意図); return the row."""
    text(ws, 1, 1, f"施策評価シート　{report.year_label}", bold=True)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    place = " ＞ ".join(t for t in (measure.field_title, measure.policy_title) if t)
    sheet = measure.sheet
    rows = [
        ("施策名", f"{measure.code} {measure.title}"),
        ("政策・分野", place),
        ("主管課", measure.department or "（未設定）"),
        ("評価シートの状態", sheet.status_label if sheet else NO_SHEET),
    ]
    row = 3
    for label, value in rows:
        row = long_text(ws, row, label, value, last)
    if sheet:
        row = long_text(ws, row, "対象", sheet.target, last)
        row = long_text(ws, row, "意図", sheet.intent, last)
    return row + 1


def _figures(ws: Any, row: int, item: IndicatorRow, years: Sequence[int]) -> None:
    """Write an indicator's numbers (this row) and its texts as written (the next row)."""
    fmt = number_format(item.decimals)
    by_year = {c.year: c for c in item.actuals}
    cells: list[FigureCell | None] = [item.baseline, item.target, *(by_year.get(y) for y in years)]
    for col, figure in enumerate(cells, start=3):
        if figure is not None and figure.value is not None:
            number(ws, row, col, figure.value, fmt)
        if figure is not None:
            text(ws, row + 1, col, figure.text)


def _indicator(ws: Any, row: int, item: IndicatorRow, years: Sequence[int], last: int) -> int:
    """Write one indicator: numbers, texts as written, grade and ratio, formula; return the row."""
    text(ws, row, 1, item.name, bold=True)
    text(ws, row, 2, item.unit)
    _figures(ws, row, item, years)
    text(ws, row, last - 1, f"{item.grade} {item.grade_label}".strip(), bold=True)
    if item.ratio is not None:
        number(ws, row, last, item.ratio, PERCENT)
    text(ws, row + 1, 1, "（記載どおり）")
    return long_text(ws, row + 2, "算定", item.formula, last)


def _indicators(ws: Any, row: int, report: Report, measure: MeasurePart, last: int) -> int:
    """Write the indicator table by year; return the next free row."""
    text(ws, row, 1, f"成果指標（{measure.grades_note}）", bold=True)
    row += 1
    if not measure.indicators:
        text(ws, row, 1, NO_INDICATORS, bold=True)
        return row + 2
    years = report.plan_years
    header(
        ws,
        row,
        ["指標", "単位", "基準値", "目標値", *(f"{y}年度" for y in years), "評価", "達成率"],
    )
    row += 1
    for item in measure.indicators:
        row = _indicator(ws, row, item, years, last)
    return row + 1


VOICES = "住民の意見と対応（意見募集の結果公表）"
VOICE_HEAD = ("意見募集", "意見（要旨）", "対応区分", "考慮した結果及びその理由", "担当課")


def _voice_spans(last: int) -> list[tuple[int, int]]:
    """Return the columns each cell of a voice row spans (the reason takes the year columns)."""
    return [(1, 1), (2, 4), (5, 5), (6, max(6, last - 1)), (max(7, last), max(7, last))]


def _voice_row(ws: Any, row: int, cells: Sequence[str], last: int, *, bold: bool) -> None:
    """Write one row of the voices table over its spans, as tall as its longest cell."""
    spans = _voice_spans(last)
    lines = [span(ws, row, a, b, value) for (a, b), value in zip(spans, cells, strict=True)]
    for a, _ in spans:
        cell = ws.cell(row=row, column=a)
        cell.border = BOX
        if bold:
            cell.font, cell.fill = BOLD, HEAD_FILL
    fit_height(ws, row, max(lines))


def _voices(ws: Any, row: int, voices: Sequence[VoiceRow], last: int) -> int:
    """Write the year's published opinions on the measure, as the PDF does; return the row."""
    if not voices:
        return row
    text(ws, row, 1, VOICES, bold=True)
    _voice_row(ws, row + 1, VOICE_HEAD, last, bold=True)
    for offset, v in enumerate(voices, start=row + 2):
        cells = (v.consultation, v.opinion, v.response, v.reason, v.department)
        _voice_row(ws, offset, cells, last, bold=False)
    return row + len(voices) + 3


def _costs(ws: Any, row: int, measure: MeasurePart) -> int:
    """Write the cost table (事業費, 人件費, フルコスト); return the next free row."""
    text(ws, row, 1, "施策のコスト", bold=True)
    if measure.sheet is None:
        text(ws, row + 1, 1, NO_SHEET)
        return row + 3
    costs = measure.sheet.costs
    header(ws, row + 1, ["事務事業", "事業費（円）", "人件費（円）", "フルコスト（円）"])
    row += 2
    for line in costs.lines:
        text(ws, row, 1, f"{line.code} {line.name}")
        for col, value in enumerate((line.project, line.personnel, line.full), start=2):
            amount(ws, row, col, value)
        row += 1
    text(ws, row, 1, "合計" if costs.lines else "事務事業なし", bold=True)
    for col, value in enumerate((costs.project, costs.personnel, costs.full), start=2):
        amount(ws, row, col, value).font = BOLD
    if costs.incomplete:
        text(ws, row + 1, 1, "一部未入力（合計は入力済みの額の和）: " + "、".join(costs.incomplete))
        row += 1
    return row + 2


def _narrative(ws: Any, row: int, measure: MeasurePart, last: int) -> int:
    """Write the results, issues, direction and comments; return the next free row."""
    sheet = measure.sheet
    if sheet is None:
        return row
    items = [
        ("成果", sheet.results),
        ("課題", sheet.issues),
        ("今後の方向性", sheet.direction or "（未定）"),
        ("一次評価（所属長）", sheet.first_comment),
        ("二次評価（企画課）", sheet.second_comment),
        ("外部評価（委員会の意見）", sheet.committee_opinion),
    ]
    for label, value in items:
        row = long_text(ws, row, label, value, last)
    return row + 1


def measure_sheet(book: Any, report: Report, measure: MeasurePart, taken: set[str]) -> None:
    """Add a measure's 施策評価シート."""
    ws = book.create_sheet(sheet_name(measure.code, taken))
    last = _widths(ws, len(report.plan_years))
    row = _head(ws, report, measure, last)
    row = _indicators(ws, row, report, measure, last)
    row = _voices(ws, row, measure.voices, last)
    row = _costs(ws, row, measure)
    _narrative(ws, row, measure, last)
    print_setup(ws)


def to_xlsx(report: Report) -> bytes:
    """Return the report as a workbook: 概要 first, then one sheet per measure."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    summary_sheet(book, report)
    taken = {SUMMARY.lower()}
    for measure in report.measures():
        measure_sheet(book, report, measure, taken)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
