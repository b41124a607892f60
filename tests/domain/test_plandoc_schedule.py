"""A 計画事業's yearly schedule (年次計画) is no indicator table, and a page mark is no value."""

from __future__ import annotations

import pytest

from shisaku.domain.figurecells import is_page_reference, read_figure_cell
from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_flatrows import is_value_cell
from shisaku.domain.plandoc_lines import classify_text
from shisaku.domain.plandoc_schedule import schedule_cell, schedule_header, schedule_tables
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plandoc_tables import read_section
from shisaku.domain.plantree import Block, Section, walk
from shisaku.domain.values import CellError


@pytest.mark.parametrize(
    ("cells", "heads"),
    [
        (["年次計画", "3年度", "4年度", "5年度", "6年度", "4か年計画量"], True),
        (["事業量", "R4", "R5", "R6"], True),
        (["年度別計画", "令和4年度", "令和5年度", "合計"], True),
        (["指標名", "現状値(2年度)", "目標値(6年度)"], False),
        (["年次計画", "3年度", "目標値"], False),  # a target column: an indicator table
        (["事業名", "3年度", "4年度", "担当課"], False),  # a project table
    ],
)
def test_a_schedule_header_is_a_schedules_label_over_years_and_totals(
    cells: list[str], heads: bool
) -> None:
    assert schedule_header(cells) is heads


@pytest.mark.parametrize(
    ("cell", "entry"),
    [("98%", True), ("1,840件", True), ("―", True), ("基本設計", True), ("拡充", True)],
)
def test_a_schedule_cell_is_a_workload_or_a_stage(cell: str, entry: bool) -> None:
    assert schedule_cell(cell) is entry


def test_a_schedule_printed_with_spaces_is_read_into_its_label_and_rows_of_cells() -> None:
    texts = [
        "現状(2年度末) 宿泊型2施設",
        "年次計画 3年度 4年度 5年度 6年度 4か年計画量",
        "宿泊型の実施施設 2施設 3施設 3施設 4施設 4施設",
        "整備の段階 基本設計 実施設計 工事 開設 ―",
        "計画事業 産後ケアの拡充",
    ]
    found = schedule_tables([classify_text(t, n) for n, t in enumerate(texts, 1)])
    assert [(line.kind, line.raw) for line in found] == [
        ("text", "現状(2年度末) 宿泊型2施設"),
        ("label", "年次計画\t3年度\t4年度\t5年度\t6年度\t4か年計画量"),
        ("row", "宿泊型の実施施設\t2施設\t3施設\t3施設\t4施設\t4施設"),
        ("row", "整備の段階\t基本設計\t実施設計\t工事\t開設\t―"),
        ("text", "計画事業 産後ケアの拡充"),
    ]


def test_a_schedule_typed_with_tabs_in_an_indicator_table_gives_no_indicator() -> None:
    section = Section(
        key="indicators",
        columns=["指標名", "現状値", "目標値"],
        blocks=[
            Block(kind="row", text="子育て広場の利用者数\t48,200人\t60,000人"),
            Block(kind="row", text="年次計画\t3年度\t4年度\t5年度\t6年度"),
            Block(kind="row", text="養成講習の開催\t6回\t6回\t6回\t6回"),
            Block(kind="row", text="日帰り型\t準備\t開始\t拡充\t拡充"),
        ],
    )
    table = read_section(section, 1)
    assert [i.name for i in table.indicators] == ["子育て広場の利用者数"]
    assert [b.text for b in table.blocks] == [b.text for b in section.blocks]


PLAN = (
    "政策6 子ども・家庭支援\n"
    "施策1 妊娠・出産期の支援\n"
    "【成果指標】\n"
    "指標名 現状値(令和2年度) 目標値(令和6年度)\n"
    "妊娠届出時に面接を受けた妊婦の割合 96.1% 100%\n"
    "79ページ\n"
    "現状(2年度末) 面接実施率96.1%\n"
    "年次計画 3年度 4年度 5年度 6年度 4か年計画量\n"
    "面接実施率 98% 100% 100% 100% ―\n"
    "日帰り型 準備 開始 拡充 ―\n"
    "80ページ\n"
)


def test_a_plan_reads_no_indicator_out_of_a_schedule_nor_a_page_mark() -> None:
    reading = read_plan(document_from_text(PLAN, name="東雲川区.txt"))
    rows = [
        (i.name, i.target and i.target.raw) for n in walk(reading.tree.nodes) for i in n.indicators
    ]
    assert rows == [("妊娠届出時に面接を受けた妊婦の割合", "100%")]


@pytest.mark.parametrize("cell", ["80ページ", "P.12", "p12", "12頁", "１２ページ", "→p.78"])
def test_a_page_reference_is_never_a_value(cell: str) -> None:
    assert not is_value_cell(cell)
    if cell != "→p.78":
        assert is_page_reference(cell)
        with pytest.raises(CellError):
            read_figure_cell(cell)


def test_a_count_of_pages_is_still_a_value() -> None:
    assert not is_page_reference("1,200ページ")
    assert str(read_figure_cell("1,200ページ").reading.value) == "1200"


def test_a_word_with_a_year_left_without_its_era_is_no_count_of_it() -> None:
    cell = read_figure_cell("現状(2年度末)")
    assert (cell.reading.kind, cell.reading.value, cell.scope) == ("qualitative", None, "2年度末")
    assert not is_value_cell("現状(2年度末)")
    assert str(read_figure_cell("全校(14校)").reading.value) == "14"


def test_a_schedule_row_that_reads_as_a_heading_by_its_form_is_a_row_of_the_schedule() -> None:
    texts = ["年次計画 3年度 4年度 5年度 6年度 4か年計画量", "実施校 22校 26校 30校 33校 33校"]
    lines = [classify_text(t, n) for n, t in enumerate(texts, 1)]
    assert lines[1].kind == "heading"
    assert [(line.kind, line.raw) for line in schedule_tables(lines)] == [
        ("label", "年次計画\t3年度\t4年度\t5年度\t6年度\t4か年計画量"),
        ("row", "実施校\t22校\t26校\t30校\t33校\t33校"),
    ]
