"""Indicator tables with columns beside the values: a row number and a 施策 code in front, text
columns of reasons and sources behind, rows run on over lines and sentences."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_columns import Column, columns_of, lead_roles, text_columns
from shisaku.domain.plandoc_flatrows import lead_rows
from shisaku.domain.plandoc_sections import header_columns, side_column
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import Node, walk

HEAD = "1 健やかなまち\n（1）健康づくりの推進\n健診を勧めます。\n"
WIDE = (
    "No 施策 指標名 策定時 目標 指標として設定する理由 目標値の考え方・積算など "
    "指標の出典・定義など"
)


def measure(text: str) -> Node:
    """Return the measure 1-1 of an inline document."""
    reading = read_plan(document_from_text(HEAD + text, name="雲雀野町.txt"))
    return next(n for n in walk(reading.tree.nodes) if n.code == "1-1")


@pytest.mark.parametrize(
    "cell",
    ["No", "施策", "指標として設定する理由", "目標値の考え方・積算など", "指標の出典・定義など"],
)
def test_it_takes_a_number_a_code_and_short_columns_of_reasons_and_sources_for_side_columns(
    cell: str,
) -> None:
    assert side_column(cell)


@pytest.mark.parametrize("cell", ["平和資料館", "設定した理由を述べます。", "指標名"])
def test_it_takes_no_sentence_or_other_word_for_a_side_column(cell: str) -> None:
    assert not side_column(cell)


def test_it_reads_a_header_whose_trailing_columns_are_long_text_columns() -> None:
    assert header_columns(WIDE) == tuple(WIDE.split())


def test_it_reads_no_header_in_words_that_are_mostly_not_columns() -> None:
    assert header_columns("指標名 目標 平和 資料館 来館者 数") == ()


def test_it_gives_the_side_columns_their_roles_and_no_value_role() -> None:
    assert [c.role for c in columns_of(WIDE.split())] == [
        "number",
        "code",
        "name",
        "baseline",
        "target",
        "rationale",
        "rationale",
        "definition",
    ]


def test_it_counts_the_lead_columns_and_the_text_columns_after_the_values() -> None:
    columns = columns_of(WIDE.split())
    assert (lead_roles(columns), text_columns(columns)) == (("number", "code"), 3)
    assert (lead_roles((Column("name"), Column("target"))), text_columns(())) == ((), 0)


def test_it_cuts_rows_at_their_numbers_and_keeps_the_text_columns_as_one_note() -> None:
    rows, loose = lead_rows(
        ["1 111 来館者数 2.4万人", "(平成29年度)", "3万人 理由です。 見込みです。 市実績", "2 112"],
        7,
        2,
        ("number", "code"),
        3,
    )
    assert [(r.name, r.cells, r.notes, r.node_code, r.line) for r in rows] == [
        (
            "来館者数",
            ["2.4万人 (平成29年度)", "3万人"],
            ["理由です。 見込みです。 市実績"],
            "111",
            7,
        )
    ]
    assert loose == ["2", "112"]


def test_it_takes_a_figure_in_a_rows_text_for_no_new_row() -> None:
    rows, _ = lead_rows(
        ["1 111 参加者数 4,860人 6,000人 伸び 5 20 が続く。 市実績", "2 112 加入率 52.7% 55%"],
        1,
        2,
        ("number", "code"),
        3,
    )
    assert [(r.name, r.cells, r.notes) for r in rows] == [
        ("参加者数", ["4,860人", "6,000人"], ["伸び 5 20 が続く。 市実績"]),
        ("加入率", ["52.7%", "55%"], []),
    ]


ROWS = f"""{WIDE}
1 111 健康教室の参加者数 1.2万人
(平成29年度)
1.5万人 健康への関心を広げることが大切。 毎年3%の増加を見込む。 市実績
2 112 特定健康診査の受診率 38.6%

(平成30年度)

60% 重症化の予防に健診が重要。 国の目標(60%)にあわせる。 市実績 ※算出式 受診者数/対象者数×100

このページが参考になったかをお聞かせください。
分かりやすかった 分かりにくかった
"""


def test_it_reads_rows_numbered_and_coded_whose_year_and_target_run_on_over_lines() -> None:
    node = measure(ROWS)
    assert [
        (
            i.name,
            i.unit,
            i.line,
            i.baseline and (i.baseline.value_text(), i.baseline.period and i.baseline.period.key()),
            [(t.value_text(), t.period) for t in i.targets],
        )
        for i in node.indicators
    ] == [
        ("健康教室の参加者数", "人", 5, ("12000", "FY2017"), [("15000", None)]),
        ("特定健康診査の受診率", "%", 8, ("38.6", "FY2018"), [("60", None)]),
    ]


def test_it_keeps_a_rows_reasons_as_its_note_and_the_page_after_the_table_out_of_it() -> None:
    node = measure(ROWS)
    assert [i.note for i in node.indicators] == [
        "健康への関心を広げることが大切。 毎年3%の増加を見込む。 市実績",
        "重症化の予防に健診が重要。 国の目標(60%)にあわせる。 市実績 ※算出式 受診者数/対象者数×100",
    ]
    section = node.section("indicators")
    assert section is not None
    assert section.blocks[-1].text == (
        "このページが参考になったかをお聞かせください。 分かりやすかった 分かりにくかった"
    )
