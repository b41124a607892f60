"""What one row of an indicator table holds: a definition line under the name, a direction
target in words, two figures in one cell, a bound (350人以下) whose value is the number."""

from __future__ import annotations

import pytest

from shisaku.domain.docbatch import document_batch
from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.figurecells import read_figure_cell
from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_columns import DEFAULT_COLUMNS
from shisaku.domain.plandoc_eras import EraCarry
from shisaku.domain.plandoc_flatrows import TableRow, stream_rows
from shisaku.domain.plandoc_rowindicators import row_indicator, stated_direction
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import walk

HEAD = "1 健やかなまち\n（1）健康づくりの推進\n健診を勧めます。\n指標 現状 目標\n"


def indicators(table: str) -> list[DocIndicator]:
    """Return the indicator rows of an inline document."""
    reading = read_plan(document_from_text(HEAD + table, name="雲雀野町.txt"))
    return [i for n in walk(reading.tree.nodes) for i in n.indicators]


def shown(figure: DocFigure | None) -> tuple[str, str | None] | None:
    """Return a figure as (value, period key)."""
    if figure is None:
        return None
    return figure.value_text(), figure.period.key() if figure.period else None


def test_a_longer_line_under_a_name_on_its_own_line_is_the_indicators_definition() -> None:
    rows, _ = stream_rows(
        ["刑法犯認知件数", "市内で発生し、警察が認知した刑法犯の件数", "1,342件(2019年) 1,200件"],
        3,
        2,
    )
    assert [(r.name, r.definition, r.cells) for r in rows] == [
        (
            "刑法犯認知件数",
            "市内で発生し、警察が認知した刑法犯の件数",
            ["1,342件(2019年)", "1,200件"],
        )
    ]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["空き家バンクを通じた移住", "世帯数"], "空き家バンクを通じた移住世帯数"),
        (
            ["子育て支援アプリの", "登録者数を数える新しい指標"],
            "子育て支援アプリの登録者数を数える新しい指標",
        ),
        (
            ["町内で生産された農産", "物を使った加工品の", "開発件数"],
            "町内で生産された農産物を使った加工品の開発件数",
        ),
    ],
)
def test_a_name_a_line_break_cut_stays_one_name(lines: list[str], name: str) -> None:
    rows, _ = stream_rows([*lines, "12件 20件"], 1, 2)
    assert [(r.name, r.definition) for r in rows] == [(name, "")]


DEFINED = (
    "刑法犯認知件数\n市内で発生し、警察が認知した刑法犯の件数\n1,342件(2019年) 1,200件(2024年)\n"
)


def test_the_definition_reaches_the_indicator_definition_of_the_batch() -> None:
    reading = read_plan(document_from_text(HEAD + DEFINED, name="雲雀野町.txt"))
    batch = document_batch(
        municipality_code="282103", plan="2021-2026", nodes=reading.tree.nodes, source="x.txt"
    )
    assert [(d.name, d.definition) for d in batch.batch.definitions] == [
        ("刑法犯認知件数", "市内で発生し、警察が認知した刑法犯の件数")
    ]


def test_a_direction_target_in_words_is_the_rows_target_not_the_next_name() -> None:
    found = indicators(
        "刑法犯認知件数\n1,342件(2019年) 減少を目指します(2024年)\n防犯団体の数\n58団体 60団体\n"
    )
    assert [(i.name, shown(i.baseline), shown(i.target)) for i in found] == [
        ("刑法犯認知件数", ("1342", "CY2019"), ("減少を目指します", "CY2024")),
        ("防犯団体の数", ("58", None), ("60", None)),
    ]
    assert found[0].target is not None and found[0].target.reading is not None
    assert found[0].target.reading.qualifier == "減少"


