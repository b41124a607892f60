"""The report files opened the way a reader opens them: the PDF with pypdf, the workbook with
openpyxl, the HTML as text. The fictional 試験市 has sheets and costs; the real 青森市 plan
(bundled, without indicators or evaluations) shows what unknown looks like."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from django.db import transaction
from django.test import override_settings

from shisaku.cli import main
from shisaku.domain.actors import Actor
from shisaku.plan.queries import find_plan
from shisaku.reports.data import annual_report
from shisaku.reports.documents import to_html, to_pdf
from shisaku.reports.model import (
    NO_INDICATORS,
    NO_SHEET,
    Costs,
    FieldPart,
    MeasurePart,
    PolicyPart,
    Report,
    Sheet,
)
from shisaku.reports.workbook import to_xlsx
from tests.test_evaluation_setup import SLUG, TOWN, YEAR
from tests.test_reports_data import COST_111, FORMULA_LIKE, ISSUED, build_report_town

NUMBER = (int, float, Decimal)
FAST_HASHING = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker) -> Report:
    """Build the town once for the module, keep its report (plain data), roll the rows back."""
    hashing = override_settings(PASSWORD_HASHERS=FAST_HASHING)
    with django_db_blocker.unblock(), hashing, transaction.atomic():
        build_report_town(Actor(label="cli:test-operator", is_operator=True))
        made = annual_report(find_plan(TOWN, SLUG), YEAR, issued=ISSUED)
        transaction.set_rollback(True)
    return made


@pytest.fixture(scope="module")
def pdf_bytes(report) -> bytes:
    return to_pdf(report)


@pytest.fixture(scope="module")
def pdf(pdf_bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf_bytes))


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


# --- PDF ------------------------------------------------------------------------------------


def page_of(pages: list[str], heading: str) -> int:
    """Return the number (from 1) of the first page holding ``heading``."""
    return next(i for i, text in enumerate(pages, start=1) if heading in text)


def test_the_pdf_has_a_cover_contents_summaries_and_a_page_per_measure(pages):
    assert len(pages) > 3
    assert "2025年度（令和7年度）主要な施策の成果" in pages[0]
    assert "発行日 2026年9月1日（令和8年9月1日）" in pages[0]
    assert pages[1].startswith("目次")
    first = [page_of(pages, f"施策 {code}") for code in ("1-1-1", "1-1-2", "1-1-3")]
    assert first == sorted(first) and len(set(first)) == 3


def test_every_page_is_numbered_out_of_the_total(pages):
    total = len(pages)
    assert "1 / " in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {total}" in text


def test_the_contents_give_the_page_of_each_measure(pages):
    for code, title in [("1-1-1", "相談支援の充実"), ("1-1-3", "子育て家庭の交流")]:
        line = next(line for line in pages[1].splitlines() if f"{code} {title}" in line)
        assert line.rstrip().endswith(f" {page_of(pages, f'施策 {code}')}")


def test_each_measure_page_shows_its_title_and_grades(pages, report):
    for measure in report.measures():
        text = pages[page_of(pages, f"施策 {measure.code} {measure.title}") - 1]
        if measure.indicators:
            breakdown = "・".join(f"{g} {measure.counts[g]}件" for g in report.grades)
            assert f"評価の内訳：{breakdown}" in text
            for row in measure.indicators:
                assert row.name in text and f" {row.grade}\n{row.grade_label}" in text
        else:
            assert NO_INDICATORS in text


def test_the_frozen_and_the_live_grades_are_told_apart(pages):
    assert "時点で確定した評価です" in pages[page_of(pages, "施策 1-1-1") - 1]
    assert "現在の数値による暫定の評価です" in pages[page_of(pages, "施策 1-1-2") - 1]


def test_the_cost_and_the_narrative_are_in_the_pdf_with_text_escaped(pages):
    whole = "\n".join(pages)
    assert "合計 1,350,001 4,700,000 6,050,001" in whole
    assert "<b>窓口</b>の認知" in whole  # shown as written, not taken as markup
    assert FORMULA_LIKE in whole
    assert "一部未入力" in whole and "P-10: 従事職員数・人件費単価" in whole


def _fonts(pdf: pypdf.PdfReader):
    for page in pdf.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                yield descendant.get_object()


def test_the_japanese_font_is_embedded(pdf):
    embedded = {
        str(f["/BaseFont"])
        for f in _fonts(pdf)
        if {"/FontFile2", "/FontFile3"} & set(f["/FontDescriptor"].get_object().keys())
    }
    # WeasyPrint writes the name as 「ABCDEF+Noto-Sans-CJK-JP」 (a subset of the font)
    assert any("NotoSansCJK" in name.replace("-", "") for name in embedded), embedded
    assert all(name.split("+")[-1].startswith("Noto-Sans-CJK") for name in embedded), embedded


def test_the_pages_are_a4(pdf):
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)


def pdfinfo(data: bytes, tmp_path) -> dict[str, str]:
    """Return what poppler's pdfinfo says of a PDF (poppler-utils, installed by scripts/setup)."""
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    )


