"""The plan-document reader: the seed plan exactly, then one rule at a time on small documents."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from shisaku.domain.plandoc import PlanDocError, decode_plan_bytes, parse_plan, read_plan
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import Block, Node, PlanTree, Section, count_kinds, walk

SEED = Path(__file__).resolve().parents[2] / "shisaku" / "data" / "aomori-2019-2023.txt"


def parse(text: str) -> PlanTree:
    """Parse an inline test document."""
    return parse_plan(text, source="test.txt")


def node(tree: PlanTree, code: str) -> Node:
    """Return the node with ``code``."""
    return next(n for n in walk(tree.nodes) if n.code == code)


def section(tree: PlanTree, code: str, key: str) -> Section:
    """Return a node's section, failing if it has none."""
    found = node(tree, code).section(key)
    assert found is not None, f"{code} has no {key} section"
    return found


def texts(tree: PlanTree, code: str, key: str) -> list[tuple[str, str]]:
    """Return a section's blocks as (kind, text)."""
    return [(b.kind, b.text) for b in section(tree, code, key).blocks]


def warning_codes(tree: PlanTree) -> list[tuple[int, str]]:
    """Return the warnings as (line, code)."""
    return [(w.line, w.code) for w in tree.warnings]


POLICY = "2 ひと創り\n2-1 子ども支援\n"
MEASURE = "2 ひと創り\n2-1 子ども支援\n2-1-1 子育て支援\n"


# --- the seed document ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> PlanTree:
    """The seed plan, parsed once for the module."""
    return parse_plan(SEED.read_text(encoding="utf-8"), source=SEED.name)


def test_the_seed_has_the_exact_number_of_each_kind_of_node(seed: PlanTree) -> None:
    assert count_kinds(seed) == {
        "field": 2,
        "policy": 5,
        "measure": 15,
        "initiative": 33,
        "action": 67,
    }


def test_the_seed_reads_field_2_once_and_field_3_with_an_unknown_title(seed: PlanTree) -> None:
    assert [(n.code, n.title, n.title_known) for n in seed.nodes] == [
        ("2", "ひと創り", True),
        ("3", "", False),
    ]
    assert [p.code for n in seed.nodes for p in n.children] == ["2-1", "2-2", "2-3", "2-4", "3-1"]


def test_the_seed_situations_hold_17_subheadings_and_29_bullets(seed: PlanTree) -> None:
    blocks = [
        b for n in seed.nodes for p in n.children for b in section(seed, p.code, "situation").blocks
    ]
    assert sum(b.kind == "subheading" for b in blocks) == 17
    assert sum(b.kind == "bullet" for b in blocks) == 29
    assert len(blocks) == 46


def test_the_seed_diagrams_are_missing_and_indicator_tables_empty(seed: PlanTree) -> None:
    policies = [n for n in walk(seed.nodes) if n.kind == "policy"]
    measures = [n for n in walk(seed.nodes) if n.kind == "measure"]
    assert {section(seed, p.code, "diagram").state for p in policies} == {"missing"}
    for m in measures:
        table = section(seed, m.code, "indicators")
        assert (table.state, table.columns, table.blocks) == (
            "empty",
            ["指標とその説明", "基準値", "目標値"],
            [],
        )


def test_the_seed_warns_for_each_missing_diagram_empty_table_and_unknown_title(
    seed: PlanTree,
) -> None:
    codes = [w.code for w in seed.warnings]
    assert (codes.count("missing_diagram"), codes.count("empty_indicators")) == (5, 15)
    assert codes.count("unknown_title") == 1
    assert len(codes) == 21
    assert (394, "unknown_title") in warning_codes(seed)


def test_the_seed_footnote_hangs_on_the_action_that_marks_its_term(seed: PlanTree) -> None:
    holders = [n for n in walk(seed.nodes) if n.footnotes]
    assert [n.code for n in holders] == ["3-1-3.2.1"]
    assert holders[0].title == "本市に関心を持ち、継続的に関わる「関係人口」※の拡大に取り組みます。"
    note = holders[0].footnotes[0]
    assert (note.term, note.text) == (
        "関係人口",
        "移住でも観光でもなく、地域や地域の人々と多様に関わる地域外の人財のこと。",
    )