def test_words_after_the_last_row_are_no_note_of_it() -> None:
    reading = read_plan(
        document_from_text(HEAD + "受診率\n38.6% 50.0%\nお問い合わせ\n企画課\n", name="x.txt")
    )
    node = next(n for n in walk(reading.tree.nodes) if n.indicators)
    section = node.section("indicators")
    assert [i.note for i in node.indicators] == [""]
    assert section is not None and section.blocks[-1].text == "お問い合わせ 企画課"


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("350人以下", "350"),
        ("2人以下", "2"),
        ("100%以上", "100"),
        ("約2,600名", "2600"),
        ("5位以内", "5"),
    ],
)
def test_a_bounded_number_gives_its_number_as_the_value(cell: str, value: str) -> None:
    figure = DocFigure(cell, read_figure_cell(cell).reading)
    assert figure.value_text() == value


@pytest.mark.parametrize("cell", ["県内上位5位以内", "全国平均以上", "策定"])
def test_a_value_that_is_more_than_a_number_is_given_as_written(cell: str) -> None:
    assert DocFigure(cell, read_figure_cell(cell).reading).value_text() == cell


def test_a_bound_keeps_its_qualifier_on_the_reading() -> None:
    reading = read_figure_cell("350人以下(2024年)").reading
    assert (reading.value, reading.unit, reading.qualifier) == (350, "人", "以下")


@pytest.mark.parametrize(
    ("cell", "value", "period", "scope"),
    [
        ("18.6% 412人(2022年)", "18.6", "CY2022", "412人"),
        ("74.8% 全国平均76.2%(2022年度)", "74.8", "FY2022", "全国平均76.2%"),
        ("100% 2,200人", "100", None, "2,200人"),
    ],
)
def test_a_cell_of_two_figures_apart_reads_its_first_and_keeps_the_second(
    cell: str, value: str, period: str | None, scope: str
) -> None:
    row = TableRow("避難計画の作成率", [cell, "100%"], 1)
    figure = row_indicator(row, DEFAULT_COLUMNS, EraCarry()).baseline
    assert figure is not None
    assert (figure.raw, shown(figure), figure.scope) == (cell, (value, period), scope)


@pytest.mark.parametrize("cell", ["1,820人 2,000人(2022年)", "策定 412人", "-    85,000"])
def test_a_cell_of_two_figures_is_not_read_when_the_first_is_no_number_or_both_are_plain(
    cell: str,
) -> None:
    row = TableRow("避難計画の作成率", [cell, "100%"], 1)
    figure = row_indicator(row, DEFAULT_COLUMNS, EraCarry()).baseline
    assert figure is not None and figure.reading is None


@pytest.mark.parametrize(
    ("cell", "direction"),
    [("↑", "increase"), ("↓", "decrease"), (" → ", "maintain"), ("向上", "increase"), ("", "")],
)
def test_a_direction_column_states_the_direction(cell: str, direction: str) -> None:
    assert stated_direction(cell) == direction


def test_an_arrow_in_a_direction_column_gives_the_indicator_its_direction() -> None:
    reading = read_plan(
        document_from_text(
            HEAD.replace("指標 現状 目標\n", "")
            + "成果指標\n指標名\t性質\t現状値\t目標値\n"
            + "不安を感じる保護者の割合\t↓\t37.2%\t30.0%\n健診の受診率\t→\t97.8%\t97.8%\n",
            name="x.txt",
        )
    )
    found = [(i.name, i.direction) for n in walk(reading.tree.nodes) for i in n.indicators]
    assert found == [("不安を感じる保護者の割合", "decrease"), ("健診の受診率", "maintain")]


def test_a_day_printed_before_a_value_in_a_flattened_row_is_that_values_period() -> None:
    rows, _ = stream_rows(["高齢者サロンの数 令和2年4月1日現在 24か所 40か所"], 1, 2)
    assert [(r.name, r.cells) for r in rows] == [
        ("高齢者サロンの数", ["令和2年4月1日現在 24か所", "40か所"])
    ]


def test_the_row_block_shown_for_a_defined_row_keeps_its_definition_last() -> None:
    reading = read_plan(document_from_text(HEAD + DEFINED, name="雲雀野町.txt"))
    node = next(n for n in walk(reading.tree.nodes) if n.indicators)
    section = node.section("indicators")
    assert section is not None
    assert [b.text for b in section.blocks if b.kind == "row"] == [
        "刑法犯認知件数\t1,342件(2019年)\t1,200件(2024年)\t市内で発生し、警察が認知した刑法犯の件数"
    ]