def test_the_pdf_is_tagged_for_screen_readers_with_its_title(pdf_bytes, report, tmp_path):
    info = pdfinfo(pdf_bytes, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == f"{report.municipality_name} {report.title}"
    assert info["PDF version"] == "1.7"


def test_the_pdf_declares_pdf_ua_and_japanese(pdf):
    xmp = pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp  # PDF/UA-1
    assert pdf.trailer["/Root"]["/Lang"] == "ja"
    assert bool(pdf.trailer["/Root"]["/MarkInfo"]["/Marked"])


# --- workbook -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(report):
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))


def row_of(ws, label: str) -> int:
    return next(c.row for c in ws["A"] if c.value == label)


def test_the_workbook_has_a_summary_and_a_sheet_per_measure(book):
    assert book.sheetnames == ["概要", "1-1-1", "1-1-2", "1-1-3"]


def test_the_cost_cells_are_numbers_equal_to_the_computed_costs(book):
    ws = book["1-1-1"]
    total = row_of(ws, "合計")
    cells = [ws.cell(total, col).value for col in (2, 3, 4)]
    assert all(isinstance(v, NUMBER) for v in cells)
    assert cells == [int(v) for v in COST_111.values()]
    summary = book["概要"]
    line = row_of(summary, "1-1-1")
    heads = [c.value for c in summary[4]]
    costs = [summary.cell(line, heads.index(h) + 1).value for h in heads[-3:]]
    assert costs == cells
    assert ws.cell(total, 2).number_format == "#,##0"


def test_indicator_numbers_are_numeric_with_the_text_as_written_beside(book):
    ws = book["1-1-1"]
    row = row_of(ws, "試験指標K1")
    heads = [c.value for c in ws[row_of(ws, "指標")]]
    values = {h: ws.cell(row, i).value for i, h in enumerate(heads, start=1)}
    assert (values["基準値"], values["目標値"], values["2025年度"]) == (100, 200, 150)
    assert values["2024年度"] is None  # not entered: empty, not zero
    assert values["達成率"] == pytest.approx(0.75)
    assert ws.cell(row, heads.index("達成率") + 1).number_format == "0.0%"
    assert values["評価"].startswith("C")
    assert ws.cell(row + 1, heads.index("2025年度") + 1).value == "150"


def test_unknown_amounts_and_missing_indicators_say_so(book):
    summary = book["概要"]
    heads = [c.value for c in summary[4]]
    road = row_of(summary, "1-1-2")
    assert summary.cell(road, heads.index("人件費（円）") + 1).value == "未入力"
    third = row_of(summary, "1-1-3")
    assert summary.cell(third, heads.index("指標数") + 1).value == NO_INDICATORS
    assert summary.cell(third, heads.index("評価 A") + 1).value is None
    assert book["1-1-3"].cell(row_of(book["1-1-3"], NO_INDICATORS), 1).value == NO_INDICATORS


def test_free_text_is_never_a_formula(book):
    ws = book["1-1-1"]
    cell = ws.cell(row_of(ws, "課題"), 2)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (FORMULA_LIKE, "s", True)
    results = ws.cell(row_of(ws, "成果"), 2)
    assert results.alignment.wrap_text and not results.quotePrefix


def test_the_sheets_print_on_a4_portrait_fitted_to_the_width(book):
    ws = book["1-1-1"]
    setup = ws.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth) == (9, "portrait", 1)
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def _measure(code: str) -> MeasurePart:
    sheet = Sheet("draft", "作成中", *[""] * 8, costs=Costs((), None, None, None))
    return MeasurePart(code, "施策", "", "", "", sheet, False, "", {}, ())


def test_sheet_names_are_cut_to_31_characters_and_kept_unique():
    long = "1-1-1-" + "x" * 40
    policy = PolicyPart("1", "政策", False, {}, (_measure(long), _measure(long + "y")))
    report = Report(
        *("報告", "999997", "試験市", "計画", "2024-2028", "期間", (2024,), 2024, "2024年度"),
        *(date(2025, 9, 1), "発行日", ("A", "X"), {}, "ratio", {}),
        fields=(FieldPart("", "", (policy,)),),
    )
    names = openpyxl.load_workbook(io.BytesIO(to_xlsx(report))).sheetnames
    assert names[0] == "概要" and len(set(names)) == 3
    assert all(len(n) <= 31 for n in names)


# --- HTML -----------------------------------------------------------------------------------


def test_the_html_is_self_contained_and_printable(report):
    html = to_html(report).decode("utf-8")
    links = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]*)""", html)
    assert links and all(not link.startswith(("http", "//")) for link in links)
    assert all(link.startswith("#") for link in links)
    assert "<link" not in html and "<script" not in html
    assert "@media print" in html and "<svg" in html
    for measure in report.measures():
        assert f"施策 {measure.code} {measure.title}" in html
    assert "&lt;b&gt;窓口&lt;/b&gt;" in html


# --- a plan without indicators or evaluations: the bundled 青森市 plan -------------------------


@pytest.fixture
def aomori(db, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    return find_plan("022012", "2019-2023")


def test_a_plan_without_indicators_or_sheets_says_so_and_never_shows_zeros(aomori):
    report = annual_report(aomori, 2021)
    measures = list(report.measures())
    assert len(measures) == 15
    assert all(m.sheet is None and m.indicators == () for m in measures)
    html = to_html(report).decode("utf-8")
    assert html.count(NO_SHEET) >= 15 and html.count(NO_INDICATORS) >= 15
    assert "2-2-1 教育環境の整備" in html
    assert not re.search(r'<td class="num">0</td>', html)
