"""A document's own layout, read through read_plan: levels, codes, frames, measures, profiles."""

from __future__ import annotations

from typing import Any

import pytest

from shisaku.domain.plandoc import PlanReading, read_plan
from shisaku.domain.plandoc_profile import profile_from_dict
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import Node, walk


def read(text: str, profile: dict[str, Any] | None = None) -> PlanReading:
    """Read an inline document, with a profile in its plain-dict form."""
    document = document_from_text(text, name="雲雀野町.txt")
    return read_plan(document, profile_from_dict(profile) if profile is not None else None)


def outline(reading: PlanReading) -> list[tuple[str, str, str]]:
    """Return every node as (kind, code, title)."""
    return [(n.kind, n.code, n.title) for n in walk(reading.tree.nodes)]


def node(reading: PlanReading, code: str) -> Node:
    """Return the node with ``code``."""
    return next(n for n in walk(reading.tree.nodes) if n.code == code)


def blocks(reading: PlanReading, code: str, key: str) -> list[tuple[str, str]]:
    """Return a section's blocks as (kind, text)."""
    section = node(reading, code).section(key)
    assert section is not None, f"{code} has no {key} section"
    return [(b.kind, b.text) for b in section.blocks]


def levels(reading: PlanReading) -> dict[str, tuple[int, str]]:
    """Return the layout's rules as style → (level, kind)."""
    return {s: (r.level, r.kind) for s, r in reading.layout.rules.items()}


TABLE = "成果指標\n指標名\t基準値（令和2年度）\t目標値（令和8年度）\n"

# --- levels by nesting and by codes ---------------------------------------------------------------

NESTED = """\
1 安心して暮らせるまち
（1）地域福祉の充実
① 見守り活動の推進
見守りの担い手を増やします。
② 相談支援の充実
相談の窓口を一つにします。
（2）健康づくりの推進
① 健診の受診促進
健診の案内を送ります。
2 活力あるまち
（1）産業の振興
① 商店街の活性化
空き店舗を活かします。
"""


def test_it_orders_levels_by_how_their_numberings_nest() -> None:
    reading = read(NESTED)
    assert outline(reading) == [
        ("field", "1", "安心して暮らせるまち"),
        ("policy", "1-1", "地域福祉の充実"),
        ("measure", "1-1-1", "見守り活動の推進"),
        ("measure", "1-1-2", "相談支援の充実"),
        ("policy", "1-2", "健康づくりの推進"),
        ("measure", "1-2-1", "健診の受診促進"),
        ("field", "2", "活力あるまち"),
        ("policy", "2-1", "産業の振興"),
        ("measure", "2-1-1", "商店街の活性化"),
    ]
    assert levels(reading) == {
        "{}": (1, "field"),
        "({})": (2, "policy"),
        "①": (3, "measure"),
    }


def test_it_puts_a_code_under_the_heading_whose_code_is_its_prefix() -> None:
    reading = read(
        "2 ひと創り\n2-1 子ども・子育て支援の充実\n2-1-1 切れ目のない子育て支援の充実\n"
        "妊娠期から支えます。\n2-1-2 教育の充実\n学ぶ場を整えます。\n2-2 健康づくり\n"
        "2-2-1 健診の推進\n健診を勧めます。\n"
    )
    assert outline(reading) == [
        ("field", "2", "ひと創り"),
        ("policy", "2-1", "子ども・子育て支援の充実"),
        ("measure", "2-1-1", "切れ目のない子育て支援の充実"),
        ("measure", "2-1-2", "教育の充実"),
        ("policy", "2-2", "健康づくり"),
        ("measure", "2-2-1", "健診の推進"),
    ]


WORDED_CODES = f"""\
第1章 分野別計画
政策1 子育て支援
施策1-1 妊娠期からの支援
相談の窓口を設けます。
{TABLE}相談件数\t120件\t150件
施策1-2 保育の充実
保育士を確保します。
{TABLE}待機児童数\t12人\t0人
政策2 健康づくり
施策2-1 健診の推進
健診を勧めます。
{TABLE}特定健康診査の受診率\t38.6%\t50.0%
"""


def test_it_puts_a_worded_code_under_its_worded_parent_not_under_the_chapter() -> None:
    reading = read(WORDED_CODES)
    assert outline(reading) == [
        ("field", "1", "子育て支援"),
        ("measure", "1-1", "妊娠期からの支援"),
        ("measure", "1-2", "保育の充実"),
        ("field", "2", "健康づくり"),
        ("measure", "2-1", "健診の推進"),
    ]
    assert [(d.line, d.reason) for d in reading.dropped] == [(1, "container")]


def test_it_makes_every_level_above_the_root_of_the_codes_a_frame() -> None:
    reading = read(WORDED_CODES.replace("第1章 分野別計画", "第3章 健やかに暮らせるまち"))
    assert [n.code for n in walk(reading.tree.nodes)] == ["1", "1-1", "1-2", "2", "2-1"]
    assert reading.layout.containers == frozenset({"第{}章"})


# --- frames ---------------------------------------------------------------------------------------


