"""Layouts of the second blind batch: codes with a full stop or a bracketed item (「1-1.」
「1-(1)」), a middle level numbered through the plan, a 施策の体系 diagram drawn with box-drawing
characters, contents with leader dots before a part head, frames titled with the document's
words, project tables with a number column and wrapped cells, numbered projects under a KPI
table, titles standing alone before their tables, and the labelled numbers of a 施策マネジメント
シート."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc import PlanReading, read_plan
from shisaku.domain.plandoc_lines import classify_text
from shisaku.domain.plandoc_listings import contents, diagram_lines
from shisaku.domain.plandoc_numbering import Numbering, code_text, read_numbering
from shisaku.domain.plandoc_profile import profile_from_dict
from shisaku.domain.plandoc_source import SourceLine, document_from_text
from shisaku.domain.plandoc_titles import merge_titles
from shisaku.domain.plandoc_vertical import join_vertical
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
