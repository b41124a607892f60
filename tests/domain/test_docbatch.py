"""A document's indicator rows as indicator definitions and figures: nothing made up."""

from __future__ import annotations

import pytest

from shisaku.domain.docbatch import DocumentBatch, document_batch
from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.figurecells import read_figure_cell
from shisaku.domain.indicatordata import IndicatorDefinition, Place
from shisaku.domain.plantree import Node

TOWN = "019991"  # a made-up municipality code
PLAN = "2022-2026"
SOURCE = "雲雀野町.txt"


def cell(text: str) -> DocFigure:
    """Return a figure read from a cell as the table reader reads it."""
    read = read_figure_cell(text)
    return DocFigure(text, read.reading, read.period, read.scope)


def unread(text: str) -> DocFigure:
    """Return a cell the table reader could not read."""
    return DocFigure(text, None, None)


def row(
    baseline: DocFigure | None, *targets: DocFigure, code: str = "1-1.K1", **more: str
) -> DocIndicator:
    """Return an indicator row on line 6 named 特定健康診査の受診率."""
    return DocIndicator(
        "特定健康診査の受診率", line=6, code=code, baseline=baseline, targets=list(targets), **more
    )


def batch(*rows: DocIndicator) -> DocumentBatch:
    """Return the batch of a measure 1-1 that holds ``rows``."""
    node = Node(
        kind="measure",
        code="1-1",
        title="健康づくりの推進",
        department="健康づくり課",
        indicators=list(rows),
    )
    return document_batch(municipality_code=TOWN, plan=PLAN, nodes=[node], source=SOURCE)


def figures(result: DocumentBatch) -> list[tuple[str, str, str, str]]:
    """Return the figures as (indicator code, kind, period key, cell text)."""
    return [(f.indicator_code, f.kind, f.period.key(), f.reading.raw) for f in result.batch.figures]


def warnings(result: DocumentBatch) -> list[tuple[int, str]]:
    """Return the warnings as (line, code)."""
    return [(w.line, w.code) for w in result.warnings]


# --- definitions and figures ---------------------------------------------------------------------


def test_it_makes_a_definition_on_the_rows_node_with_its_code_unit_and_department() -> None:
    result = batch(
        row(cell("38.6%（令和元年度）"), cell("50.0%（令和7年度）"), unit="%", note="※市民意識調査")
    )
    assert result.batch.definitions == [
        IndicatorDefinition(
            municipality_code=TOWN,
            plan=PLAN,
            code="1-1.K1",
            name="特定健康診査の受診率",
            direction="increase",
            node_code="1-1",
            unit="%",
            department="健康づくり課",
            time_basis="fiscal",
            note="※市民意識調査",
            undated=(),
        )
    ]
    assert result.batch.definitions[0].place == Place(SOURCE, 6)
    assert result.warnings == []


def test_it_makes_a_figure_of_each_dated_baseline_and_target() -> None:
    result = batch(
        row(cell("38.6%（令和元年度）"), cell("45.0%（令和4年度）"), cell("50.0%（令和7年度）"))
    )
    assert figures(result) == [
        ("1-1.K1", "baseline", "FY2019", "38.6%"),
        ("1-1.K1", "target", "FY2022", "45.0%"),
        ("1-1.K1", "target", "FY2025", "50.0%"),
    ]
    assert {f.place for f in result.batch.figures} == {Place(SOURCE, 6)}


def test_it_keeps_the_last_of_two_targets_for_the_same_period() -> None:
    result = batch(
        row(cell("38.6%（令和元年度）"), cell("45.0%（令和7年度）"), cell("50.0%（令和7年度）"))
    )
    assert figures(result) == [
        ("1-1.K1", "baseline", "FY2019", "38.6%"),
        ("1-1.K1", "target", "FY2025", "50.0%"),
    ]


