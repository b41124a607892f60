"""Layouts of real plans the reader was not tuned on: Roman codes in Latin letters, numbers glued
to their titles, codes in bulleted lists, KPI lines without a label, and project tables."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc import PlanReading, read_plan
from shisaku.domain.plandoc_kpilines import is_kpi_line
from shisaku.domain.plandoc_lines import classify_text, piped_cells
from shisaku.domain.plandoc_numbering import Numbering, number_value, read_numbering
from shisaku.domain.plandoc_projects import is_project_row, project_header, project_tables
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import Node, walk


def read(text: str) -> PlanReading:
    """Read an inline document."""
    return read_plan(document_from_text(text, name="椿丘市.txt"))


def outline(reading: PlanReading) -> list[tuple[str, str, str]]:
    """Return every node as (kind, code, title); an unknown title as 「?」."""
    return [(n.kind, n.code, n.title if n.title_known else "?") for n in walk(reading.tree.nodes)]


def node(reading: PlanReading, code: str) -> Node:
    """Return the node with ``code``."""
    return next(n for n in walk(reading.tree.nodes) if n.code == code)


# --- (a) a Roman numeral in Latin letters begins a code ---------------------------------------


@pytest.mark.parametrize(
    ("line", "style", "numbers", "title", "word"),
    [
        ("政策分野I-1 災害に備える", "政策分野Ⅰ-{}", (1, 1), "災害に備える", "政策分野"),
        ("政策分野II-1 子育て", "政策分野Ⅰ-{}", (2, 1), "子育て", "政策分野"),
        ("政策分野III-2 産業の振興", "政策分野Ⅰ-{}", (3, 2), "産業の振興", "政策分野"),
        ("政策分野IV-1 環境", "政策分野Ⅰ-{}", (4, 1), "環境", "政策分野"),
        ("政策分野Ｉ－２ 防犯", "政策分野Ⅰ-{}", (1, 2), "防犯", "政策分野"),
        ("政策分野Ⅱ-3 教育", "政策分野Ⅰ-{}", (2, 3), "教育", "政策分野"),
    ],
)
def test_a_level_word_with_a_roman_code_in_latin_letters_is_a_heading(
    line: str, style: str, numbers: tuple[int, ...], title: str, word: str
) -> None:
    assert read_numbering(line) == Numbering(style, numbers, title, word, True)


@pytest.mark.parametrize(
    ("line", "numbers"),
    [("I-1 災害に備える", (1, 1)), ("ＩＩ－１ 災害に備える", (2, 1)), ("Ⅲ-2 災害に備える", (3, 2))],
)
def test_a_roman_code_alone_is_a_code_not_a_numeral_before_its_title(
    line: str, numbers: tuple[int, ...]
) -> None:
    assert read_numbering(line) == Numbering("Ⅰ-{}", numbers, "災害に備える")


def test_a_roman_numeral_in_latin_letters_without_a_code_is_read_as_before() -> None:
    assert read_numbering("II 基本計画") == Numbering("Ⅰ", (2,), "基本計画")
    assert read_numbering("政策分野II 災害に備える") is None
    assert number_value("XII") == 12


def test_a_page_of_policy_fields_with_roman_codes_is_read() -> None:
    reading = read(
        "総合計画指標一覧\n"
        "政策分野I-1 災害に備え、命と暮らしを守るまちづくり\n"
        "指標\t現状\t目標\n"
        "自主防災組織の活動カバー率\t71.4%(令和2年度)\t85.0%(令和6年度)\n"
        "政策分野I-2 犯罪や事故のない安全な地域づくり\n"
        "指標\t現状\t目標\n"
        "刑法犯認知件数\t1,342件(令和2年)\t1,000件(令和6年)\n"
        "政策分野II-1 子どもを安心して産み育てられる環境づくり\n"
        "指標\t現状\t目標\n"
        "子育て支援センターの年間利用者数\t31,560人(令和2年度)\t42,000人(令和6年度)\n"
    )
    assert outline(reading) == [
        ("field", "1", "?"),
        ("measure", "1-1", "災害に備え、命と暮らしを守るまちづくり"),
        ("measure", "1-2", "犯罪や事故のない安全な地域づくり"),
        ("field", "2", "?"),
        ("measure", "2-1", "子どもを安心して産み育てられる環境づくり"),
    ]
    assert [i.name for i in node(reading, "1-2").indicators] == ["刑法犯認知件数"]


# --- (b) numbers glued to their titles, codes in bulleted lists, pipe tables -------------------

PILLARS = """\
4つの政策の柱と主要目標
1安心して暮らし続けられるまちを守る
- #防災
- #医療
- 1-1 災害に強いまちをつくる
- 1-2 地域医療と救急体制を確保する
指標名 | 現状 | 目標 |
---|---|---|
交通事故死者数 | 5人(2022年) | 2人(2027年) |
2地域の稼ぐ力を高める
- 2-1 農業の担い手を育て、農地を生かす
指標名 | 現状 | 目標 |
---|---|---|
農業産出額 | 86.4億円(2021年) | 92.0億円(2027年) |
"""


def test_numbers_glued_to_their_titles_that_count_1_2_are_a_level_with_coded_items() -> None:
    reading = read(PILLARS)
    assert outline(reading) == [
        ("measure", "1", "安心して暮らし続けられるまちを守る"),
        ("initiative", "1-1", "災害に強いまちをつくる"),
        ("initiative", "1-2", "地域医療と救急体制を確保する"),
        ("measure", "2", "地域の稼ぐ力を高める"),
        ("initiative", "2-1", "農業の担い手を育て、農地を生かす"),
    ]
    assert reading.profile()["headings"]["{}見出し"]["level"] == 1


def test_a_pipe_table_after_the_coded_items_is_their_pillars() -> None:
    reading = read(PILLARS)
    assert [i.name for i in node(reading, "1").indicators] == ["交通事故死者数"]
    assert [i.name for i in node(reading, "2").indicators] == ["農業産出額"]
    assert node(reading, "1-2").indicators == []


def test_a_bulleted_item_of_a_pillar_keeps_its_mark_out_of_the_heading_and_its_hashtags() -> None:
    reading = read(PILLARS)
    section = node(reading, "1").section("description")
    assert section is not None
    assert [(b.kind, b.text) for b in section.blocks] == [("bullet", "#防災"), ("bullet", "#医療")]


@pytest.mark.parametrize(
    "counted",
    [
        "1人当たりの医療費は県平均を上回っています",
        "3歳児健康診査の受診率",
        "2か所の拠点を整備します",
        "10年後のまちの姿",
    ],
)
def test_a_number_that_counts_something_is_never_a_glued_heading(counted: str) -> None:
    reading = read(f"1 安心して暮らせるまち\n{counted}\n2 活力あるまち\n")
    assert [n.title for n in walk(reading.tree.nodes)] == ["安心して暮らせるまち", "活力あるまち"]
    text = node(reading, "1").section("description")
    assert text is not None and [b.text for b in text.blocks] == [counted]


def test_a_glued_number_that_does_not_count_1_2_stays_text() -> None:
    reading = read("1 安心して暮らせるまち\n3安全な道路をつくる\n2 活力あるまち\n")
    assert [n.code for n in walk(reading.tree.nodes)] == ["1", "2"]
    text = node(reading, "1").section("description")
    assert text is not None and [b.text for b in text.blocks] == ["3安全な道路をつくる"]


def test_a_bulleted_code_that_extends_no_heading_above_it_stays_a_list_item() -> None:
    reading = read("1 安心して暮らせるまち\n- 2-1 災害に強いまちをつくる\n2 活力あるまち\n")
    assert [n.code for n in walk(reading.tree.nodes)] == ["1", "2"]
    text = node(reading, "1").section("description")
    assert text is not None
    assert [(b.kind, b.text) for b in text.blocks] == [("bullet", "2-1 災害に強いまちをつくる")]


def test_a_pipe_row_is_a_table_row_and_its_rule_is_set_aside() -> None:
    assert piped_cells("指標名 | 現状 | 目標 |") == "指標名\t現状\t目標"
    assert piped_cells("| 出生数 | 48人 | 55人 |") == "出生数\t48人\t55人"
    assert piped_cells("---|---|---|") is None
    assert piped_cells("ホーム | 市政情報") is None
    line = classify_text("交通事故死者数 | 5人(2022 年) | 2人以下(2027 年) |", 7)
    assert (line.kind, line.cells) == (
        "row",
        ("交通事故死者数", "5人(2022 年)", "2人以下(2027 年)"),
    )
    assert classify_text("指標名 | 現状 | 目標 |", 6).kind == "header"


# --- (c) indicator rows printed as lines of their own, with no label -------------------------


@pytest.mark.parametrize(
    "line",
    [
        "メロン出荷額:3億1,200万円 → 3億6,000万円",
        "新規雇用者数: ― → 40人",
        "新規就農者数：1.2人/年 ⇒ 3人/年",
        "特定健康診査の受診率：38.6%、右矢印、50.0%",
    ],
)
def test_a_name_colon_value_arrow_value_line_is_an_indicator_row(line: str) -> None:
    assert is_kpi_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "出生数は48人から55人へ → 増やすことを目指します。",
        "目標：子育てしやすいまち → 選ばれるまち",
        "詳しくは → 資料編",
        "1-1 → 1-2",
    ],
)
def test_a_sentence_or_a_line_without_a_named_figure_is_no_indicator_row(line: str) -> None:
    assert not is_kpi_line(line)


BLOG = """\
1.地域の産業を伸ばし、安心して働ける場をつくる
メロン出荷額:3億1,200万円 → 3億6,000万円
新規雇用者数: ― → 40人
(1)農業の担い手と販路づくり
① 新規就農者数:1.2人/年 → 3人/年
② 学校給食での町内産食材の使用率:28%/年 → 35%/年
2.町の魅力を伝え、人を呼び込む
転入者数:612人 → 700人
(1)移住・二地域居住の受け皿づくり
① お試し暮らし住宅の利用日数:840日/年 → 1,200日/年
個人的には、この目標はもう少し踏み込んでもよいと思っています。
"""


def test_bare_kpi_lines_are_the_indicators_of_the_node_they_stand_under() -> None:
    reading = read(BLOG)
    rows = {n.code: [i.name for i in n.indicators] for n in walk(reading.tree.nodes)}
    assert rows == {
        "1": ["メロン出荷額", "新規雇用者数"],
        "1-1": ["新規就農者数", "学校給食での町内産食材の使用率"],
        "2": ["転入者数"],
        "2-1": ["お試し暮らし住宅の利用日数"],
    }
    text = node(reading, "2-1").section("description")
    assert text is not None
    assert [b.text for b in text.blocks] == [
        "個人的には、この目標はもう少し踏み込んでもよいと思っています。"
    ]


def test_the_level_whose_headings_hold_bare_kpi_lines_is_the_measures() -> None:
    reading = read(BLOG)
    assert [(n.kind, n.code) for n in walk(reading.tree.nodes)] == [
        ("field", "1"),
        ("measure", "1-1"),
        ("field", "2"),
        ("measure", "2-1"),
    ]


# --- (d) project tables are a measure's actions, never its indicators -------------------------

PROJECTS = """\
政策1 子どもの育ちと学びを支える
実施施策1-1 妊娠・出産・子育ての切れ目ない支援
  成果指標                                   性質   現状値(R元年度)   目標値(R6年度)
  子育てに不安を感じる保護者の割合            ↓         37.2%            30.0%
  事業                                                   事業費(千円)                        担当課
                                                 R3        R4        R5        R6
  ◎創 子育て世代包括支援センター運営事業       18,400    18,400    18,900    18,900   こども家庭課
       妊娠期から子育て期までの相談を一つの窓口で受け、必要な支援につなげる。
  ●   産後ケア事業                               6,200     7,800     7,800     8,100   こども家庭課
  ◆   (仮称)西部学びの多様化教室整備事業            -    85,000    32,000         -   教育支援課
       不登校の児童生徒が通える教室を
       旧西部公民館に整備する。
