"""An indicator's unit in English (``unit_en``), typed by the planning office: shown on English
pages, in the JSON twin and the English workbook; without it the Japanese unit shows, counted
in the page's one notice of untranslated content."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.indicators.services import apply_batch
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
