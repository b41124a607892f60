"""An evaluation sheet's indicators listed by letter, their values given apart in rows keyed by
the same letters (「成果 A 41.3 … 30.0」), read back into a table of named rows."""

from __future__ import annotations

import pytest

from shisaku.domain.docindicators import DocFigure
from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_columns import dated_cells
from shisaku.domain.plandoc_lettered import lettered_tables, list_group
from shisaku.domain.plandoc_lines import Line, classify_text
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import walk

SHEET = [
    "③ 対象指標名(対象の大きさを表す指標)*数字は記入しない",
    "妊娠中の人、就学前の子どもとその保護者",
    "単位",
    "A 就学前児童数",
    "人B",
    "④ No.成果指標名(意図の達成度を表す指標)*数字は記入しない",
    "安心して出産し、不安を抱え込まずに子育てができる",
    "単位",
    "A",
    "1",
    "子育てに不安や負担を感じる保護者の",
    "割合",
    "%B",
    "2",
    "乳幼児健康診査の受診率",
    "%",
    "2 指標の推移",
    "区分 基準値 R3年度 R4年度 R5年度 目標値",
    "(R2年度) (R7年度)",
    "対象 A 2,846 2,790 2,712 2,655",
    "成果 A 41.3 39.8 38.2 36.9 30.0",
    "成果 B 96.2 97.0 96.8 97.5 98.0",
    "3 施策の評価(R5年度の振り返り)",
]


def lines(texts: list[str]) -> list[Line]:
    """Return lines classified as the reader classifies them, numbered from 1."""
    return [classify_text(text, n) for n, text in enumerate(texts, 1)]


def shown(read: list[Line]) -> list[tuple[int, str, tuple[str, ...] | str]]:
    """Return the lines as (number, kind, cells or text)."""
    return [(x.number, x.kind, x.cells or x.raw) for x in read]


def test_value_rows_keyed_by_letters_become_rows_of_the_names_listed_with_them() -> None:
    assert shown(lettered_tables(lines(SHEET))[17:]) == [
        (20, "text", "対象 A 2,846 2,790 2,712 2,655"),
        (
            18,
            "header",
            ("指標名", "単位", "基準値(R2年度)", "R3年度", "R4年度", "R5年度", "目標値(R7年度)"),
        ),
        (
            21,
            "row",
            ("子育てに不安や負担を感じる保護者の割合", "%", "41.3", "39.8", "38.2", "36.9", "30.0"),
        ),
        (22, "row", ("乳幼児健康診査の受診率", "%", "96.2", "97.0", "96.8", "97.5", "98.0")),
        (23, "heading", "3 施策の評価(R5年度の振り返り)"),
    ]


def test_the_lists_before_the_value_table_are_kept_as_they_are() -> None:
    assert shown(lettered_tables(lines(SHEET))[:17]) == shown(lines(SHEET)[:17])


def test_a_value_table_ties_its_letters_to_the_lists_of_its_own_sheet_only() -> None:
    second = ["区分 基準値 R3年度 R4年度 R5年度 目標値", "成果 A 14 9 6 3 0"]
    read = lettered_tables(lines(SHEET + second))
    assert shown(read[-2:]) == [
        (24, "header", ("区分", "基準値", "R3年度", "R4年度", "R5年度", "目標値")),
        (25, "text", "成果 A 14 9 6 3 0"),
    ]


def test_rows_keyed_by_letters_without_lists_stay_as_they_are() -> None:
    texts = ["区分 基準値 目標値", "成果 A 41.3 30.0"]
    assert shown(lettered_tables(lines(texts))) == shown(lines(texts))


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("④ No.成果指標名(意図の達成度を表す指標)*数字は記入しない", "成果"),
        ("③ 対象指標名(対象の大きさを表す指標)", "対象"),
        ("1 施策の目的と指標", None),
        ("地域子育て支援拠点の延べ利用者数", None),
    ],
)
def test_a_list_label_names_its_group_by_the_word_before_指標(
    label: str, group: str | None
) -> None:
    assert list_group(classify_text(label, 1)) == group


def test_periods_under_a_header_date_the_value_columns_named_by_a_word() -> None:
    assert dated_cells(
        ["区分", "基準値", "R3年度", "R4年度", "目標値"], ["(R2年度)", "(R7年度)"]
    ) == ["区分", "基準値(R2年度)", "R3年度", "R4年度", "目標値(R7年度)"]


def test_periods_that_do_not_match_the_named_columns_go_to_the_last_ones() -> None:
    assert dated_cells(["指標名", "現状値", "目標値"], ["(R7年度)"]) == [
        "指標名",
        "現状値",
        "目標値(R7年度)",
    ]


def test_a_sheets_lettered_indicators_are_read_as_indicator_rows_of_the_plan() -> None:
    reading = read_plan(
        document_from_text("施策1 妊娠・出産・子育ての支援\n" + "\n".join(SHEET), name="楓原市.txt")
    )
    assert [
        (i.name, i.unit, figure(i.baseline), figure(i.target))
        for node in walk(reading.tree.nodes)
        for i in node.indicators
    ] == [
        ("子育てに不安や負担を感じる保護者の割合", "%", ("41.3", "FY2020"), ("30.0", "FY2025")),
        ("乳幼児健康診査の受診率", "%", ("96.2", "FY2020"), ("98.0", "FY2025")),
    ]


def figure(fig: DocFigure | None) -> tuple[str, str | None] | None:
    """Return a figure as (cell text, period key)."""
    return None if fig is None else (fig.raw, fig.period.key() if fig.period else None)