def test_the_seed_rejoins_the_sentence_a_page_break_cut(seed: PlanTree) -> None:
    direction = texts(seed, "2-2", "direction")
    assert len(direction) == 2
    assert direction[0][1].endswith(
        "全ての子どもが安心して学ぶための支援体制の充実・強化を図ります。"
    )


def test_the_seed_keeps_sentences_verbatim_with_their_typos_and_spaces(seed: PlanTree) -> None:
    actions = [n.title for n in walk(seed.nodes) if n.kind == "action"]
    assert any("一緒になたなものを創造する" in t for t in actions)
    assert "質の高い教育を実現するための学校 ICT 環境の整備など、" in node(seed, "2-2-1.1.3").title


def test_the_seed_measure_descriptions_keep_consecutive_sentences_apart(seed: PlanTree) -> None:
    assert texts(seed, "2-1-2", "description") == [
        ("paragraph", "身近な地域の中で安全・安心に過ごすことのできるよう子ども支援を行います。"),
        ("paragraph", "子どもが自ら考え、主体的に活動できる環境づくりを進めます。"),
    ]


def test_the_seed_numbers_initiatives_and_actions_in_order(seed: PlanTree) -> None:
    measure = node(seed, "2-1-1")
    assert [(i.code, i.title, len(i.children)) for i in measure.children] == [
        ("2-1-1.1", "安心して妊娠・出産・子育てできる環境づくり", 1),
        ("2-1-1.2", "妊娠・出産支援の充実", 1),
        ("2-1-1.3", "乳幼児の健康支援の充実", 3),
        ("2-1-1.4", "子育て支援の充実", 3),
    ]
    assert [a.code for a in measure.children[2].children] == ["2-1-1.3.1", "2-1-1.3.2", "2-1-1.3.3"]


# --- line rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["- ", "・", "● ", "○", "◆", "◇", "■", "①", "⑫ ", "－ "])
def test_it_reads_a_bullet_of_each_marker_without_the_marker(marker: str) -> None:
    tree = parse(POLICY + f"現状と課題\n{marker}出生数が減少しています。\n")
    assert texts(tree, "2-1", "situation") == [("bullet", "出生数が減少しています。")]


@pytest.mark.parametrize("pair", ["《》", "【】", "〈〉", "＜＞", "〔〕", "≪≫", "［］"])
def test_it_reads_a_group_marker_of_each_bracket_as_a_subheading(pair: str) -> None:
    tree = parse(POLICY + f"現状と課題\n{pair[0]}出生数の状況{pair[1]}\n- 減少しています。\n")
    assert texts(tree, "2-1", "situation") == [
        ("subheading", "出生数の状況"),
        ("bullet", "減少しています。"),
    ]


@pytest.mark.parametrize("pair", ["《》", "【】", "〈〉", "＜＞", "〔〕", "≪≫"])
def test_it_reads_a_group_marker_under_main_initiatives_as_an_initiative(pair: str) -> None:
    tree = parse(MEASURE + f"主な取組\n{pair[0]}妊娠・出産支援{pair[1]}\n・健診を行います。\n")
    initiative = node(tree, "2-1-1.1")
    assert (initiative.kind, initiative.title) == ("initiative", "妊娠・出産支援")
    assert [(a.kind, a.code, a.title) for a in initiative.children] == [
        ("action", "2-1-1.1.1", "健診を行います。")
    ]


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("現状と課題", "situation"),
        ("【現状と課題】", "situation"),
        ("（１）現状と課題", "situation"),
        ("①現状と課題", "situation"),
        ("■現状と課題", "situation"),
        ("現 状 と 課 題", "situation"),
        ("〈基本方向〉", "direction"),
        ("１．基本方向", "direction"),
        ("基　本　方　向", "direction"),
        ("施策の体系", "diagram"),
        ("目標とする指標", "indicators"),
        ("成果指標", "indicators"),
        ("【目標指標】", "indicators"),
    ],
)
def test_it_recognises_a_section_heading_in_each_dress(line: str, key: str) -> None:
    tree = parse(POLICY + f"{line}\n- 本文です。\n")
    assert texts(tree, "2-1", key) == [("bullet", "本文です。")]