def test_it_sets_aside_a_part_of_the_document_as_a_frame() -> None:
    reading = read(
        "第2部 基本計画\n1 安心して暮らせるまち\n（1）地域福祉の充実\n"
        "見守りの担い手を増やします。\n"
        "（2）健康づくりの推進\n健診の案内を送ります。\n2 活力あるまち\n（1）産業の振興\n"
        "空き店舗を活かします。\n"
    )
    assert outline(reading) == [
        ("field", "1", "安心して暮らせるまち"),
        ("policy", "1-1", "地域福祉の充実"),
        ("policy", "1-2", "健康づくりの推進"),
        ("field", "2", "活力あるまち"),
        ("policy", "2-1", "産業の振興"),
    ]
    assert [(d.line, d.text, d.reason) for d in reading.dropped] == [
        (1, "第2部 基本計画", "container")
    ]


ROMAN_FRAMES = """\
Ⅰ 総論
計画の趣旨を述べます。
Ⅱ 基本目標と施策
基本目標1 子育て世代に選ばれるまち
施策1 妊娠期からの支援
相談の窓口を設けます。
施策2 保育の充実
保育士を確保します。
基本目標2 安心して暮らせるまち
施策1 防災力の向上
防災訓練を開きます。
Ⅲ 資料
用語の解説を載せます。
"""


def test_it_sets_aside_roman_chapters_that_hold_all_the_named_levels() -> None:
    reading = read(ROMAN_FRAMES)
    assert outline(reading) == [
        ("field", "1", "子育て世代に選ばれるまち"),
        ("policy", "1-1", "妊娠期からの支援"),
        ("policy", "1-2", "保育の充実"),
        ("field", "2", "安心して暮らせるまち"),
        ("policy", "2-1", "防災力の向上"),
    ]
    assert [(d.line, d.reason) for d in reading.dropped] == [
        (1, "container"),
        (2, "preamble"),
        (3, "container"),
        (12, "container"),
        (13, "framed"),
    ]


def test_it_keeps_the_text_after_a_closing_frame_out_of_the_last_measure() -> None:
    assert blocks(read(ROMAN_FRAMES), "2-1", "description") == [
        ("paragraph", "防災訓練を開きます。")
    ]


def test_it_keeps_a_chapter_with_a_title_of_its_own_as_a_level() -> None:
    reading = read(
        "第1章 子育て世代に選ばれるまち\n1 妊娠期からの支援\n相談の窓口を設けます。\n"
        "2 保育の充実\n保育士を確保します。\n第2章 安心して暮らせるまち\n1 防災力の向上\n"
        "防災訓練を開きます。\n"
    )
    assert outline(reading) == [
        ("field", "1", "子育て世代に選ばれるまち"),
        ("policy", "1-1", "妊娠期からの支援"),
        ("policy", "1-2", "保育の充実"),
        ("field", "2", "安心して暮らせるまち"),
        ("policy", "2-1", "防災力の向上"),
    ]


# --- narrative sub-headings and list items -----------------------------------------------------

NARRATIVE = f"""\
基本目標1 子育て世代に選ばれるまち
施策1 妊娠期からの支援
現状と課題
（1）出生数の減少
出生数は減り続けています。
（2）相談体制
相談の件数が増えています。
施策の方向
（1）相談窓口の充実
窓口を一つにします。
（2）訪問支援の充実
家庭への訪問を増やします。
{TABLE}相談件数\t120件\t150件
施策2 保育の充実
現状と課題
（1）待機児童
待機児童が残っています。
施策の方向
（1）保育士の確保
保育士を確保します。
（2）施設の整備
保育所を増やします。
{TABLE}待機児童数\t12人\t0人
"""


def test_it_reads_numbered_items_inside_the_situation_as_sub_headings_of_its_text() -> None:
    assert blocks(read(NARRATIVE), "1-1", "situation") == [
        ("subheading", "出生数の減少"),
        ("paragraph", "出生数は減り続けています。"),
        ("subheading", "相談体制"),
        ("paragraph", "相談の件数が増えています。"),
    ]


def test_it_reads_numbered_items_under_the_direction_as_the_level_below_the_measure() -> None:
    reading = read(NARRATIVE)
    assert outline(reading) == [
        ("field", "1", "子育て世代に選ばれるまち"),
        ("measure", "1-1", "妊娠期からの支援"),
        ("initiative", "1-1.1", "相談窓口の充実"),
        ("initiative", "1-1.2", "訪問支援の充実"),
        ("measure", "1-2", "保育の充実"),
        ("initiative", "1-2.1", "保育士の確保"),
        ("initiative", "1-2.2", "施設の整備"),
    ]
    assert [i.name for i in node(reading, "1-1").indicators] == ["相談件数"]


def test_it_does_not_call_a_direction_empty_when_its_items_became_levels() -> None:
    assert [w.code for w in read(NARRATIVE).tree.warnings] == []


