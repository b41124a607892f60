"""Layouts of the second blind batch, continued: titles standing alone before their tables, the
labelled numbers and section heads of a 施策マネジメントシート, a vertical label sharing its lines
with cells, the end of a marked list, and the back matter."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_lines import classify_text
from shisaku.domain.plandoc_profile import profile_from_dict
from shisaku.domain.plandoc_source import SourceLine, document_from_text
from shisaku.domain.plandoc_titles import merge_titles
from shisaku.domain.plandoc_vertical import join_vertical
from tests.domain.test_plandoc_blind2_layouts import dropped, node, outline, read

# --- titles standing alone before their tables ----------------------------------------------------

TASSEI = """\
紅葉谷市総合計画成果指標
1 成果指標の設定について
目標値は、すべて令和7年度の数値です。
2 成果指標達成状況
子育て支援の充実
成果指標\t単位\t現状値\t目標値
放課後児童クラブの待機児童数\t人\t27\t0
健康づくりの推進
成果指標\t単位\t現状値\t目標値
特定健康診査の受診率\t%\t38.4\t50
生涯学習の推進
成果指標 |
現状値 |
目標値 |
公民館講座の延べ受講者数 |
12,600人 |
13,000人 |
"""


def test_titles_alone_before_their_tables_are_the_plan_and_the_page_sections_frame_it() -> None:
    reading = read(TASSEI)
    assert outline(reading) == [
        ("measure", "1", "子育て支援の充実"),
        ("measure", "2", "健康づくりの推進"),
        ("measure", "3", "生涯学習の推進"),
    ]
    assert dropped(reading, "container") == ["1 成果指標の設定について", "2 成果指標達成状況"]
    assert [i.name for i in node(reading, "1").indicators] == ["放課後児童クラブの待機児童数"]


def test_a_title_alone_before_the_only_table_stays_text() -> None:
    text = "1 子育て支援\n子育て支援の充実\n成果指標\t現状値\t目標値\n待機児童数\t27人\t0人\n"
    assert outline(read(text)) == [("measure", "1", "子育て支援")]


@pytest.mark.parametrize(
    "title",
    ["主要目標", "（令和5年4月1日現在）", "対象 A 2,846 2,790", '保健センター"'],
)
def test_a_label_a_note_a_row_or_a_stray_quote_before_tables_is_no_title(title: str) -> None:
    tables = "".join(
        f"{head}\n{title}\n指標名\t現状値\t目標値\n{row}\t27人\t0人\n"
        for head, row in (("1 子育て", "待機児童数"), ("2 健康", "受診者数"))
    )
    assert [t for _, _, t in outline(read(tables))] == ["子育て", "健康"]


# --- a 施策マネジメントシート: labelled numbers, a vertical label, the sheet's own sections ----

SHEET = """\
施策マネジメントシート
総
合 政策No. 2
計
画 施策No. 2 {n}
体
系
子どもを安心して産み育てられるまちづくり
施策統括課
こども家庭課
{title}
施策
1 施策の目的と指標
④ 成果指標名
2 指標の推移
指標名\t基準値\t目標値
{indicator}\t41.3%\t30.0%
3 施策の評価
利用者数は回復しつつある。
"""
SHEETS = SHEET.format(
    n=1, title="妊娠・出産・子育ての切れ目ない支援", indicator="子育てに不安を感じる保護者の割合"
) + SHEET.format(n=2, title="幼児教育・保育の充実", indicator="保育サービスに満足している割合")


def test_labelled_numbers_take_their_titles_from_the_sheet_boxes() -> None:
    assert outline(read(SHEETS)) == [
        ("field", "2", "子どもを安心して産み育てられるまちづくり"),
        ("measure", "2-1", "妊娠・出産・子育ての切れ目ない支援"),
        ("measure", "2-2", "幼児教育・保育の充実"),
    ]


def test_the_sheet_s_own_section_heads_printed_on_every_sheet_are_labels_not_nodes() -> None:
    reading = read(SHEETS)
    assert [i.name for i in node(reading, "2-2").indicators] == ["保育サービスに満足している割合"]
    blocks = [(b.kind, b.text) for s in node(reading, "2-1").sections for b in s.blocks]
    assert ("subheading", "施策の評価") in blocks
    assert ("paragraph", "利用者数は回復しつつある。") in blocks
    assert reading.profile()["headings"]["{}"] == {"kind": "label", "example": "2 指標の推移"}


def test_a_label_a_profile_gives_back_reads_the_sheet_the_same() -> None:
    reading = read(SHEETS)
    again = read_plan(
        document_from_text(SHEETS, name="楓原市.txt"),
        profile_from_dict({"headings": {"{}": "label"}}),
    )
    assert outline(again) == outline(reading)


def test_the_cells_that_share_the_lines_of_a_vertical_label_follow_it() -> None:
    lines = tuple(SourceLine(n, t) for n, t in enumerate(["総", "合 政策No. 2", "計", "画"], 1))
    assert [s.text for s in join_vertical(lines)] == ["総合計画", "政策No. 2"]


def test_a_line_of_one_character_and_words_outside_a_vertical_label_is_left_alone() -> None:
    lines = tuple(SourceLine(n, t) for n, t in enumerate(["令和", "合 政策No. 2", "本文"], 1))
    assert [s.text for s in join_vertical(lines)] == ["令和", "合 政策No. 2", "本文"]


def test_a_lone_number_takes_the_next_title_and_without_one_is_text() -> None:
    titled = read("施策2-1\n子育ての支援\n本文です。\n施策2-2\n教育の充実\n本文です。\n")
    assert [t for _, _, t in outline(titled)] == ["?", "子育ての支援", "教育の充実"]
    assert merge_titles([classify_text("第1章第1項", 1), classify_text("本文です。", 2)])[
        0
    ].kind == ("text")


# --- the end of a marked list, and the back matter ------------------------------------------------

BACK = """\
第1章 健やかに育ち学ぶまち
第1節 子育て環境づくり
成果指標
指標名\t現状値\t目標値
待機児童数\t12人\t0人
（1）妊娠期からの切れ目ない支援
主な取組
・産後ケア事業の利用枠を広げます。
成果指標は資料編の成果指標一覧に掲載しています。
第2節 学校教育
成果指標
指標名\t現状値\t目標値
校舎の改修数\t2校\t6校
（1）確かな学力の育成
主な取組
・補習教室を開きます。
資料編
1 策定の経過
令和3年5月 総合計画審議会（第1回）
"""


def test_a_paragraph_after_a_marked_list_is_text_not_an_action() -> None:
    reading = read(BACK)
    assert [t for k, _, t in outline(reading) if k == "action"] == [
        "産後ケア事業の利用枠を広げます。",
        "補習教室を開きます。",
    ]
    texts = [b.text for s in node(reading, "1-1.1").sections for b in s.blocks]
    assert texts == ["成果指標は資料編の成果指標一覧に掲載しています。"]


def test_headings_after_the_back_matter_are_no_nodes() -> None:
    reading = read(BACK)
    assert "策定の経過" not in [t for _, _, t in outline(reading)]
    assert dropped(reading, "container") == ["資料編"]
    assert dropped(reading, "framed") == ["1 策定の経過"]