実施施策1-2 一人ひとりに応じた学びの充実
"""


def _actions(reading: PlanReading) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Return every action as (code, title, its blocks as (kind, text))."""
    return [
        (n.code, n.title, [(b.kind, b.text) for s in n.sections for b in s.blocks])
        for n in walk(reading.tree.nodes)
        if n.kind == "action"
    ]


def test_a_project_table_gives_the_measure_its_actions_with_their_cells_as_text() -> None:
    reading = read(PROJECTS)
    assert _actions(reading) == [
        (
            "1-1.1.1",
            "子育て世代包括支援センター運営事業",
            [
                ("row", "18,400\t18,400\t18,900\t18,900\tこども家庭課"),
                (
                    "paragraph",
                    "妊娠期から子育て期までの相談を一つの窓口で受け、必要な支援につなげる。",
                ),
            ],
        ),
        ("1-1.1.2", "産後ケア事業", [("row", "6,200\t7,800\t7,800\t8,100\tこども家庭課")]),
        (
            "1-1.1.3",
            "(仮称)西部学びの多様化教室整備事業",
            [
                ("row", "-\t85,000\t32,000\t-\t教育支援課"),
                ("paragraph", "不登校の児童生徒が通える教室を旧西部公民館に整備する。"),
            ],
        ),
    ]
    initiative = node(reading, "1-1.1")
    assert (initiative.kind, initiative.title_known) == ("initiative", False)