def test_it_makes_a_definition_for_every_row_of_every_node_with_their_codes() -> None:
    child = Node(
        kind="measure",
        code="1-2",
        title="地域医療の充実",
        indicators=[DocIndicator("かかりつけ医がいる人の割合", code="1-2.K1", line=12)],
    )
    parent = Node(
        kind="field",
        code="1",
        title="健やかなまち",
        children=[child],
        indicators=[DocIndicator("健康寿命", code="1.K1", line=3)],
    )
    result = document_batch(municipality_code=TOWN, plan=PLAN, nodes=[parent], source=SOURCE)
    assert [(d.code, d.node_code, d.name) for d in result.batch.definitions] == [
        ("1.K1", "1", "健康寿命"),
        ("1-2.K1", "1-2", "かかりつけ医がいる人の割合"),
    ]


def test_it_cuts_a_name_and_a_unit_to_their_stored_lengths() -> None:
    result = batch(DocIndicator("指" * 301, line=6, code="1-1.K1", unit="単" * 31))
    definition = result.batch.definitions[0]
    assert (len(definition.name), len(definition.unit)) == (300, 30)


# --- what the document does not state -------------------------------------------------------------


def test_it_keeps_a_figure_without_a_period_on_the_definition_as_undated() -> None:
    result = batch(row(cell("38.6%"), cell("50.0%（令和7年度）")))
    assert result.batch.definitions[0].undated == (
        {"kind": "baseline", "raw": "38.6%", "value": "38.6"},
    )
    assert figures(result) == [("1-1.K1", "target", "FY2025", "50.0%")]


def test_it_keeps_an_unreadable_cell_on_the_definition_as_text_without_a_value() -> None:
    result = batch(row(unread("12,34%"), cell("20.0%（令和7年度）")))
    assert result.batch.definitions[0].undated == (
        {"kind": "baseline", "raw": "12,34%", "value": None},
    )
    assert figures(result) == [("1-1.K1", "target", "FY2025", "20.0%")]


def test_it_keeps_a_qualitative_cell_without_a_period_as_written() -> None:
    result = batch(row(cell("新規"), cell("策定")))
    assert result.batch.definitions[0].undated == (
        {"kind": "baseline", "raw": "新規", "value": "新規"},
        {"kind": "target", "raw": "策定", "value": "策定"},
    )
    assert result.batch.figures == []


# --- direction ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "direction"),
    [
        ("38.6%（令和元年度）", "50.0%（令和7年度）", "increase"),
        ("20人（令和元年度）", "10人（令和7年度）", "decrease"),
        ("50.0%（令和元年度）", "50.0%（令和7年度）", "maintain"),
        ("13位（令和元年度）", "10位（令和7年度）", "decrease"),
        ("10位（令和元年度）", "13位（令和7年度）", "increase"),
        ("38.6%（令和元年度）", "増加", "increase"),
        ("38.6%（令和元年度）", "減少", "decrease"),
        ("38.6%（令和元年度）", "維持", "maintain"),
        ("38.6%（令和元年度）", "現状維持", "maintain"),
        ("38.6%（令和元年度）", "50%以上（令和7年度）", "increase"),
    ],
)
def test_it_takes_the_direction_from_a_direction_word_or_the_values(
    baseline: str, target: str, direction: str
) -> None:
    result = batch(row(cell(baseline), cell(target)))
    assert result.batch.definitions[0].direction == direction
    assert "direction_unknown" not in [code for _, code in warnings(result)]


def test_a_direction_the_row_states_wins_over_the_values() -> None:
    result = batch(
        row(cell("38.6%（令和元年度）"), cell("50.0%（令和7年度）"), direction="maintain")
    )
    assert result.batch.definitions[0].direction == "maintain"


@pytest.mark.parametrize("target", ["策定", "設置"])
def test_it_reads_a_qualitative_target_as_a_qualitative_direction(target: str) -> None:
    result = batch(row(cell("未策定（令和元年度）"), cell(target)))
    assert result.batch.definitions[0].direction == "qualitative"
    assert result.warnings == []