@pytest.mark.parametrize(
    "line", ["主な取組", "■主な取組", "【主な取組】", "主 な 取 組", "主な取り組み"]
)
def test_it_recognises_the_main_initiatives_heading_in_each_dress(line: str) -> None:
    tree = parse(MEASURE + f"{line}\n《まとまり》\n- 取り組みます。\n")
    assert [(n.kind, n.title) for n in walk([node(tree, "2-1-1")])] == [
        ("measure", "子育て支援"),
        ("initiative", "まとまり"),
        ("action", "取り組みます。"),
    ]


@pytest.mark.parametrize(
    ("line", "code", "title"),
    [
        ("2-1-1 子育て支援", "2-1-1", "子育て支援"),
        ("２－１－１　子育て支援", "2-1-1", "子育て支援"),
        ("２‐１‐１ 子育て支援", "2-1-1", "子育て支援"),
        ("２ー１ー１ 子育て支援", "2-1-1", "子育て支援"),
        ("２―１―１ 子育て支援", "2-1-1", "子育て支援"),
        ("２−１−１ 子育て支援", "2-1-1", "子育て支援"),
        ("２ － １ － １　子 育 て 支 援", "2-1-1", "子育て支援"),
        ("2-1-1\t子育て支援", "2-1-1", "子育て支援"),
    ],
)
def test_it_reads_a_measure_code_in_any_digits_and_dashes(line: str, code: str, title: str) -> None:
    tree = parse(line + "\n")
    measure = node(tree, code)
    assert (measure.kind, measure.title, measure.title_known) == ("measure", title, True)
    assert [(n.code, n.title_known) for n in walk(tree.nodes)] == [
        ("2", False),
        ("2-1", False),
        ("2-1-1", True),
    ]


@pytest.mark.parametrize(
    ("line", "code", "title"),
    [
        ("第2章 ひと創り", "2", "ひと創り"),
        ("第２章　ひと創り", "2", "ひと創り"),
        ("第二章 ひと創り", "2", "ひと創り"),
        ("第十二章 まち創り", "12", "まち創り"),
        ("第 ２ 章 　ひ と 創 り", "2", "ひと創り"),
        ("２　ひと創り", "2", "ひと創り"),
        ("２ 　ひ と 創 り", "2", "ひと創り"),
    ],
)
def test_it_reads_a_chapter_or_field_heading_as_a_field(line: str, code: str, title: str) -> None:
    tree = parse(line + "\n")
    assert [(n.kind, n.code, n.title) for n in tree.nodes] == [("field", code, title)]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("2-1 子 ど も ・ 子 育 て 支 援 の 充 実", "子ども・子育て支援の充実"),
        ("2-1 学 校 ICT 環 境 の 整 備", "学校 ICT 環境の整備"),
        ("2-1 子ども・子育て　支援", "子ども・子育て　支援"),
        ("2-1 学校 ICT 環境の整備", "学校 ICT 環境の整備"),
    ],
)
def test_it_collapses_letter_spacing_in_titles_but_not_word_spaces(line: str, title: str) -> None:
    assert node(parse(line + "\n"), "2-1").title == title


def test_it_keeps_letter_spaced_body_text_verbatim() -> None:
    tree = parse(POLICY + "基本方向\n学 校 ICT 環境を整えます。\n")
    assert texts(tree, "2-1", "direction") == [("paragraph", "学 校 ICT 環境を整えます。")]


@pytest.mark.parametrize(
    "page", ["- 45 -", "－45－", "— 45 —", "―４５―", "45 / 120", "45", "－ 12 －"]
)
def test_it_drops_page_number_lines(page: str) -> None:
    tree = parse(POLICY + f"現状と課題\n- 一つ目です。\n{page}\n- 二つ目です。\n")
    assert texts(tree, "2-1", "situation") == [
        ("bullet", "一つ目です。"),
        ("bullet", "二つ目です。"),
    ]


