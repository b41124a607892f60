"""Layouts of the second blind batch: codes with a full stop or a bracketed item (「1-1.」
「1-(1)」), a middle level numbered through the plan, a 施策の体系 diagram drawn with box-drawing
characters, contents with leader dots before a part head, frames titled with the document's
words, and project tables with a number column and wrapped cells (the rest is in
test_plandoc_blind2_sheets)."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc import PlanReading, read_plan
from shisaku.domain.plandoc_lines import classify_text
from shisaku.domain.plandoc_listings import contents, diagram_lines
from shisaku.domain.plandoc_numbering import Numbering, code_text, read_numbering
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import Node, walk


def read(text: str) -> PlanReading:
    """Read an inline document."""
    return read_plan(document_from_text(text, name="小百合町.txt"))


def outline(reading: PlanReading) -> list[tuple[str, str, str]]:
    """Return every node as (kind, code, title); an unknown title as 「?」."""
    return [(n.kind, n.code, n.title if n.title_known else "?") for n in walk(reading.tree.nodes)]


def node(reading: PlanReading, code: str) -> Node:
    """Return the node with ``code``."""
    return next(n for n in walk(reading.tree.nodes) if n.code == code)


def dropped(reading: PlanReading, reason: str) -> list[str]:
    """Return the lines set aside for ``reason``."""
    return [d.text for d in reading.dropped if d.reason == reason]


# --- numbering ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "style", "numbers", "title"),
    [
        ("1-1.消防・防災体制の充実", "{}-{}", (1, 1), "消防・防災体制の充実"),
        ("1-1．消防・防災体制の充実", "{}-{}", (1, 1), "消防・防災体制の充実"),
        ("2.1.子育て支援", "{}-{}", (2, 1), "子育て支援"),
        ("1-(1)漁業の担い手確保プロジェクト", "{}-({})", (1, 1), "漁業の担い手確保プロジェクト"),
        ("2－（2） 子育て世帯の負担軽減", "{}-({})", (2, 2), "子育て世帯の負担軽減"),
    ],
)
def test_a_code_with_a_full_stop_or_a_bracketed_item_is_a_heading_code(
    line: str, style: str, numbers: tuple[int, ...], title: str
) -> None:
    assert read_numbering(line) == Numbering(style, numbers, title)


@pytest.mark.parametrize("line", ["94.2", "38.2億円", "1.5倍", "3.2.1"])
def test_a_decimal_is_still_no_code(line: str) -> None:
    found = read_numbering(line)
    assert found is None or found.title == ""


@pytest.mark.parametrize(
    ("line", "style", "numbers", "title"),
    [
        ("政策No. 2", "政策No.{}", (2,), ""),
        ("施策No. 2 1", "施策No.{}-{}", (2, 1), ""),
        ("施策No.2-1 子育て支援", "施策No.{}-{}", (2, 1), "子育て支援"),
        ("施策No. 3 10年後の姿", "施策No.{}", (3,), "10年後の姿"),
    ],
)
def test_a_labelled_number_is_read_with_its_word(
    line: str, style: str, numbers: tuple[int, ...], title: str
) -> None:
    word = line[:2]
    assert read_numbering(line) == Numbering(style, numbers, title, word, True)


@pytest.mark.parametrize(
    ("style", "numbers", "code"),
    [
        ("{}-({})", (1, 2), "1-(2)"),
        ("{}-{}", (1, 2), "1-2"),
        ("Ⅰ-{}", (2, 1), "2-1"),
        ("施策{}-{}", (1, 2), "1-2"),
    ],
)
def test_a_code_is_kept_as_printed_when_it_is_numbers_and_brackets(
    style: str, numbers: tuple[int, ...], code: str
) -> None:
    assert code_text(style, numbers) == code


# --- a 施策の体系 diagram and a middle level numbered through the plan ---------------------------

TAIKEI = """\
第5次小百合町総合計画
施策の体系
  基本施策1 ──┬── 1.災害に強いまちをつくる ──┬── 1-1 消防・防災体制の充実
  安全・安心なまち │                      └── 1-2 交通安全の推進
              └── 2.住みやすい生活環境をつくる ── 2-1 上下水道の安定運営
  基本施策2 ────── 3.生涯にわたる健康をつくる ── 3-1 健康づくりの推進