def test_it_reads_a_rank_kept_as_maintained() -> None:
    result = batch(row(cell("10位（令和元年度）"), cell("10位（令和7年度）")))
    assert result.batch.definitions[0].direction == "maintain"


@pytest.mark.parametrize(
    "indicator",
    [
        row(cell("38.6%（令和元年度）")),  # no target
        row(cell("38.6%（令和元年度）"), unread("5割超")),  # a target that cannot be read
        row(cell("新規"), cell("50.0%（令和7年度）")),  # no baseline yet
        row(None, cell("50.0%（令和7年度）")),
    ],
)
def test_it_leaves_increase_with_a_warning_when_nothing_tells_the_direction(
    indicator: DocIndicator,
) -> None:
    result = batch(indicator)
    assert result.batch.definitions[0].direction == "increase"
    assert [(w.line, w.code, w.message) for w in result.warnings] == [
        (
            6,
            "direction_unknown",
            "1-1.K1 特定健康診査の受診率 の方向（増加・減少）が文書から読み取れないため「増加」と"
            "しました。違う場合は指標の定義で直してください。",
        )
    ]
    assert result.guessed == {"1-1.K1"}


# --- time basis -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "basis"),
    [
        ("38.6%（令和元年度）", "50.0%（令和7年度）", "fiscal"),
        ("1,200人（2020年）", "1,500人（2025年）", "calendar"),
        ("1,200人（令和2年）", "1,500人（令和7年）", "calendar"),
        ("38.6%", "50.0%", "fiscal"),  # no period at all: fiscal, as a plan counts
    ],
)
def test_it_takes_the_time_basis_the_figures_state(baseline: str, target: str, basis: str) -> None:
    result = batch(row(cell(baseline), cell(target)))
    assert result.batch.definitions[0].time_basis == basis
    assert "time_basis" not in [code for _, code in warnings(result)]


def test_a_time_basis_the_row_states_wins_over_its_periods() -> None:
    result = batch(row(cell("1,200人（2020年）"), cell("1,500人（2025年）"), time_basis="fiscal"))
    assert result.batch.definitions[0].time_basis == "fiscal"
    assert warnings(result) == [(6, "time_basis"), (6, "time_basis")]


def test_it_warns_for_a_period_on_the_other_basis_than_most_of_the_row() -> None:
    result = batch(
        row(cell("1,200人（2020年）"), cell("1,500人（2025年度）"), cell("1,400人（2024年）"))
    )
    assert result.batch.definitions[0].time_basis == "calendar"
    assert [(w.line, w.code, w.message) for w in result.warnings] == [
        (
            6,
            "time_basis",
            "1-1.K1 特定健康診査の受診率: 『2025年度』は年度（4月〜翌年3月）の期間ですが、"
            "この指標は暦年（1月〜12月）で数えます。暦年の値であれば「2025年」と書いてください",
        )
    ]


def test_a_baseline_dated_to_a_day_fits_the_fiscal_basis_of_the_target() -> None:
    result = batch(row(cell("12人（2021年3月31日現在）"), cell("0人（令和7年度）")))
    assert result.batch.definitions[0].time_basis == "fiscal"
    assert figures(result) == [
        ("1-1.K1", "baseline", "FY2020", "12人"),
        ("1-1.K1", "target", "FY2025", "0人"),
    ]
    assert result.warnings == []


def test_a_baseline_dated_to_a_day_goes_to_the_fiscal_year_of_that_day() -> None:
    result = batch(
        row(cell("12人（2021年3月31日現在）"), cell("0人（令和7年度）"), time_basis="fiscal")
    )
    assert figures(result) == [
        ("1-1.K1", "baseline", "FY2020", "12人"),
        ("1-1.K1", "target", "FY2025", "0人"),
    ]
    assert result.warnings == []