@pytest.mark.parametrize("residue", ["\u00a0", " ", "\u3000", " \u00a0\u3000 ", "\f", "\u200b"])
def test_it_drops_page_break_residue_and_rejoins_across_it(residue: str) -> None:
    tree = parse(
        POLICY + f"基本方向\n全ての子どもが安心して学\n{residue}\nぶための支援を行います。\n"
    )
    assert texts(tree, "2-1", "direction") == [
        ("paragraph", "全ての子どもが安心して学ぶための支援を行います。")
    ]


@pytest.mark.parametrize(
    ("between", "joined"),
    [
        ("\n", True),
        ("\n\n- 45 -\n\n", True),
        ("\n\n- 45 -\n\n2 ひと創り\n\n", True),
        ("\n\n２　ひと創り\n\u00a0\n", True),
        ("\n- ", False),
        ("\n《状況》\n", False),
    ],
)
def test_it_rejoins_a_sentence_split_by_a_page_break(between: str, joined: bool) -> None:
    tree = parse(POLICY + f"現状と課題\n- 子どもが安心して学{between}ぶ場が不足しています。\n")
    bullets = [t for k, t in texts(tree, "2-1", "situation") if k == "bullet"]
    if joined:
        assert bullets == ["子どもが安心して学ぶ場が不足しています。"]
    else:
        assert bullets[0] == "子どもが安心して学"


def test_it_keeps_consecutive_finished_sentences_as_separate_paragraphs() -> None:
    tree = parse(POLICY + "基本方向\n一つ目を進めます。\n二つ目を図ります。\n")
    assert texts(tree, "2-1", "direction") == [
        ("paragraph", "一つ目を進めます。"),
        ("paragraph", "二つ目を図ります。"),
    ]


def test_it_rejoins_an_action_cut_by_a_page_break() -> None:
    tree = parse(MEASURE + "主な取組\n《支援》\n- 相談に応じると\n\n- 46 -\n\nともに支援します。\n")
    assert node(tree, "2-1-1.1.1").title == "相談に応じるとともに支援します。"


def test_it_treats_a_repeated_field_heading_as_a_page_header() -> None:
    tree = parse("第2章 ひと創り\n2-1 子ども\n2 ひと創り\n2-2 教育\n２　ひ と 創 り\n2-3 文化\n")
    assert count_kinds(tree)["field"] == 1
    assert [p.code for p in tree.nodes[0].children] == ["2-1", "2-2", "2-3"]
    assert tree.warnings == []


def test_it_creates_an_unknown_field_for_a_policy_whose_field_never_appears() -> None:
    tree = parse(POLICY + "3-1 連携の推進\n")
    field = node(tree, "3")
    assert (field.kind, field.title, field.title_known) == ("field", "", False)
    assert [c.code for c in field.children] == ["3-1"]
    assert warning_codes(tree) == [(3, "unknown_title")]
    assert "3" in tree.warnings[0].message


def test_it_creates_an_unknown_policy_for_a_measure_whose_policy_is_missing() -> None:
    tree = parse(POLICY + "2-2-1 教育環境\n")
    assert [(n.code, n.kind, n.title_known) for n in walk(tree.nodes)] == [
        ("2", "field", True),
        ("2-1", "policy", True),
        ("2-2", "policy", False),
        ("2-2-1", "measure", True),
    ]
    assert warning_codes(tree) == [(3, "unknown_title")]


def test_it_fills_an_unknown_title_when_the_heading_comes_later() -> None:
    tree = parse("3-1 連携の推進\n3 つながり創り\n3-2 交流\n")
    assert (node(tree, "3").title, node(tree, "3").title_known) == ("つながり創り", True)
    assert tree.warnings == []


def test_it_places_an_out_of_order_measure_under_its_coded_policy_with_a_warning() -> None:
    tree = parse(POLICY + "2-2 教育\n2-1-1 子育て\n")
    assert [c.code for c in node(tree, "2-1").children] == ["2-1-1"]
    assert warning_codes(tree) == [(4, "out_of_order")]


