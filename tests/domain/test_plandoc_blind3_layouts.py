"""Layouts of the third blind batch: parts numbered 第N with no counter, sentences listed under
a direction's items, headings listed with their aims in a 施策の体系, unnumbered direction
titles, 計画事業 with their 年次計画, ■ labels over role lines, levels told apart by marks, an
indicator sidebar printed before its page's heading, and a table whose leading columns hold
the tree."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc import PlanReading, read_plan
from shisaku.domain.plandoc_directions import ITEM_STYLE, item_titles, word_labels
from shisaku.domain.plandoc_lines import Line, classify_text
from shisaku.domain.plandoc_marks import mark_styles, marked_labels
from shisaku.domain.plandoc_numbering import Numbering, read_numbering
from shisaku.domain.plandoc_pagefirst import page_starts, tables_to_their_page
from shisaku.domain.plandoc_source import document_from_text, lines_from_text
from shisaku.domain.plandoc_split import split_aim
from shisaku.domain.plandoc_treetable import join_quoted, tree_tables
from shisaku.domain.plantree import Node, walk


def read(text: str) -> PlanReading:
    """Read an inline document."""
    return read_plan(document_from_text(text, name="水無瀬県.txt"))


def outline(reading: PlanReading) -> list[tuple[str, str, str]]:
    """Return every node as (kind, code, title); an unknown title as 「?」."""
    return [(n.kind, n.code, n.title if n.title_known else "?") for n in walk(reading.tree.nodes)]


def node(reading: PlanReading, code: str) -> Node:
    """Return the node with ``code``."""
    return next(n for n in walk(reading.tree.nodes) if n.code == code)


def texts(n: Node) -> list[str]:
    """Return the text of every block of a node's sections."""
    return [b.text for s in n.sections for b in s.blocks]


# --- parts numbered 第N, sentences under a direction's items ----------------------------------


@pytest.mark.parametrize(
    ("line", "numbering"),
    [
        (
            "第１　子どもを生み育てやすいまちをつくる",
            Numbering("第{}", (1,), "子どもを生み育てやすいまちをつくる"),
        ),
        ("第2 誰もが活躍できるまち", Numbering("第{}", (2,), "誰もが活躍できるまち")),
        ("第一　総則", Numbering("第{}", (1,), "総則")),
    ],
)
def test_a_part_numbered_dai_n_without_a_counter_is_a_numbering(
    line: str, numbering: Numbering
) -> None:
    assert read_numbering(line) == numbering


@pytest.mark.parametrize("line", ["第２期実施計画", "第2次 計画", "第3章の内容"])
def test_an_ordinal_glued_to_its_word_is_no_counterless_part(line: str) -> None:
    found = read_numbering(line)
    assert found is None or found.style != "第{}"


PROSE = """水無瀬県実施計画
第２章　政策の展開
第１　子どもを生み育てやすい水無瀬をつくる
１　結婚・出産の希望をかなえる
【現状と課題】
　本県の出生数は減っています。
【取組の方向】
（１）出会いと結婚の後押し
　・県の結婚支援センターの相談員を増やします。
　・新婚世帯の住まいを支援します。
（２）妊娠・出産の安心の確保
　・不妊治療の助成を続けます。
２　子育てと仕事の両立を支える
【取組の方向】
（１）保育の受け皿の確保
　・保育所の新設を支援します。
第２　誰もが健康で長く活躍できる水無瀬をつくる
１　健康寿命を延ばす
【取組の方向】
（１）生活習慣病の予防
　・健診の機会を増やします。
"""


def test_parts_numbered_dai_n_are_the_top_level_under_a_chapter_of_document_words() -> None:
    assert outline(read(PROSE)) == [
        ("field", "1", "子どもを生み育てやすい水無瀬をつくる"),
        ("measure", "1-1", "結婚・出産の希望をかなえる"),
        ("initiative", "1-1.1", "出会いと結婚の後押し"),
        ("initiative", "1-1.2", "妊娠・出産の安心の確保"),
        ("measure", "1-2", "子育てと仕事の両立を支える"),
        ("initiative", "1-2.1", "保育の受け皿の確保"),
        ("field", "2", "誰もが健康で長く活躍できる水無瀬をつくる"),
        ("measure", "2-1", "健康寿命を延ばす"),
        ("initiative", "2-1.1", "生活習慣病の予防"),
    ]


