"""Indicator tables whose cells lost their spaces (an e-book page's text)."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_gluedrows import glued_header, glued_rows
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import walk

HEADER = "区分現状値（令和3年度）目標値（令和9年度）"


def test_it_reads_the_column_names_a_block_begins_with() -> None:
    assert glued_header(HEADER + "受診率41.5%60.0%") == (
        ["区分", "現状値（令和3年度）", "目標値（令和9年度）"],
        "受診率41.5%60.0%",
    )


@pytest.mark.parametrize(
    "text", ["目標値を達成した割合41.5%", "区分指標名受診率", "受診率41.5%60.0%"]
)
def test_it_reads_no_glued_header_without_two_column_names_and_a_value_column(text: str) -> None:
    assert glued_header(text) is None


def test_it_cuts_rows_where_each_rows_unit_ends_and_gives_a_note_to_the_row_it_names() -> None:
    rows, rest = glued_rows(
        "漁業経営体数118経営体110経営体かき養殖の生産額2億4千万円3億円耕作放棄地の面積42.5ha40.0ha"
        "※漁業経営体数は減少を見込みます。※直接支払制度：集落に交付金を支払う制度。",
        9,
        2,
    )
    assert [(r.name, r.cells, r.notes, r.line) for r in rows] == [
        ("漁業経営体数", ["118経営体", "110経営体"], ["※漁業経営体数は減少を見込みます。"], 9),
        ("かき養殖の生産額", ["2億4千万円", "3億円"], [], 9),
        ("耕作放棄地の面積", ["42.5ha", "40.0ha"], [], 9),
    ]
    assert rest == "※直接支払制度：集落に交付金を支払う制度。"


def test_a_name_may_hold_digits_and_figures_no_unit_parts_are_no_row() -> None:
    rows, rest = glued_rows("65歳以上の割合12.0%15.0%合計特殊出生率1.441.60", 1, 2)
    assert [(r.name, r.cells) for r in rows] == [("65歳以上の割合", ["12.0%", "15.0%"])]
    assert rest == "合計特殊出生率1.441.60"


def test_a_table_of_one_value_column_gives_no_rows() -> None:
    assert glued_rows("受診率41.5%がん検診15.0%", 1, 1) == ([], "受診率41.5%がん検診15.0%")


def test_a_glued_table_in_an_indicator_section_reads_with_its_headers_periods() -> None:
    text = (
        "1 健やかなまち\n（1）健康づくりの推進\n健診を勧めます。\n成果指標\n"
        + HEADER
        + "特定健康診査の受診率41.5%60.0%朝食を毎日食べる中学生の割合83.6%95.0%"
        "※朝食を毎日食べる中学生の割合の現状値は令和2年度の値です。\n"
    )
    reading = read_plan(document_from_text(text, name="雲雀野町.txt"))
    found = [
        (
            i.name,
            i.baseline and (i.baseline.value_text(), i.baseline.period and i.baseline.period.key()),
            i.target and (i.target.value_text(), i.target.period and i.target.period.key()),
        )
        for n in walk(reading.tree.nodes)
        for i in n.indicators
    ]
    assert found == [
        ("特定健康診査の受診率", ("41.5", "FY2021"), ("60", "FY2027")),
        ("朝食を毎日食べる中学生の割合", ("83.6", "FY2020"), ("95", "FY2027")),
    ]