def test_a_project_table_is_no_indicator_table() -> None:
    reading = read(PROJECTS)
    assert [i.name for i in node(reading, "1-1").indicators] == ["子育てに不安を感じる保護者の割合"]
    assert node(reading, "1-2").indicators == []


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        ("事業 事業費(千円) 担当課", ("事業", "事業費(千円)", "担当課")),
        ("事業名\t事業概要", ("事業名", "事業概要")),
        ("主な事業  事業費  事業概要", ("主な事業", "事業費", "事業概要")),
        ("事業名 事業費 (千円)", ("事業名", "事業費(千円)")),
    ],
)
def test_a_header_naming_projects_and_their_budget_or_summary_heads_a_project_table(
    header: str, columns: tuple[str, ...]
) -> None:
    assert project_header(classify_text(header, 1)) == columns


@pytest.mark.parametrize(
    "header",
    [
        "指標名 現状値 目標値",
        "事業 目標値 担当課",
        "事業種別 区分 記号",
        "事業 担当課",
        "事業費 事業名",
    ],
)
def test_a_header_of_indicators_or_of_a_legend_is_no_project_table(header: str) -> None:
    assert project_header(classify_text(header, 1)) is None


def test_rows_of_a_project_table_keep_their_marks_and_tags_out_of_the_title() -> None:
    lines = project_tables(
        [
            classify_text("事業名 事業費(千円) 担当課", 1),
            classify_text("R3 R4 R5", 2),
            classify_text("●創 空き店舗活用促進事業 8,000 8,000 8,000 商工振興課", 3),
            classify_text("【新規】子ども食堂支援事業 1,200 1,200 - 福祉課", 4),
            classify_text("中小企業設備投資促進事業 30,000 30,000 30,000 商工振興課", 5),
            classify_text("事業の一覧は毎年見直します", 6),
        ]
    )
    assert [(line.kind, line.text, line.cells) for line in lines] == [
        ("section", "事業名", ("事業名", "事業費(千円)", "担当課", "R3", "R4", "R5")),
        ("bullet", "空き店舗活用促進事業", ("8,000", "8,000", "8,000", "商工振興課")),
        ("bullet", "【新規】子ども食堂支援事業", ("1,200", "1,200", "-", "福祉課")),
        ("bullet", "中小企業設備投資促進事業", ("30,000", "30,000", "30,000", "商工振興課")),
        ("text", "事業の一覧は毎年見直します", ()),
    ]
    assert [is_project_row(line) for line in lines] == [False, True, True, True, False]