def test_sentences_listed_under_a_directions_item_are_its_text() -> None:
    reading = read(PROSE)
    assert texts(node(reading, "1-1.1")) == [
        "県の結婚支援センターの相談員を増やします。",
        "新婚世帯の住まいを支援します。",
    ]


def test_sentences_listed_under_an_item_of_a_main_actions_label_are_actions() -> None:
    text = PROSE.replace("【取組の方向】", "【主な取組】")
    reading = read(text)
    assert [n.title for n in node(reading, "1-1.1").children] == [
        "県の結婚支援センターの相談員を増やします。",
        "新婚世帯の住まいを支援します。",
    ]


# --- levels told apart by marks, marked labels ---------------------------------------------------

MARKED = """七瀬町前期基本計画
基本目標１　健やかに安心して暮らせるまち
◆健康づくりの推進
　《現状と課題》
　　特定健康診査の受診率は県の平均を下回っています。
　《施策の方向》
　◇生活習慣病の予防と早期発見
　　○特定健診とがん検診の同日実施
　　○健診結果に応じた保健指導の徹底
　◇こころの健康づくり
　　○悩みに気づく支え手の養成
◆コラム◆　名水と町民の暮らし
　町内には三十か所を超える湧き水があります。
◆地域医療の確保
　《施策の方向》
　◇かかりつけ医を持つことの推進
　　○かかりつけ医の案内冊子の配布
"""


def test_marks_in_a_consistent_nesting_are_heading_styles() -> None:
    assert outline(read(MARKED)) == [
        ("field", "1", "健やかに安心して暮らせるまち"),
        ("measure", "1-1", "健康づくりの推進"),
        ("initiative", "1-1.1", "生活習慣病の予防と早期発見"),
        ("action", "1-1.1.1", "特定健診とがん検診の同日実施"),
        ("action", "1-1.1.2", "健診結果に応じた保健指導の徹底"),
        ("initiative", "1-1.2", "こころの健康づくり"),
        ("action", "1-1.2.1", "悩みに気づく支え手の養成"),
        ("measure", "1-2", "地域医療の確保"),
        ("initiative", "1-2.1", "かかりつけ医を持つことの推進"),
        ("action", "1-2.1.1", "かかりつけ医の案内冊子の配布"),
    ]


def test_a_box_label_closed_by_its_mark_is_a_label_of_the_text_under_it() -> None:
    reading = read(MARKED)
    assert texts(node(reading, "1-1.2.1")) == [
        "コラム 名水と町民の暮らし",
        "町内には三十か所を超える湧き水があります。",
    ]
    assert [r.role for r in reading.lines if "コラム" in r.text] == ["label"]


def lines_of(text: str) -> list[Line]:
    """Return the classified lines of a text."""
    return [classify_text(raw, n) for n, raw in enumerate(text.splitlines(), start=1)]


@pytest.mark.parametrize(
    ("text", "styles"),
    [
        ("◆子育て支援\n◇保育の充実\n○保育所の整備\n◆健康づくり\n◇健診の充実\n", {"◆", "◇"}),
        ("◆子育て支援\n◆健康づくり\n", set()),  # one mark: bullets
        ("◆子育て支援\n◇保育の充実\n○保育所の整備\n◆健康づくり\n○健診の実施\n◇健診\n", set()),
        ("◆子育て支援\n◇保育所を整備します。\n◆健康づくり\n◇健診の充実\n", set()),
    ],
)
def test_marks_are_styles_only_nested_one_step_at_a_time_with_titles(
    text: str, styles: set[str]
) -> None:
    assert mark_styles(lines_of(text)) == styles