基本施策1 安全・安心なまち
1.災害に強いまちをつくる
1-1 消防・防災体制の充実
成果指標
指標名\t現状値\t目標値
自主防災組織の結成率\t75.0%\t100%
1-2 交通安全の推進
成果指標
指標名\t現状値\t目標値
町内の交通事故発生件数\t47件\t35件
2.住みやすい生活環境をつくる
2-1 上下水道の安定運営
成果指標
指標名\t現状値\t目標値
下水道の水洗化率\t88.7%\t92.0%
基本施策2 健やかに暮らせるまち
3.生涯にわたる健康をつくる
3-1 健康づくりの推進
成果指標
指標名\t現状値\t目標値
特定健康診査の受診率\t46.5%\t60.0%
"""


def test_codes_go_under_the_level_whose_numbers_begin_them_all_through_the_plan() -> None:
    assert outline(read(TAIKEI)) == [
        ("field", "1", "安全・安心なまち"),
        ("policy", "1-(1)", "災害に強いまちをつくる"),
        ("measure", "1-1", "消防・防災体制の充実"),
        ("measure", "1-2", "交通安全の推進"),
        ("policy", "1-(2)", "住みやすい生活環境をつくる"),
        ("measure", "2-1", "上下水道の安定運営"),
        ("field", "2", "健やかに暮らせるまち"),
        ("policy", "2-(3)", "生涯にわたる健康をつくる"),
        ("measure", "3-1", "健康づくりの推進"),
    ]


def test_a_middle_level_numbered_through_the_plan_is_neither_renumbered_nor_out_of_order() -> None:
    codes = {w.code for w in read(TAIKEI).tree.warnings}
    assert codes & {"renumbered", "out_of_order", "unknown_title"} == set()


def test_the_lines_of_a_diagram_drawn_with_box_characters_are_a_listing() -> None:
    assert dropped(read(TAIKEI), "listing") == [
        "基本施策1 ──┬── 1.災害に強いまちをつくる ──┬── 1-1 消防・防災体制の充実",
        "安全・安心なまち │                      └── 1-2 交通安全の推進",
        "└── 2.住みやすい生活環境をつくる ── 2-1 上下水道の安定運営",
        "基本施策2 ── 3.生涯にわたる健康をつくる ── 3-1 健康づくりの推進",  # runs kept once
    ]


@pytest.mark.parametrize(
    ("line", "diagram"),
    [
        ("基本施策1 ──┬── 1.災害に強いまちをつくる", True),
        ("└── 1-2.交通安全・防犯対策の推進", True),
        ("安全・安心なまち ├ 防災", True),
        ("星空観察ツアーの参加者数\t─\t12,000人", False),
        ("基本目標1 安心して暮らせるまち ━━━━━━", False),
        ("指標名 現状値 目標値", False),
    ],
)
def test_a_diagram_line_is_a_connector_that_leads_on_to_words(line: str, diagram: bool) -> None:
    assert diagram_lines([classify_text(line, 1)]) == ({0} if diagram else set())


def test_the_same_code_printed_twice_with_two_titles_is_still_refused() -> None:
    with pytest.raises(Exception, match="まだ使われていないコード"):
        read("1 まち\n1-1 防災の充実\n本文です。\n1-1 交通安全の推進\n本文です。\n")


# --- contents and frames --------------------------------------------------------------------------

MURA = """\
第6次雪代村総合計画
目      次
第2章 ともに支え合い健やかに暮らせる村 ····························· 33
   第1節 保健・医療 ···································· 33
   第2節 子育て支援 ···································· 34