def test_it_keeps_a_circled_sub_heading_of_the_situation_apart_from_its_text() -> None:
    reading = read(
        NARRATIVE.replace("（1）出生数", "① 出生数").replace("（2）相談体制", "② 相談体制")
    )
    assert [text for _, text in blocks(reading, "1-1", "situation")] == [
        "出生数の減少",
        "出生数は減り続けています。",
        "相談体制",
        "相談の件数が増えています。",
    ]


# --- which level is the measure ------------------------------------------------------------------


def test_it_makes_the_deepest_level_whose_headings_each_own_a_table_the_measure() -> None:
    reading = read(
        f"基本目標1 健やかなまち\n（1）健康づくりの推進\n健診を勧めます。\n{TABLE}"
        "特定健康診査の受診率\t38.6%\t50.0%\n（2）地域医療の充実\nかかりつけ医を広めます。\n"
        f"{TABLE}かかりつけ医がいる人の割合\t60.0%\t70.0%\n基本目標2 活力あるまち\n"
        f"（1）産業の振興\n空き店舗を活かします。\n{TABLE}空き店舗の数\t30店\t20店\n"
    )
    assert outline(reading) == [
        ("field", "1", "健やかなまち"),
        ("measure", "1-1", "健康づくりの推進"),
        ("measure", "1-2", "地域医療の充実"),
        ("field", "2", "活力あるまち"),
        ("measure", "2-1", "産業の振興"),
    ]


def test_it_gives_a_table_after_list_items_to_their_parent() -> None:
    reading = read(
        "基本目標1 健やかなまち\n（1）健康づくりの推進\n健診を勧めます。\n（2）地域医療の充実\n"
        f"かかりつけ医を広めます。\n{TABLE}特定健康診査の受診率\t38.6%\t50.0%\n"
        "基本目標2 活力あるまち\n（1）産業の振興\n空き店舗を活かします。\n（2）観光の振興\n"
        f"観光客を呼び込みます。\n{TABLE}空き店舗の数\t30店\t20店\n"
    )
    assert outline(reading) == [
        ("measure", "1", "健やかなまち"),
        ("initiative", "1.1", "健康づくりの推進"),
        ("initiative", "1.2", "地域医療の充実"),
        ("measure", "2", "活力あるまち"),
        ("initiative", "2.1", "産業の振興"),
        ("initiative", "2.2", "観光の振興"),
    ]
    assert [i.code for i in node(reading, "1").indicators] == ["1.K1"]
    assert node(reading, "1.2").indicators == []


# --- a profile overrides the layout --------------------------------------------------------------


def test_a_profile_overrides_the_level_and_kind_of_each_style() -> None:
    reading = read(
        NESTED,
        {
            "headings": {
                "1": {"level": 1, "kind": "policy"},
                "（1）": {"level": 2, "kind": "measure"},
                "①": {"level": 3, "kind": "action"},
            }
        },
    )
    assert outline(reading)[:4] == [
        ("policy", "1", "安心して暮らせるまち"),
        ("measure", "1-1", "地域福祉の充実"),
        ("action", "1-1.1", "見守り活動の推進"),
        ("action", "1-1.2", "相談支援の充実"),
    ]


@pytest.mark.parametrize("choice", ["text", "bullet", "group", "skip"])
def test_a_profile_makes_a_style_no_level(choice: str) -> None:
    reading = read(NESTED, {"headings": {"①": choice}})
    assert outline(reading) == [
        ("field", "1", "安心して暮らせるまち"),
        ("policy", "1-1", "地域福祉の充実"),
        ("policy", "1-2", "健康づくりの推進"),
        ("field", "2", "活力あるまち"),
        ("policy", "2-1", "産業の振興"),
    ]
    assert levels(reading)["①"] == (0, "")


def test_a_profile_makes_a_style_sub_headings_of_the_text() -> None:
    assert blocks(read(NESTED, {"headings": {"①": "group"}}), "1-1", "description") == [
        ("subheading", "見守り活動の推進"),
        ("paragraph", "見守りの担い手を増やします。"),
        ("subheading", "相談支援の充実"),
        ("paragraph", "相談の窓口を一つにします。"),
    ]


def test_a_profile_names_the_kind_of_a_style_and_its_level_is_inferred() -> None:
    reading = read(NESTED, {"headings": {"①": "action"}})
    assert levels(reading)["①"] == (3, "action")
    assert outline(reading)[2] == ("action", "1-1.1", "見守り活動の推進")


def test_a_profile_naming_the_measure_puts_the_levels_below_it_under_the_measure() -> None:
    reading = read(NESTED, {"headings": {"（1）": "measure"}})
    assert levels(reading) == {"{}": (1, "field"), "({})": (2, "measure"), "①": (3, "initiative")}


def test_the_reading_prints_its_layout_as_a_profile_with_an_example_each() -> None:
    assert read(NESTED).profile() == {
        "headings": {
            "{}": {"level": 1, "kind": "field", "example": "1 安心して暮らせるまち"},
            "({})": {"level": 2, "kind": "policy", "example": "（1）地域福祉の充実"},
            "①": {"level": 3, "kind": "measure", "example": "① 見守り活動の推進"},
        }
    }