def test_a_marked_title_printed_alike_over_text_on_every_page_is_a_label() -> None:
    text = "■役割分担\n町民 地域の子どもを見守ります。\n■役割分担\n町民 特産品を勧めます。\n"
    assert [line.kind for line in marked_labels(lines_of(text))] == [
        "label",
        "text",
        "label",
        "text",
    ]


# --- a table whose leading columns hold the tree --------------------------------------------------

TREE_TABLE = (
    "若葉台市 施策体系・成果指標一覧\n"
    "基本目標\t施策\t施策の方向\t成果指標\t単位\t策定時\t目標値\t担当課\n"
    "基本目標\t施策\t施策の方向\t成果指標\t単位\t（令和3年度）\t（令和9年度）\t担当課\n"
    "1 安全なまち\t1-1 防災体制の充実\t(1) 地域防災力\t自主防災組織の結成率\t%\t78.4\t90.0\t防災\n"
    "1 安全なまち\t1-1 防災体制の充実\t(1) 地域防災力\t防災訓練の参加者数\t人\t3,210\t4,500\t防災\n"
    "1 安全なまち\t1-1 防災体制の充実\t(2) 避難所の機能強化\t―\t―\t―\t―\t福祉総務課\n"
    '2 子どもが育つまち\t2-1 子育て支援の充実\t(1) 相談支援体制の充実\t"相談窓口を\n'
    '知っている保護者の割合"\t%\t61.3\t80.0\t"子育て支援課\n'
    '保健センター"\n'
)


def test_a_table_whose_leading_columns_hold_numbered_headings_is_the_tree() -> None:
    assert outline(read(TREE_TABLE)) == [
        ("field", "1", "安全なまち"),
        ("policy", "1-1", "防災体制の充実"),
        ("measure", "1-1-1", "地域防災力"),
        ("measure", "1-1-2", "避難所の機能強化"),
        ("field", "2", "子どもが育つまち"),
        ("policy", "2-1", "子育て支援の充実"),
        ("measure", "2-1-1", "相談支援体制の充実"),
    ]


def test_each_row_of_a_tree_table_is_an_indicator_of_its_deepest_heading() -> None:
    reading = read(TREE_TABLE)
    rows = [
        (i.name, i.unit, i.baseline.raw if i.baseline else "", i.target.raw if i.target else "")
        for n in walk(reading.tree.nodes)
        for i in n.indicators
    ]
    assert rows == [
        ("自主防災組織の結成率", "%", "78.4", "90.0"),
        ("防災訓練の参加者数", "人", "3,210", "4,500"),
        ("相談窓口を知っている保護者の割合", "%", "61.3", "80.0"),
    ]
    assert [i.name for i in node(reading, "1-1-1").indicators][:1] == ["自主防災組織の結成率"]
    assert node(reading, "1-1-2").indicators == []
    assert node(reading, "1-1-2").sections == []


def test_a_cell_quoted_over_two_lines_is_joined_again() -> None:
    lines = lines_from_text('a\t"相談窓口を\n知っている割合"\t%\t"子育て支援課\n保健センター"\nb')
    assert [line.text for line in join_quoted(lines)] == [
        "a\t相談窓口を知っている割合\t%\t子育て支援課保健センター",
        "b",
    ]


@pytest.mark.parametrize(
    "rows",
    [
        # a code column whose values never repeat: an ordinary table with its codes in front
        ["1-1 防災体制の充実\t結成率\t78.4\t90.0", "1-2 交通安全の推進\t事故件数\t214\t180"],
        # the first column is no numbered heading
        ["防災\t結成率\t78.4\t90.0", "防災\t事故件数\t214\t180"],
    ],
)
def test_a_table_without_a_repeated_column_of_headings_stays_a_table(rows: list[str]) -> None:
    lines = lines_of("\n".join(["施策\t成果指標\t現状値\t目標値", *rows]))
    assert tree_tables(lines) == lines