def test_a_line_that_opens_every_page_it_is_on_is_a_running_head() -> None:
    reading = read(
        "実施計画\n- 11 -\n萌木市総合計画 前期実施計画\n政策1 子どもの育ちを支える\n"
        "子育てを支えます。\n- 12 -\n萌木市総合計画 前期実施計画\n政策2 にぎわいを生み出す\n"
    )
    heads = [d.line for d in reading.dropped if d.reason == "running_head"]
    assert heads == [3, 7]
    text = node(reading, "1").section("description")
    assert text is not None and [b.text for b in text.blocks] == ["子育てを支えます。"]


def test_a_project_table_in_cells_is_read_like_one_aligned_with_spaces() -> None:
    reading = read(
        "実施施策2-1 地域産業の振興と創業の支援\n"
        "成果指標\t現状値(R元年度)\t目標値(R6年度)\n"
        "市内での創業件数(年間)\t28件\t40件\n"
        "事業名\t事業費(千円)\t担当課\n"
        "◎創 創業支援事業\t5,400\t商工振興課\n"
        "◇ 駅前広場再整備事業\t120,000\t市街地整備課\n"
        "実施施策2-2 まちなかのにぎわいづくり\n"
    )
    assert _actions(reading) == [
        ("2-1.1.1", "創業支援事業", [("row", "5,400\t商工振興課")]),
        ("2-1.1.2", "駅前広場再整備事業", [("row", "120,000\t市街地整備課")]),
    ]
    assert [i.name for i in node(reading, "2-1").indicators] == ["市内での創業件数(年間)"]