Ⅲ 基本計画
第2章 ともに支え合い健やかに暮らせる村
第1節 保健・医療
目標指標
指標名\t現状値\t目標値
特定健康診査の受診率\t44.8%\t60.0%
第2節 子育て支援
目標指標
指標名\t現状値\t目標値
出生数\t19人\t22人
"""


def test_a_contents_entry_with_leaders_leaves_the_chapter_it_names_in_the_body() -> None:
    assert outline(read(MURA)) == [
        ("field", "2", "ともに支え合い健やかに暮らせる村"),
        ("measure", "2-1", "保健・医療"),
        ("measure", "2-2", "子育て支援"),
    ]


def test_contents_with_page_numbers_end_at_a_line_without_one() -> None:
    lines = [classify_text(t, n) for n, t in enumerate(MURA.splitlines(), 1) if t.strip()]
    assert sorted(contents(lines)) == [1, 2, 3, 4]


def test_a_part_titled_with_the_document_words_that_holds_the_whole_plan_is_a_frame() -> None:
    assert dropped(read(MURA), "container") == ["Ⅲ 基本計画"]


def test_a_part_titled_like_a_field_is_no_frame() -> None:
    text = MURA.replace("Ⅲ 基本計画", "Ⅲ 健やかな村").replace("第1節", "第1節").split("\n", 5)[5]
    assert ("field", "3", "健やかな村") in outline(read(text))


# --- a 主要事業 table with a number column and wrapped cells -------------------------------------

SHUYO = """\
第1節 保健・医療
施策の展開
1.健康づくりの推進
 (1)生活習慣病の予防
  ○集団健診を増やします。
 (2)こころの健康づくり
  ○身近な支え手を養成します。
2.地域医療の確保
 (1)村立診療所の運営
  ○診療所の外来を維持します。
主要事業
 番号  事業名                      事業概要                                       担当課
  1    がん検診・特定健診同日     休日を含む年4回、村民センターで特定健診とがん   保健福祉課
       実施事業                   検診を同時に行う。
  2    ゲートキーパー養成事業     民生委員や商店主を対象に、悩みの聞き方を学ぶ     保健福祉課
                                  講座を各地区で開く。
目標指標
指標名\t現状値\t目標値
特定健康診査の受診率\t44.8%\t60.0%
第2節 子育て支援
目標指標
指標名\t現状値\t目標値
出生数\t19人\t22人
"""


KA = "保健福祉課"


def _actions(reading: PlanReading) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Return every action as (code, title, its blocks as (kind, text))."""
    return [
        (n.code, n.title, [(b.kind, b.text) for s in n.sections for b in s.blocks])
        for n in walk(reading.tree.nodes)
        if n.kind == "action"
    ]


def test_a_project_table_with_a_number_column_and_wrapped_cells_gives_the_measure_its_actions() -> (
    None
):
    actions = _actions(read(SHUYO))
    assert actions[-2:] == [
        (
            "1.3.1",
            "がん検診・特定健診同日実施事業",
            [
                (
                    "row",
                    "休日を含む年4回、村民センターで特定健診とがん検診を同時に行う。\t保健福祉課",
                )
            ],
        ),
        (
            "1.3.2",
            "ゲートキーパー養成事業",
            [
                (
                    "row",
                    "民生委員や商店主を対象に、悩みの聞き方を学ぶ講座を各地区で開く。\t保健福祉課",
                )
            ],
        ),
    ]
    initiative = node(read(SHUYO), "1.3")
    assert (initiative.kind, initiative.title_known) == ("initiative", False)


def test_the_items_before_a_project_table_stay_the_items_they_explain() -> None:
    assert [a[:2] for a in _actions(read(SHUYO))[:3]] == [
        ("1.1.1", "生活習慣病の予防"),
        ("1.1.2", "こころの健康づくり"),
        ("1.2.1", "村立診療所の運営"),
    ]
    assert [b.text for s in node(read(SHUYO), "1.1.2").sections for b in s.blocks] == [
        "身近な支え手を養成します。"
    ]


@pytest.mark.parametrize(
    "row",
    [
        "  3    子育て広場運営事業         週3日、子育て支援員を置いて広場を開く。         福祉課",
        "       いつでも相談できる窓口を設けます。",
    ],
)
def test_a_full_row_or_a_description_under_the_name_is_no_wrapped_cell(row: str) -> None:
    text = SHUYO.replace("       実施事業                   検診を同時に行う。\n", row + "\n")
    titles = [a[1] for a in _actions(read(text))]
    assert "がん検診・特定健診同日" in titles