# --- items only their place shows: a level word over them, unnumbered direction titles ----------

SIDEBAR = """白鳥台市前期基本計画
成果指標
指標名	現状値（R3年度）	目標値（R9年度）
保育所等の待機児童数	14人	0人
政策2 子ども・子育て
施策2-1 安心して子どもを産み育てられる環境づくり
現状認識
共働き世帯の増加により保育の申込みが増えています。
単位施策
①保育の受け皿の確保
小規模保育事業所の開設を支援します。
②子育て相談の充実
地域子育て支援拠点に相談員を置きます。
成果指標
指標名	現状値（R3年度）	目標値（R9年度）
放課後児童クラブの待機児童数	38人	0人
政策2 子ども・子育て
施策2-2 子どもが安心して過ごせる居場所づくり
現状認識
放課後児童クラブの利用希望は増え続けています。
単位施策
①放課後児童クラブの拡充
学校の余裕教室を活用します。
"""


def test_a_level_word_alone_among_sections_labels_the_numbered_items_under_it() -> None:
    reading = read(SIDEBAR)
    assert [r.role for r in reading.lines if r.text == "単位施策"] == ["section", "section"]
    assert outline(reading) == [
        ("field", "2", "子ども・子育て"),
        ("measure", "2-1", "安心して子どもを産み育てられる環境づくり"),
        ("initiative", "2-1.1", "保育の受け皿の確保"),
        ("initiative", "2-1.2", "子育て相談の充実"),
        ("measure", "2-2", "子どもが安心して過ごせる居場所づくり"),
        ("initiative", "2-2.1", "放課後児童クラブの拡充"),
    ]


def test_a_level_word_beside_a_heading_is_no_label() -> None:
    lines = lines_of("1 健やかなまち\n基本目標\n(1) 健康づくりの推進\n健診を増やします。")
    assert [line.kind for line in word_labels(lines)] == ["heading", "text", "heading", "text"]


DIRECTIONS = """東雲川区実施計画
施策1 妊娠・出産期の支援
【施策の方向性】
妊娠期の相談体制の充実
 保健師が全ての妊婦と面接し、支援プランを作ります。
産後の心と体のケアの充実
 産後ケアを区内の施設に広げます。
【成果指標】
指標名 現状値 目標値
施策2 地域ぐるみの子育て支援
【施策の方向性】
親子が気軽に集える場の拡充
 子育て広場を増やします。
"""


def test_unnumbered_titles_alternating_with_their_text_in_a_directions_section_are_items() -> None:
    lines = item_titles(lines_of(DIRECTIONS))
    assert [(line.number, line.text) for line in lines if line.style == ITEM_STYLE] == [
        (4, "妊娠期の相談体制の充実"),
        (6, "産後の心と体のケアの充実"),
    ]


def test_one_unnumbered_title_in_a_directions_section_stays_text() -> None:
    lines = item_titles(lines_of(DIRECTIONS))
    assert lines[11].kind == "text" and lines[11].raw == "親子が気軽に集える場の拡充"


# --- headings listed with their aims in a 施策の体系 ------------------------------------------


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        (
            "政策6 子ども・家庭支援  すべての子どもが健やかに育つようにします",
            ["政策6 子ども・家庭支援", "すべての子どもが健やかに育つようにします"],
        ),
        (
            "施策1 妊娠・出産期の支援 妊娠から産後まで、母と子の健康を支えます",
            ["施策1 妊娠・出産期の支援", "妊娠から産後まで、母と子の健康を支えます"],
        ),
        # a quoted tag before the title, a title alone, a numbered sentence: one line
        ("基本目標2 “しごと” 地域の産業を育て、働く場をつくります", None),
        ("施策1 妊娠・出産期の支援", None),
        ("1 窓口を設けます。", None),
        ("(1) 子育て 支援します", None),
    ],
)
def test_a_headings_aim_after_its_title_on_the_line_is_its_text(
    line: str, pieces: list[str] | None
) -> None:
    assert split_aim(line) == (pieces or [line])


