"""What a comparison reads: a prefecture's own towns in full, and of the others only what can
hold a national value (shisaku/indicators/comparison.py).

The towns are the fictional ones of tests/test_compare.py, with more fictional towns and
national rows added here; none is any real city's plan or figures.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shisaku.domain.indicatordata import IndicatorBatch
from shisaku.indicators import comparison
from shisaku.indicators.services import apply_batch
from tests.factories import figure
from tests.test_compare import NATIONAL_SOURCE, TFR, _indicator, _plan, make_towns

IWATE = "/ja/prefectures/03/compare/total-fertility-rate/"
AOMORI = "/ja/prefectures/02/compare/total-fertility-rate/"
NATIONWIDE = "/ja/compare/total-fertility-rate/"


@pytest.fixture
def towns(db, operator):
    """The towns of tests/test_compare.py: 北市, 南町, 西村 (draft) in 02, 東市 in 03."""
    make_towns(operator)


def _national(code, slug, ind, kind, period, value, area="全国"):
    """Return a batch of one breakdown row (a national one by default) of an indicator."""
    row = figure(code, slug, ind, kind, period, value)
    return IndicatorBatch(figures=[replace(row, breakdown=area, source=f"統計{area}")])


def national_of(client, url: str) -> list[tuple[str, float, str]]:
    """Return a comparison twin's national values: period, value and where stated."""
    body = client.get(url + "index.json").json()
    return [(n["period"], n["value"], n["stated_in"]) for n in body["national"]]


def queries(client, url: str) -> int:
    """Return the queries of one request of ``url`` (answered 200)."""
    with CaptureQueriesContext(connection) as done:
        assert client.get(url).status_code == 200
    return len(done)


def _elsewhere(operator, n: int, national: str | None = None) -> None:
    """Add a fictional town of 秋田県's range with the statistic and yearly actuals."""
    code = ["059013", "059021", "059030", "059048"][n]
    _plan(operator, code, f"試験町{n}", f"Test Town {n}", "2020-2024")
    figures = [("actual", f"{y}年度", f"1.{y - 2000}") for y in range(2020, 2024)]
    if national is not None:
        figures.append(("actual", "2023年度", national, "全国", NATIONAL_SOURCE))
    apply_batch(actor=operator, batch=_indicator(code, "2020-2024", "T1", "出生率", TFR, figures))


def test_a_prefecture_comparison_reads_the_figures_of_its_own_towns_only(
    towns, client, monkeypatch
):
    read: list[str] = []
    whole = comparison.with_figures

    def recording(indicators):
        read.extend(i.plan.municipality.code for i in indicators)
        return whole(indicators)

    monkeypatch.setattr(comparison, "with_figures", recording)
    client.get(IWATE)
    assert read == ["039012"]
    read.clear()
    client.get(NATIONWIDE)
    assert read == ["029017", "029025", "039012"]


def test_a_prefecture_comparison_costs_the_same_queries_whatever_the_towns_elsewhere(
    towns, client, operator
):
    before = queries(client, IWATE + "index.json")
    for n in range(4):
        _elsewhere(operator, n, national="1.20" if n == 2 else None)
    assert queries(client, IWATE + "index.json") == before == 9
    assert ("FY2023", 1.2, "試験町2 試験町2総合計画 T1") in national_of(client, IWATE)
    assert queries(client, NATIONWIDE + "index.json") == 7


def test_national_rows_come_from_each_towns_current_published_indicator_only(
    towns, client, operator
):
    for batch in [
        _national("029017", "2015-2019", "T1", "actual", "2019年度", "1.42"),  # an older plan
        _national("029033", "2022-2026", "T1", "actual", "2023年度", "1.99"),  # a draft plan
        _national("029025", "2021-2025", "T9", "target", "2025年度", "1.50"),  # not an actual
        _national("029025", "2021-2025", "T9", "actual", "2023年度", "未公表"),  # no number
        _national("029025", "2021-2025", "T9", "actual", "2021年度", "1.05", area="東京都"),
        _national("029025", "2021-2025", "T9", "actual", "2021年度", "1.29", area="全国平均"),
    ]:
        apply_batch(actor=operator, batch=batch)
    _plan(operator, "059013", "中市", "Naka City", "2020-2024")
    first = _indicator("059013", "2020-2024", "T1", "出生率", TFR, [("actual", "2022年度", "1.1")])
    second = [("actual", "2022年度", "1.35", "全国", NATIONAL_SOURCE)]  # its second by place
    apply_batch(actor=operator, batch=first)
    apply_batch(actor=operator, batch=_indicator("059013", "2020-2024", "T2", "率", TFR, second))
    expected = [
        ("FY2022", 1.26, "南町 南町総合計画 T9"),
        ("FY2021", 1.29, "南町 南町総合計画 T9"),
        ("CY2020", 1.33, "北市 北市総合計画 1-1 現状と課題"),
    ]
    assert national_of(client, IWATE) == expected
    assert national_of(client, AOMORI) == national_of(client, NATIONWIDE) == expected


def test_a_prose_national_figure_counts_only_for_the_statistic_it_names(towns, client):
    # 北市's prose states 国 for 合計特殊出生率 (TFR), never for births
    assert national_of(client, "/ja/compare/births/") == []
    assert national_of(client, "/ja/prefectures/02/compare/births/") == []
    assert national_of(client, IWATE)[-1] == ("CY2020", 1.33, "北市 北市総合計画 1-1 現状と課題")


def test_the_national_values_are_read_once_for_the_plans_read(towns, operator):
    everywhere = comparison.published_plans()
    comparison.compare(TFR, "03", everywhere)
    with CaptureQueriesContext(connection) as done:
        kept = comparison.compare(TFR, "02", everywhere)
    assert len(done) == 3  # its own towns' indicators, figures and years: no national reads
    fresh = comparison.compare(TFR, "02", comparison.published_plans())
    assert kept is not None and fresh is not None and kept.national == fresh.national
    _elsewhere(operator, 2, national="1.20")
    again = comparison.compare(TFR, "03", comparison.published_plans())  # read afresh
    assert again is not None and ("FY2023", Decimal("1.20")) in [
        (n.period, n.value) for n in again.national
    ]