def test_it_puts_untitled_actions_in_one_initiative_with_an_unknown_title() -> None:
    tree = parse(MEASURE + "主な取組\n- 一つ目に取り組みます。\n- 二つ目に取り組みます。\n")
    initiative = node(tree, "2-1-1.1")
    assert (initiative.title, initiative.title_known, len(initiative.children)) == ("", False, 2)
    assert warning_codes(tree) == [(5, "unknown_title")]


def test_it_reads_the_measure_description_before_main_initiatives() -> None:
    tree = parse(MEASURE + "支援を行います。\n主な取組\n《支援》\n- 取り組みます。\n")
    assert texts(tree, "2-1-1", "description") == [("paragraph", "支援を行います。")]


def test_it_reads_a_policy_description_before_its_situation() -> None:
    tree = parse(POLICY + "この政策の概要です。\n現状と課題\n- 課題です。\n")
    assert [s.key for s in node(tree, "2-1").sections] == ["description", "situation"]


def test_it_marks_an_empty_diagram_missing_and_keeps_a_diagram_text_present() -> None:
    empty = parse(POLICY + "施策の体系\n\n\n")
    assert section(empty, "2-1", "diagram").state == "missing"
    assert warning_codes(empty) == [(3, "missing_diagram")]
    full = parse(POLICY + "施策の体系\n二つの施策で進めます。\n")
    assert texts(full, "2-1", "diagram") == [("paragraph", "二つの施策で進めます。")]
    assert (section(full, "2-1", "diagram").state, full.warnings) == ("present", [])


def test_it_reads_indicator_rows_under_their_header() -> None:
    row = "待機児童数\t0人（2018年度）\t0人（2023年度）"
    tree = parse(MEASURE + f"目標とする指標\n指標とその説明\t基準値\t目標値\n{row}\n")
    table = section(tree, "2-1-1", "indicators")
    assert (table.state, table.columns) == ("present", ["指標とその説明", "基準値", "目標値"])
    assert table.blocks == [Block(kind="row", text=row)]
    assert tree.warnings == []


def test_it_marks_an_indicator_table_without_rows_empty() -> None:
    tree = parse(MEASURE + "目標とする指標\n\n指標とその説明\t基準値\t目標値\n\n")
    assert section(tree, "2-1-1", "indicators").state == "empty"
    assert warning_codes(tree) == [(4, "empty_indicators")]


@pytest.mark.parametrize(
    ("body", "footnote"),
    [
        ("- 「関係人口」※の拡大に取り組みます。", "※関係人口：地域と多様に関わる人のこと。"),
        ("- 関係人口※1の拡大に取り組みます。", "※1 関係人口:地域と多様に関わる人のこと。"),
        ("- 関係人口※１の拡大に取り組みます。", "※１　関係人口：地域と多様に関わる人のこと。"),
    ],
)
def test_it_attaches_a_footnote_to_the_action_marking_its_term(body: str, footnote: str) -> None:
    tree = parse(MEASURE + f"主な取組\n《移住》\n{body}\n目標とする指標\n{footnote}\n")
    action = node(tree, "2-1-1.1.1")
    assert [(f.term, f.text) for f in action.footnotes] == [
        ("関係人口", "地域と多様に関わる人のこと。")
    ]
    assert not any(w.code == "unattached_footnote" for w in tree.warnings)


def test_it_attaches_a_footnote_to_the_nearest_block_marking_its_term() -> None:
    doc = POLICY + "現状と課題\n- 関係人口が話題です。\n- 関係人口※が増えました。\n- 関係人口も。\n"
    tree = parse(doc + "※関係人口：地域と関わる人。\n")
    assert [len(b.footnotes) for b in section(tree, "2-1", "situation").blocks] == [0, 1, 0]