LISTED = """東雲川区実施計画
政策6 子ども・家庭支援
【施策の体系】
政策6 子ども・家庭支援  すべての子どもが健やかに育つようにします
施策1 妊娠・出産期の支援  妊娠から産後まで、母と子の健康を支えます
計画事業 ・すくすく面接事業 ・産後ケアの拡充
施策2 地域ぐるみの子育て支援  子育て家庭が孤立しないようにします
施策1 妊娠・出産期の支援 妊娠から産後まで、母と子の健康を支えます
【施策の方向性】
妊娠期の相談体制の充実
 保健師が全ての妊婦と面接し、支援プランを作ります。
産後の心と体のケアの充実
 産後ケアを区内の施設に広げます。
【成果指標】
指標名 現状値 目標値
施策2 地域ぐるみの子育て支援 子育て家庭が孤立しないようにします
【施策の方向性】
親子が気軽に集える場の拡充
 子育て広場を増やします。
子育てを手伝う区民の輪づくり
 提供会員を増やします。
"""


def test_headings_listed_with_their_aims_in_a_diagram_are_a_listing() -> None:
    reading = read(LISTED)
    assert outline(reading) == [
        ("field", "6", "子ども・家庭支援"),
        ("measure", "6-1", "妊娠・出産期の支援"),
        ("initiative", "6-1.1", "妊娠期の相談体制の充実"),
        ("initiative", "6-1.2", "産後の心と体のケアの充実"),
        ("measure", "6-2", "地域ぐるみの子育て支援"),
        ("initiative", "6-2.1", "親子が気軽に集える場の拡充"),
        ("initiative", "6-2.2", "子育てを手伝う区民の輪づくり"),
    ]
    assert texts(node(reading, "6-1"))[0] == "妊娠から産後まで、母と子の健康を支えます"


def test_each_aim_printed_on_its_headings_line_is_a_paragraph_of_its_own() -> None:
    assert texts(node(read(LISTED), "6")) == [
        "すべての子どもが健やかに育つようにします",
        "妊娠から産後まで、母と子の健康を支えます",
        "計画事業 ・すくすく面接事業 ・産後ケアの拡充",
        "子育て家庭が孤立しないようにします",
    ]


# --- projects named by their label, with their schedule ----------------------------------------

PROJECTS = """東雲川区実施計画
施策1 妊娠・出産期の支援
【成果指標】
指標名 現状値(2年度) 目標値(6年度)
妊娠届出時に面接を受けた妊婦の割合 96.1% 100%
79ページ
計画事業 すくすく面接事業
所管課 保健予防課
事業概要 妊娠届出時の面接を全ての妊婦に行います。
現状(2年度末) 面接実施率96.1%
年次計画 3年度 4年度 5年度 6年度 4か年計画量
面接実施率 98% 100% 100% 100% ―
計画事業 産後ケアの拡充
所管課 保健予防課
事業概要 宿泊型産後ケアの施設を増やします。
80ページ
施策2 地域ぐるみの子育て支援
計画事業 ・すくすく面接事業 ・産後ケアの拡充
"""


def test_a_project_named_by_its_label_over_its_fields_is_an_action_of_the_measure() -> None:
    reading = read(PROJECTS)
    assert outline(reading) == [
        ("field", "1", "妊娠・出産期の支援"),
        ("initiative", "1.1", "?"),
        ("action", "1.1.1", "すくすく面接事業"),
        ("action", "1.1.2", "産後ケアの拡充"),
        ("field", "2", "地域ぐるみの子育て支援"),
    ]
    assert [i.name for i in node(reading, "1").indicators] == ["妊娠届出時に面接を受けた妊婦の割合"]


def test_a_projects_fields_and_schedule_are_its_text_and_its_department() -> None:
    project = node(read(PROJECTS), "1.1.1")
    assert project.department == "保健予防課"
    assert texts(project)[:2] == [
        "事業概要 妊娠届出時の面接を全ての妊婦に行います。",
        "現状(2年度末) 面接実施率96.1%",
    ]
    assert project.indicators == []


