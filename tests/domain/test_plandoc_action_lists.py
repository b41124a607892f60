"""Actions run together on a line with 「、」, and a 主な取組 label printed after its list."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc import parse_plan
from shisaku.domain.plandoc_items import lists_items, split_items
from shisaku.domain.plantree import Node, PlanTree, walk


def parse(text: str) -> PlanTree:
    return parse_plan(text, source="test.txt")


def actions(tree: PlanTree) -> list[tuple[str, str]]:
    """Return every action as (code, title)."""
    return [(n.code, n.title) for n in walk(tree.nodes) if n.kind == "action"]


def node(tree: PlanTree, code: str) -> Node:
    return next(n for n in walk(tree.nodes) if n.code == code)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("創業塾の開催、空き店舗の活用支援", ["創業塾の開催", "空き店舗の活用支援"]),
        ("「まち、ひと」の推進、商店街の支援", ["「まち、ひと」の推進", "商店街の支援"]),
        ("保育所の定員拡大、子育て支援の", ["保育所の定員拡大", "子育て支援の"]),
        ("保育所の定員拡大、", ["保育所の定員拡大、"]),
        ("【新規】空き家改修費の補助（再掲）", ["【新規】空き家改修費の補助（再掲）"]),
    ],
)
def test_split_items_cuts_at_top_level_commas_only(text: str, pieces: list[str]) -> None:
    assert split_items(text) == pieces


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("創業塾の開催、空き店舗の活用支援、【新規】シェアオフィスの開設", True),
        ("創業塾の開催、空き店舗の活用支援、シェアオフィス開設の", True),  # wrapped mid-name
        ("創業塾の開催、空き店舗の活用支援", False),  # two pieces may be one name
        ("地域の見守り、支え合い、助け合いの仕組みづくり", False),  # verbs, not names
        ("創業塾を開催し、空き店舗を活用し、出店を促します。", False),  # a sentence
    ],
)
def test_a_line_lists_actions_when_three_names_are_run_together(text: str, listed: bool) -> None:
    assert lists_items(text) is listed


INLINE = """\
1 産業
1-1 地場産業の強化
地場の企業を支えます。
【主な取り組み】中小企業の設備投資への支援、産学連携による新製品開発の
支援、【拡充】展示会への出展支援
1-2 創業の支援
【主な取り組み】創業塾の開催、
空き店舗の活用支援(再掲)
1-3 企業誘致
主な取組
工業用地の整備、企業立地奨励金の交付、町内企業見学
バスツアーの実施
"""


def test_actions_run_together_after_their_label_are_one_action_each() -> None:
    tree = parse(INLINE)
    assert actions(tree) == [
        ("1-1.1.1", "中小企業の設備投資への支援"),
        ("1-1.1.2", "産学連携による新製品開発の支援"),
        ("1-1.1.3", "【拡充】展示会への出展支援"),
        ("1-2.1.1", "創業塾の開催"),
        ("1-2.1.2", "空き店舗の活用支援(再掲)"),
        ("1-3.1.1", "工業用地の整備"),
        ("1-3.1.2", "企業立地奨励金の交付"),
        ("1-3.1.3", "町内企業見学バスツアーの実施"),
    ]
    assert node(tree, "1-1").section("description") is not None


def test_one_action_per_line_is_never_split_at_its_comma() -> None:
    tree = parse("1 福祉\n1-1 見守り\n主な取組\n・地域の見守り、支え合いの推進\n・相談窓口の充実\n")
    assert actions(tree) == [
        ("1-1.1.1", "地域の見守り、支え合いの推進"),
        ("1-1.1.2", "相談窓口の充実"),
    ]


SIDE_LABEL = """\
1 安全
1-1 浸水被害を減らす
1 ポンプ場の排水能力を増やします。
2 雨水の貯留施設を整備します。
主
な
取
組
指標名\t現状値\t目標値
雨水排水施設の整備率\t62.5%\t75.0%
1-2 交通
バスの便を保ちます。
"""


def test_a_side_label_printed_after_its_list_takes_the_items_above_it() -> None:
    tree = parse(SIDE_LABEL)
    assert actions(tree) == [
        ("1-1.1.1", "ポンプ場の排水能力を増やします。"),
        ("1-1.1.2", "雨水の貯留施設を整備します。"),
    ]
    description = node(tree, "1-1").section("description")
    assert description is None or description.blocks == []
    indicators = node(tree, "1-1").section("indicators")
    assert indicators is not None and len(indicators.blocks) == 1


def test_a_label_followed_by_its_own_list_leaves_the_items_above_it() -> None:
    tree = parse("1 安全\n1-1 防災\n・避難所を見直します。\n主な取組\n・防災訓練の実施\n")
    assert actions(tree) == [("1-1.1.1", "防災訓練の実施")]
    description = node(tree, "1-1").section("description")
    assert description is not None
    assert [(b.kind, b.text) for b in description.blocks] == [("bullet", "避難所を見直します。")]


def test_items_of_a_labelled_section_stay_in_it_before_an_empty_label() -> None:
    text = "1 安全\n1-1 防災\n施策の方向\n・避難所を見直します。\n主な取組\n1-2 交通\n"
    tree = parse(text)
    assert actions(tree) == []
    direction = node(tree, "1-1").section("direction")
    assert direction is not None and [b.text for b in direction.blocks] == ["避難所を見直します。"]


@pytest.mark.parametrize("mark", ["〇", "◯", "○"])
def test_a_circle_of_any_font_marks_an_action(mark: str) -> None:
    tree = parse(f"1 健康\n1-1 健診\n主な取組\n{mark}土曜日の健診を増やします。\n")
    assert actions(tree) == [("1-1.1.1", "土曜日の健診を増やします。")]


def test_a_kanji_zero_opening_a_number_is_no_mark() -> None:
    tree = parse("1 健康\n1-1 健診\n〇一二の会を開きます。\n")
    assert actions(tree) == []
