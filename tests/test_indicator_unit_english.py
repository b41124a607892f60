"""An indicator's unit in English (``unit_en``), typed by the planning office: shown on English
pages, in the JSON twin and the English workbook; without it the Japanese unit shows, counted
in the page's one notice of untranslated content.  The downloads (CSV and xlsx, both languages)
and the data package carry it as their last column, empty when none was typed."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import frictionless
import openpyxl
import pytest

from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.indicators.services import apply_batch
from shisaku.publishing.site import publish
from tests.factories import figure

BASE = "999997/2024-2028"


def _definition(code: str, unit: str, unit_en: str) -> IndicatorDefinition:
    return IndicatorDefinition(
        "999997", "2024-2028", code, f"相談件数{code}", "increase", node_code="1-1-1",
        name_en=f"Consultations {code}", unit=unit, unit_en=unit_en,
    )  # fmt: skip


@pytest.fixture
def units(small_plan, operator):
    """K1 in 件 with its English unit, K2 in 人 without one."""
    definitions = [_definition("K1", "件", "consultations"), _definition("K2", "人", "")]
    figures = [
        figure("999997", "2024-2028", code, kind, period, "100")
        for code in ("K1", "K2")
        for kind, period in (("baseline", "2024年度"), ("target", "2028年度"))
    ]
    apply_batch(actor=operator, batch=IndicatorBatch(definitions=definitions, figures=figures))


def unit_fact(html: str) -> str:
    return re.search(r"<dt>(?:Unit|単位)</dt><dd>(.*?)</dd>", html).group(1)


def notice(html: str) -> str:
    found = re.search(r'<div class="untranslated-notice" role="note"><p>(.*?)</p>', html)
    return found.group(1) if found else ""


def test_an_english_page_shows_the_english_unit_and_counts_nothing_for_it(units, client):
    html = client.get(f"/en/{BASE}/indicators/K1/").content.decode()
    assert unit_fact(html) == "consultations"
    assert "indicator units" not in notice(html)
    assert unit_fact(client.get(f"/ja/{BASE}/indicators/K1/").content.decode()) == "件"


def test_without_it_the_japanese_unit_shows_and_is_counted_as_untranslated(units, client):
    html = client.get(f"/en/{BASE}/indicators/K2/").content.decode()
    assert unit_fact(html) == '<span lang="ja">人</span>'
    assert notice(html) == (
        "Not yet translated on this page: indicator units (1), labels and explanations (1)."
    )


def test_the_measure_page_lists_each_unit_in_english_where_there_is_one(units, client):
    html = client.get(f"/en/{BASE}/1-1-1/").content.decode()
    cells = re.findall(r"</a></th><td>(.*?)</td>", html)
    assert cells == ["consultations", '<span lang="ja">人</span>']
    assert "indicator units (1)" in notice(html)


def test_the_json_twin_and_the_english_workbook_carry_it(units, client):
    twin = client.get(f"/en/{BASE}/indicators/K1/index.json").json()
    assert (twin["indicator"]["unit"], twin["indicator"]["unit_en"]) == ("件", "consultations")
    book = client.get(f"/en/{BASE}/indicators/K1/index.xlsx").content
    about = openpyxl.load_workbook(io.BytesIO(book)).worksheets[1]
    rows = [r[:2] for r in about.iter_rows(values_only=True)]
    assert rows[3:7] == [
        ("Indicator", "K1 Consultations K1"),
        ("Definition", None),
        ("Unit", "consultations"),
        ("Source", None),
    ]


# --- the downloads and the data package -------------------------------------------------------

SUMMARY_HEADER = [
    *("municipality_code", "plan", "indicator_code", "node_code", "name", "name_en", "unit"),
    *("direction", "baseline_period", "baseline_value", "baseline_as_written", "target_period"),
    *("target_value", "target_as_written", "latest_actual_period", "latest_actual_value"),
    *("latest_actual_as_written", "assessed_year", "grade", "grade_label", "url", "unit_en"),
]


def csv_rows(client, url: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))


def sheet_rows(client, url: str) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(client.get(url).content))
    return list(book.worksheets[0].iter_rows(values_only=True))


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page", ["1-1-1/", "indicators/"])
def test_the_summary_csv_ends_with_the_english_unit_empty_where_none_was_typed(
    units, client, lang, page
):
    rows = csv_rows(client, f"/{lang}/{BASE}/{page}index.csv")
    assert rows[0] == SUMMARY_HEADER
    assert [(r[2], r[6], r[-1]) for r in rows[1:]] == [
        ("K1", "件", "consultations"),
        ("K2", "人", ""),
    ]


@pytest.mark.parametrize(
    ("lang", "heads"),
    [
        ("ja", ("単位", "アドレス（URL）", "単位（英語）")),
        ("en", ("Unit", "Address (URL)", "Unit (English)")),
    ],
)
def test_the_summary_workbook_heads_the_english_unit_in_the_page_language(
    units, client, lang, heads
):
    rows = sheet_rows(client, f"/{lang}/{BASE}/1-1-1/index.xlsx")
    assert len(rows[0]) == len(SUMMARY_HEADER)
    assert (rows[0][6], rows[0][-2], rows[0][-1]) == heads
    assert [(r[2], r[6], r[-1]) for r in rows[1:]] == [
        ("K1", "件", "consultations"),
        ("K2", "人", None),
    ]
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/{lang}/{BASE}/1-1-1/index.xlsx").content)
    )
    about = [r[:2] for r in book.worksheets[1].iter_rows(values_only=True)]
    assert about[-1] == ("unit_en", heads[2])


@pytest.fixture
def compared_units(small_plan, operator):
    """K1 (births) in 人 with its English unit, K2 (population) in 人 without one."""
    definitions = [
        replace(_definition("K1", "人", "births"), common_code="births"),
        replace(_definition("K2", "人", ""), common_code="population"),
    ]
    figures = [figure("999997", "2024-2028", c, "actual", "2024年度", "100") for c in ("K1", "K2")]
    apply_batch(actor=operator, batch=IndicatorBatch(definitions=definitions, figures=figures))


@pytest.mark.parametrize(("common", "unit_en"), [("births", "births"), ("population", "")])
def test_the_comparison_downloads_end_with_the_english_unit(
    compared_units, client, common, unit_en
):
    rows = csv_rows(client, f"/en/compare/{common}/index.csv")
    assert rows[0][-3:] == ["source", "url", "unit_en"]
    found = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert [(r["area"], r["municipality_code"], r["unit"], r["unit_en"]) for r in found] == [
        ("municipality", "999997", "人", unit_en)
    ]
    sheet = sheet_rows(client, f"/ja/compare/{common}/index.xlsx")
    assert (sheet[0][-1], sheet[1][-1]) == ("単位（英語）", unit_en or None)


def test_the_data_package_indicators_end_with_the_english_unit(units, tmp_path):
    publish(tmp_path, site_url="http://testserver")
    data = tmp_path / "data"
    rows = list(csv.reader(io.StringIO((data / "indicators.csv").read_text(encoding="utf-8"))))
    assert rows[0] == [
        *("municipality_code", "plan", "indicator_code", "node_code", "name", "name_en"),
        *("definition", "definition_en", "unit", "direction", "accumulation", "time_basis"),
        *("source_kind", "source", "department", "weight", "url", "unit_en"),
    ]
    assert [(r[2], r[8], r[-1]) for r in rows[1:]] == [
        ("K1", "件", "consultations"),
        ("K2", "人", ""),
    ]
    package = frictionless.Package(str(data / "datapackage.json"))
    fields = package.get_resource("indicators").schema.field_names
    assert fields[-2:] == ["url", "unit_en"]
    with package.get_resource("indicators") as resource:
        typed = [(r["indicator_code"], r["unit_en"]) for r in resource.row_stream]
    assert typed == [("K1", "consultations"), ("K2", None)]
    report = frictionless.validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