def test_a_page_mark_of_a_text_version_is_a_page_number() -> None:
    reading = read(PROJECTS)
    assert [d.text for d in reading.dropped if d.reason == "page_number"] == [
        "79ページ",
        "80ページ",
    ]


# --- a sidebar printed before its page's heading -------------------------------------------------

PAGES = """白鳥台市前期基本計画
- 43 -
成果指標
指標名	現状値（R3年度）	目標値（R9年度）
保育所等の待機児童数	14人	0人
政策2 子ども・子育て
施策2-1 安心して子どもを産み育てられる環境づくり
現状認識
保育の申込みが増えています。
- 44 -
成果指標
指標名	現状値（R3年度）	目標値（R9年度）
放課後児童クラブの待機児童数	38人	0人
政策2 子ども・子育て
施策2-2 子どもが安心して過ごせる居場所づくり
現状認識
利用希望は増え続けています。
"""


def test_an_indicator_table_opening_a_page_belongs_to_the_heading_after_it() -> None:
    reading = read(PAGES)
    assert [(n.code, [i.name for i in n.indicators]) for n in walk(reading.tree.nodes)] == [
        ("2", []),
        ("2-1", ["保育所等の待機児童数"]),
        ("2-2", ["放課後児童クラブの待機児童数"]),
    ]


def test_a_table_running_on_over_a_page_break_stays_with_its_heading() -> None:
    page = "{}施策1 子育て\n{}\n成果指標\n施策2 教育\n"
    open_table = lines_of(page.format("成果指標\n", "指標名 現状値 目標値"))
    assert tables_to_their_page(open_table, {3}) == open_table
    closed = lines_of(page.format("成果指標\n", "子育てを支えます。"))
    assert [line.number for line in tables_to_their_page(closed, {3})] == [2, 1, 3, 5, 4]


def test_where_tables_follow_their_headings_a_table_atop_a_page_is_the_measure_befores() -> None:
    lines = lines_of("施策1 子育て\n成果指標\n子育てを支えます。\n成果指標\n施策2 教育\n")
    assert tables_to_their_page(lines, {3}) == lines


def test_a_form_feed_or_a_new_pdf_page_starts_a_page() -> None:
    lines = [
        Line(1, "text", "a", page=1),
        Line(2, "text", "b", page=1),
        Line(3, "text", "c", page=2),
        Line(4, "text", "d", page=2, original="\fd"),
    ]
    assert page_starts(lines, {1}) == {1, 2, 3}


def test_half_a_sentence_before_the_rest_is_no_title_with_an_aim() -> None:
    line = "施策1 安心して 暮らせるまちをみんなでつくります"
    assert split_aim(line) == [line]


def test_a_short_line_a_break_cut_from_its_paragraph_is_no_direction_title() -> None:
    text = DIRECTIONS.replace(
        "産後の心と体のケアの充実\n", "産後の母親を支えるため\n産後の心と体のケアの充実\n"
    )
    lines = item_titles(lines_of(text))
    assert [line.text for line in lines if line.style == ITEM_STYLE] == []  # one title left


def test_the_plan_period_given_apart_from_the_text_dates_years_printed_without_their_era() -> None:
    text = "東雲川区実施計画\n施策1 妊娠・出産期の支援\n【成果指標】\n"
    text += "指標名 現状値(2年度) 目標値(6年度)\n妊娠届出時に面接を受けた妊婦の割合 96.1% 100%\n"
    document = document_from_text(text, name="東雲川区.txt")
    undated = read_plan(document).tree.nodes[0].indicators[0]
    dated = read_plan(document, period=(2021, 2024)).tree.nodes[0].indicators[0]
    assert undated.baseline is not None and undated.baseline.period is None
    assert dated.baseline is not None and dated.baseline.period is not None
    assert dated.baseline.period.key() == "FY2020"