def test_it_attaches_a_footnote_to_an_unmarked_term_when_no_mark_is_found() -> None:
    tree = parse(
        POLICY + "基本方向\n関係人口を増やします。\nほかの文です。\n※関係人口：地域と関わる人。\n"
    )
    assert [len(b.footnotes) for b in section(tree, "2-1", "direction").blocks] == [1, 0]


def test_it_attaches_an_unfound_footnote_to_the_current_node_with_a_warning() -> None:
    tree = parse(POLICY + "基本方向\n進めます。\n※交流人口：観光などで訪れる人。\n")
    assert [f.term for f in node(tree, "2-1").footnotes] == ["交流人口"]
    assert warning_codes(tree) == [(5, "unattached_footnote")]


def test_it_resumes_a_sentence_a_page_foot_footnote_interrupted() -> None:
    page_foot = "※関係人口：地域と関わる人。\n- 12 -\n"
    doc = POLICY + f"基本方向\n関係人口※を増やし、地域を\n{page_foot}元気にします。\n"
    tree = parse(doc)
    blocks = section(tree, "2-1", "direction").blocks
    assert [b.text for b in blocks] == ["関係人口※を増やし、地域を元気にします。"]
    assert blocks[0].footnotes[0].text == "地域と関わる人。"


def test_it_continues_a_footnote_wrapped_onto_the_next_line() -> None:
    tree = parse(
        POLICY + "基本方向\n関係人口※を増やします。\n※関係人口：地域と多様に\n関わる人。\n"
    )
    assert section(tree, "2-1", "direction").blocks[0].footnotes[0].text == "地域と多様に関わる人。"


def test_it_reads_text_without_a_colon_after_a_reference_mark_as_a_paragraph() -> None:
    tree = parse(POLICY + "基本方向\n※数値は2018年度のものです。\n")
    assert texts(tree, "2-1", "direction") == [("paragraph", "※数値は2018年度のものです。")]


def test_it_reads_crlf_and_a_bom() -> None:
    tree = parse("\ufeff2 ひと創り\r\n2-1 子ども\r\n現状と課題\r\n- 課題です。\r\n")
    assert texts(tree, "2-1", "situation") == [("bullet", "課題です。")]


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "line", "found", "expected"),
    [
        ("- 課題です。\n", 1, "- 課題です。", "計画の見出し"),
        ("※関係人口：人。\n", 1, "※関係人口：人。", "計画の見出し"),
        (
            MEASURE + "2-2 教育\n2-1-1 重複\n",
            5,
            "2-1-1 重複",
            "3 行目の「2-1-1 子育て支援」で使用済み",
        ),
        (POLICY + "2-1 重複\n", 3, "2-1 重複", "2 行目の「2-1 子ども支援」で使用済み"),
        (POLICY + "2 まち創り\n", 3, "2 まち創り", "「2 ひと創り」"),
    ],
)
def test_it_rejects_what_it_cannot_place_naming_line_found_and_expected(
    doc: str, line: int, found: str, expected: str
) -> None:
    with pytest.raises(PlanDocError) as caught:
        parse(doc)
    error = caught.value
    assert (error.source, error.line, error.found) == ("test.txt", line, found)
    assert expected in error.expected
    assert str(error).startswith(f"test.txt の {line} 行目: 『")
    assert f"期待したもの: {error.expected}" in str(error)


def test_it_lists_every_line_of_a_document_without_a_heading() -> None:
    with pytest.raises(PlanDocError) as caught:
        parse("本市は計画を定めます。\n\n- 課題です。\n現状と課題\n")
    assert [(p.line, p.found) for p in caught.value.problems] == [
        (1, "本市は計画を定めます。"),
        (3, "- 課題です。"),
        (4, "現状と課題"),
    ]
    assert str(caught.value).count("期待したもの") == 3


def test_it_lists_at_most_fifty_lines_and_counts_the_rest() -> None:
    kana = "あいうえおかきくけこ"
    lines = [f"本文の{kana[i // 10]}{kana[i % 10]}です。" for i in range(60)]
    with pytest.raises(PlanDocError) as caught:
        parse("\n".join(lines))
    assert len(caught.value.problems) == 60
    assert str(caught.value).count("\n") == 50
    assert str(caught.value).endswith("ほか 10 行")


