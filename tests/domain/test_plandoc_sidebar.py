"""A page's indicator sidebar that a text copy gives column by column, before the 施策 it belongs
to: read back into rows (the page's heading takes it: plandoc_pagefirst)."""

from __future__ import annotations

from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_lines import Line, classify_text
from shisaku.domain.plandoc_sidebar import sidebar_tables
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import walk


def lines(*texts: str) -> list[Line]:
    """Return classified lines of the given texts."""
    return [classify_text(t, n) for n, t in enumerate(texts, 1)]


def shown(found: list[Line]) -> list[tuple[str, str]]:
    """Return each line as (kind, raw)."""
    return [(line.kind, line.raw) for line in found]


SIDEBAR = (
    "成果指標",
    "指標名",
    "保育所等の待機児童数",
    "（4月1日時点）",
    "子育てが楽しいと感じる保護者の割合",
    "現状値",
    "（R3年度）",
    "14人",
    "―",
    "（R2年度）",
    "目標値",
    "（R9年度）",
    "0人",
    "80.0%",
    "推進担当",
    "こども未来部",
)


def test_it_reads_names_then_each_value_column_as_rows_of_cells() -> None:
    assert shown(sidebar_tables(lines(*SIDEBAR))) == [
        ("section", "成果指標"),
        ("header", "指標名\t現状値（R3年度）\t目標値（R9年度）"),
        ("row", "保育所等の待機児童数（4月1日時点）\t14人\t0人"),
        ("row", "子育てが楽しいと感じる保護者の割合\t―（R2年度）\t80.0%"),
        ("text", "推進担当"),
        ("text", "こども未来部"),
    ]


def test_a_column_of_fewer_values_than_names_leaves_the_lines_as_they_are() -> None:
    texts = ("指標名", "出生数", "転入者数", "現状値", "812人", "目標値", "900人", "1,200人")
    assert shown(sidebar_tables(lines(*texts))) == shown(lines(*texts))


def test_column_names_one_a_line_over_rows_are_no_sidebar() -> None:
    texts = ("指標名", "現状値", "目標値", "出生数", "812人", "900人")
    assert shown(sidebar_tables(lines(*texts))) == shown(lines(*texts))


def page(code: str, title: str, name: str, base: str, target: str) -> str:
    """Return one page: the sidebar first, then the running head and the 施策 it belongs to,
    then the page's foot."""
    return (
        f"成果指標\n指標名\n{name}\n現状値\n（R3年度）\n{base}\n目標値\n（R9年度）\n{target}\n"
        f"第2部 前期基本計画\n政策2 子ども・子育て\n施策{code} {title}\n現状認識\n"
        "保育の申込みが増えています。\n- 44 -\n"
    )


def test_sidebars_printed_before_their_measures_are_read_on_the_measures_they_lead() -> None:
    text = (
        "白鳥台市総合計画\n- 43 -\n"
        + page(
            "2-1", "安心して子どもを産み育てられる環境づくり", "保育所等の待機児童数", "14人", "0人"
        )
        + page(
            "2-2",
            "子どもが安心して過ごせる居場所づくり",
            "放課後児童クラブの待機児童数",
            "38人",
            "0人",
        )
    )
    reading = read_plan(document_from_text(text, name="白鳥台市.txt"))
    found = [
        (n.code, i.name, i.baseline and i.baseline.period and i.baseline.period.key())
        for n in walk(reading.tree.nodes)
        for i in n.indicators
    ]
    assert found == [
        ("2-1", "保育所等の待機児童数", "FY2021"),
        ("2-2", "放課後児童クラブの待機児童数", "FY2021"),
    ]


def test_a_table_before_the_first_heading_moves_nothing_where_the_last_measure_has_one() -> None:
    text = (
        "白鳥台市総合計画\n成果指標\n指標名 現状値 目標値\n人口 12万人 12万人\n"
        "政策2 子ども・子育て\n施策2-1 環境づくり\n"
        "成果指標\n指標名 現状値 目標値\n出生数 812人 900人\n"
        "施策2-2 居場所づくり\n成果指標\n指標名 現状値 目標値\n転入者数 1,200人 1,300人\n"
    )
    reading = read_plan(document_from_text(text, name="白鳥台市.txt"))
    found = [(n.code, i.name) for n in walk(reading.tree.nodes) for i in n.indicators]
    assert found == [("2-1", "出生数"), ("2-2", "転入者数")]


def test_tables_after_their_measures_stay_where_they_stand() -> None:
    text = (
        "白鳥台市総合計画\n"
        "政策2 子ども・子育て\n施策2-1 環境づくり\n"
        "成果指標\n指標名 現状値 目標値\n出生数 812人 900人\n"
        "施策2-2 居場所づくり\n成果指標\n指標名 現状値 目標値\n転入者数 1,200人 1,300人\n"
    )
    reading = read_plan(document_from_text(text, name="白鳥台市.txt"))
    found = [(n.code, i.name) for n in walk(reading.tree.nodes) for i in n.indicators]
    assert found == [("2-1", "出生数"), ("2-2", "転入者数")]


def test_a_unit_column_given_column_by_column_gives_a_unit_a_row() -> None:
    texts = ("指標名", "出生率", "転入者数", "単位", "―", "人", "現状値", "1.31", "812", "目標値")
    texts += ("1.40", "900")
    assert shown(sidebar_tables(lines(*texts))) == [
        ("header", "指標名\t単位\t現状値\t目標値"),
        ("row", "出生率\t―\t1.31\t1.40"),
        ("row", "転入者数\t人\t812\t900"),
    ]
