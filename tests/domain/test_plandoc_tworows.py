"""Indicator tables printed two lines a row (the name, then its cells set further in) under a
header of two tiers (指標名, then 単位 | 現状値 | 目標値 | 指標の説明): read one row a row."""

from __future__ import annotations

from shisaku.domain.docindicators import DocFigure
from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_lines import Line, classify
from shisaku.domain.plandoc_source import document_from_text, lines_from_text
from shisaku.domain.plandoc_tworows import two_tier_tables
from shisaku.domain.plantree import walk

HEADER = (
    "  指標名",
    "        単位    現状値（令和５年度）    目標値（令和11年度）    指標の説明",
)
ROWS = (
    "  地域の見守り活動に参加している市民の割合",
    "        ％      18.6                    25.0                    市民意識調査で答えた人の割合",
    "  週１回以上開かれる通いの場に参加している高齢者の",
    "  割合",
    "        ％      4.8                     8.0                     参加者数÷65歳以上人口",
    "  市内の介護職員数",
    "        人      1,236（令和４年度）     1,400",
)
MIMAMORI = "地域の見守り活動に参加している市民の割合"
KAYOI = "週１回以上開かれる通いの場に参加している高齢者の割合"
COLUMNS = "指標名\t単位\t現状値（令和５年度）\t目標値（令和11年度）\t指標の説明"


def lines(*texts: str) -> list[Line]:
    """Return classified lines of the given texts, their spaces in front kept."""
    return [classify(source) for source in lines_from_text("\n".join(texts))]


def tabbed(*cells: str) -> str:
    """Return cells joined by tabs, as a row of cells prints."""
    return "\t".join(cells)


def shown(found: list[Line]) -> list[tuple[int, str, str]]:
    """Return each line as (number, kind, raw)."""
    return [(line.number, line.kind, line.raw) for line in found]


def test_it_reads_the_two_tiers_as_one_header_and_each_name_and_its_cells_as_one_row() -> None:
    assert shown(two_tier_tables(lines(*HEADER, *ROWS, "－32－"))) == [
        (2, "header", COLUMNS),
        (3, "row", tabbed(MIMAMORI, "％", "18.6", "25.0", "市民意識調査で答えた人の割合")),
        (5, "row", tabbed(KAYOI, "％", "4.8", "8.0", "参加者数÷65歳以上人口")),
        (8, "row", tabbed("市内の介護職員数", "人", "1,236（令和４年度）", "1,400", "")),
        (10, "page", "－32－"),
    ]


def test_a_name_that_reads_as_a_heading_is_still_a_rows_name() -> None:
    sports = "  週１回以上スポーツをする成人の割合"
    given = lines(*HEADER, sports, "        ％      46.2                    55.0")
    assert given[2].kind == "heading"  # 「週１」 reads as a number glued to its title
    found = two_tier_tables(given)
    assert shown(found)[1:] == [(3, "row", "週１回以上スポーツをする成人の割合\t％\t46.2\t55.0\t")]


def test_the_table_ends_at_a_name_whose_cells_do_not_follow() -> None:
    texts = (*HEADER, *ROWS[:2], "  ご意見をお寄せください", "施策６　高齢者の暮らし")
    assert shown(two_tier_tables(lines(*texts)))[2:] == shown(lines(*texts))[4:]


def test_a_name_column_over_column_names_no_further_in_is_no_two_tier_header() -> None:
    texts = ("指標名", "単位    現状値    目標値", "出生数", "人      812       900")
    assert shown(two_tier_tables(lines(*texts))) == shown(lines(*texts))


def test_a_header_without_its_name_tier_is_left_to_the_other_readers() -> None:
    texts = (HEADER[1], *ROWS[:2])
    assert shown(two_tier_tables(lines(*texts))) == shown(lines(*texts))


def figure(fig: DocFigure | None) -> tuple[str, str | None] | None:
    """Return a figure as (value, period key)."""
    if fig is None or fig.reading is None or not fig.reading.is_known():
        return None
    return fig.value_text(), fig.period.key() if fig.period is not None else None


def test_each_row_becomes_an_indicator_with_its_unit_values_and_description_as_its_note() -> None:
    text = "\n".join(("施策５　地域で支え合う福祉の推進", "【成果指標】", *HEADER, *ROWS))
    node = next(walk(read_plan(document_from_text(text, name="浜木綿市.txt")).tree.nodes))
    assert [
        (i.name, i.unit, figure(i.baseline), figure(i.target), i.note) for i in node.indicators
    ] == [
        (
            MIMAMORI,
            "％",
            ("18.6", "FY2023"),
            ("25", "FY2029"),
            "市民意識調査で答えた人の割合",
        ),
        (
            KAYOI,
            "％",
            ("4.8", "FY2023"),
            ("8", "FY2029"),
            "参加者数÷65歳以上人口",
        ),
        ("市内の介護職員数", "人", ("1236", "FY2022"), ("1400", "FY2029"), ""),
    ]


def test_a_dash_for_a_baseline_gives_none() -> None:
    text = "\n".join(
        (
            "施策７　確かな学力と豊かな心を育む学校教育",
            "【成果指標】",
            *HEADER,
            "  校内教育支援センターを設けた中学校の数",
            "        校      ―                       6                       設置した学校の数",
        )
    )
    node = next(walk(read_plan(document_from_text(text, name="浜木綿市.txt")).tree.nodes))
    assert [(i.name, figure(i.baseline), figure(i.target)) for i in node.indicators] == [
        ("校内教育支援センターを設けた中学校の数", None, ("6", "FY2029"))
    ]