def test_it_lists_every_conflicting_code_at_once() -> None:
    with pytest.raises(PlanDocError) as caught:
        parse(POLICY + "2-1 重複\n2 まち創り\n")
    assert [p.line for p in caught.value.problems] == [3, 4]


@pytest.mark.parametrize(
    ("doc", "kept"),
    [
        ("\n本市は計画を定めます。\n2 ひと創り\n", [(2, "本市は計画を定めます。")]),
        ("現状と課題\n2 ひと創り\n", [(1, "現状と課題")]),
        ("北浜市総合計画\n令和3年3月\n2 ひと創り\n", [(1, "北浜市総合計画"), (2, "令和3年3月")]),
    ],
)
def test_it_sets_aside_the_lines_before_the_first_heading(
    doc: str, kept: list[tuple[int, str]]
) -> None:
    reading = read_plan(document_from_text(doc, name="test.txt"))
    assert [(d.line, d.text) for d in reading.dropped if d.reason == "preamble"] == kept
    assert [n.title for n in reading.tree.nodes] == ["ひと創り"]


def test_it_reads_codes_four_levels_deep_below_the_measure() -> None:
    tree = parse(MEASURE + "2-1-1-1 細目\n")
    assert (node(tree, "2-1-1-1").kind, node(tree, "2-1-1-1").title) == ("initiative", "細目")


def test_it_reads_main_initiatives_under_a_field_and_a_table_row_among_them() -> None:
    tree = parse(MEASURE + "主な取組\n《支援》\n指標\t1\t2\n")
    assert texts(tree, "2-1-1", "indicators") == [("row", "指標\t1\t2")]


def test_its_error_message_shortens_a_long_line_but_keeps_it_whole_on_the_error() -> None:
    long_line = "あ" * 100 + "。"
    with pytest.raises(PlanDocError) as caught:
        parse(long_line)
    assert caught.value.found == long_line
    assert "あ" * 40 + "…』" in str(caught.value)


# --- decoding -----------------------------------------------------------------------------------

PLAN = "2 ひと創り\n2-1 子ども・子育て支援の充実\n現状と課題\n① 出生数が減少しています。\n"


# ① exists in CP932 (Windows) but not in JIS X 0208 Shift_JIS, hence the second text.
PLAN_JIS = PLAN.replace("①", "●")


@pytest.mark.parametrize(
    ("data", "plan"),
    [
        (PLAN.encode("utf-8"), PLAN),
        (codecs.BOM_UTF8 + PLAN.encode("utf-8"), PLAN),
        (codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le"), PLAN),
        (codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"), PLAN),
        (PLAN.encode("cp932"), PLAN),
        (PLAN_JIS.encode("shift_jis"), PLAN_JIS),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp932", "shift_jis"],
)
def test_it_decodes_each_accepted_encoding(data: bytes, plan: str) -> None:
    text = decode_plan_bytes(data, source="plan.txt")
    assert text == plan
    assert node(parse_plan(text), "2-1").title == "子ども・子育て支援の充実"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        PLAN.encode("utf-16-le"),
        b"\x82\xa0\x80\xff\xfd",
        b"plan\x01\x02\x03",
    ],
    ids=["png", "utf-16-without-bom", "invalid-bytes", "control-characters"],
)
def test_it_rejects_binary_or_undecodable_bytes(data: bytes) -> None:
    with pytest.raises(PlanDocError) as caught:
        decode_plan_bytes(data, source="plan.bin")
    assert (caught.value.source, caught.value.line) == ("plan.bin", 0)
    assert "Shift_JIS" in caught.value.expected
    assert str(caught.value).startswith("plan.bin: 『テキストではないバイト列")


def test_it_reads_leading_zeros_in_a_code_as_the_same_code() -> None:
    tree = parse("第2章 ひと創り\n０２－０１ 子ども\n")
    assert [(n.code, n.kind) for n in walk(tree.nodes)] == [("2", "field"), ("2-1", "policy")]
