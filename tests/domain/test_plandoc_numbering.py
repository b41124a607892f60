"""The numbering in front of a heading: every form plans print, and what only looks like one."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc_numbering import Numbering, number_value, read_numbering

# --- codes and counters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "style", "numbers", "title"),
    [
        ("2-1-1 切れ目のない子育て支援", "{}-{}-{}", (2, 1, 1), "切れ目のない子育て支援"),
        ("２－１－１　切れ目のない子育て支援", "{}-{}-{}", (2, 1, 1), "切れ目のない子育て支援"),
        ("2-1 子ども・子育て支援の充実", "{}-{}", (2, 1), "子ども・子育て支援の充実"),
        ("2-1子育て支援", "{}-{}", (2, 1), "子育て支援"),
        ("1.1.1 地域医療の充実", "{}-{}-{}", (1, 1, 1), "地域医療の充実"),
        ("2ー1 子育て支援", "{}-{}", (2, 1), "子育て支援"),
        ("2・1 子育て支援", "{}-{}", (2, 1), "子育て支援"),
        ("2-1-1", "{}-{}-{}", (2, 1, 1), ""),
    ],
)
def test_it_reads_a_code_of_numbers_joined_by_any_separator(
    line: str, style: str, numbers: tuple[int, ...], title: str
) -> None:
    assert read_numbering(line) == Numbering(style, numbers, title)


def test_it_reads_a_code_of_two_dots_glued_to_its_title() -> None:
    assert read_numbering("1.1.1地域医療の充実") == Numbering(
        "{}-{}-{}", (1, 1, 1), "地域医療の充実"
    )


@pytest.mark.parametrize(
    ("line", "style", "numbers", "title", "word"),
    [
        ("第2章 ひと創り", "第{}章", (2,), "ひと創り", "章"),
        ("第１章　ひと創り", "第{}章", (1,), "ひと創り", "章"),
        ("第二節 教育の充実", "第{}節", (2,), "教育の充実", "節"),
        ("第十二節 資料", "第{}節", (12,), "資料", "節"),
        ("【第1項】 地域福祉", "【第{}項】", (1,), "地域福祉", "項"),
        ("第2部 基本計画", "第{}部", (2,), "基本計画", "部"),
        ("第1編 基本構想", "第{}編", (1,), "基本構想", "編"),
    ],
)
def test_it_reads_a_counter_with_its_number_in_digits_or_kanji(
    line: str, style: str, numbers: tuple[int, ...], title: str, word: str
) -> None:
    assert read_numbering(line) == Numbering(style, numbers, title, word, True)


def test_it_refuses_a_counter_opened_with_a_bracket_it_never_closes() -> None:
    assert read_numbering("【第1項 地域福祉") is None


# --- level words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "style", "numbers", "title", "word"),
    [
        (
            "基本目標1 子育て世代に選ばれるまち",
            "基本目標{}",
            (1,),
            "子育て世代に選ばれるまち",
            "基本目標",
        ),
        (
            "基本目標１：子育て世代に選ばれるまち",
            "基本目標{}",
            (1,),
            "子育て世代に選ばれるまち",
            "基本目標",
        ),
        ("基本目標 3 住みたいまち", "基本目標{}", (3,), "住みたいまち", "基本目標"),
        (
            "＜基本目標２＞ 安心して暮らせるまち",
            "<基本目標{}>",
            (2,),
            "安心して暮らせるまち",
            "基本目標",
        ),
        (
            "【基本目標1】子育て世代に選ばれるまち",
            "【基本目標{}】",
            (1,),
            "子育て世代に選ばれるまち",
            "基本目標",
        ),
        ("施策1-2 地域医療の充実", "施策{}-{}", (1, 2), "地域医療の充実", "施策"),
        ("政策2の1 子育て支援", "政策{}-{}", (2, 1), "子育て支援", "政策"),
        ("施策① 生活習慣病の予防", "施策①", (1,), "生活習慣病の予防", "施策"),
        (
            "重点プロジェクト2 にぎわいの創出",
            "重点プロジェクト{}",
            (2,),
            "にぎわいの創出",
            "重点プロジェクト",
        ),
        ("柱1 安全なまち", "柱{}", (1,), "安全なまち", "柱"),
    ],
)
def test_it_reads_a_number_after_a_level_word(
    line: str, style: str, numbers: tuple[int, ...], title: str, word: str
) -> None:
    assert read_numbering(line) == Numbering(style, numbers, title, word, True)


def test_it_reads_a_word_and_number_for_each_of_two_levels() -> None:
    assert read_numbering("政策1-施策2 健康づくりの推進") == Numbering(
        "政策{}-施策{}", (1, 2), "健康づくりの推進", "施策", True
    )


def test_it_reads_an_unknown_word_before_a_number_as_a_candidate_it_does_not_know() -> None:
    assert read_numbering("重点方針1 まちの魅力を高める") == Numbering(
        "重点方針{}", (1,), "まちの魅力を高める", "重点方針", False
    )


def test_it_reads_a_level_word_without_a_number_as_a_screen_reader_says_it() -> None:
    assert read_numbering("施策、生活習慣病の予防") == Numbering(
        "施策、", (), "生活習慣病の予防", "施策", True
    )


# --- list marks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "style", "number", "title"),
    [
        ("（1）妊娠期からの支援", "({})", 1, "妊娠期からの支援"),
        ("(2) 妊娠期からの支援", "({})", 2, "妊娠期からの支援"),
        ("⑴ 妊娠期からの支援", "({})", 1, "妊娠期からの支援"),
        ("⑶妊娠期からの支援", "({})", 3, "妊娠期からの支援"),
        ("(一) 総則", "({一})", 1, "総則"),
        ("① 相談窓口の充実", "①", 1, "相談窓口の充実"),
        ("⑫相談窓口の充実", "①", 12, "相談窓口の充実"),
        ("❶ 相談窓口の充実", "❶", 1, "相談窓口の充実"),
        ("❸相談窓口の充実", "❶", 3, "相談窓口の充実"),
        ("ア 見守り活動の推進", "ア", 1, "見守り活動の推進"),
        ("ウ．見守り活動の推進", "ア", 3, "見守り活動の推進"),
        ("(ア) 見守り活動の推進", "(ア)", 1, "見守り活動の推進"),
        ("（イ）見守り活動の推進", "(ア)", 2, "見守り活動の推進"),
        ("Ⅰ 総論", "Ⅰ", 1, "総論"),
        ("Ⅲ 基本目標と施策", "Ⅰ", 3, "基本目標と施策"),
        ("ⅱ 資料", "ⅰ", 2, "資料"),
        ("II 基本計画", "Ⅰ", 2, "基本計画"),
        ("IV. 資料編", "Ⅰ", 4, "資料編"),
        ("1. はじめに", "{}.", 1, "はじめに"),
        ("1．はじめに", "{}.", 1, "はじめに"),
        ("1) 計画の概要", "{})", 1, "計画の概要"),
        ("2 ひと創り", "{}", 2, "ひと創り"),
        ("10、計画の概要", "{}、", 10, "計画の概要"),
        ("一、計画策定の趣旨", "{一}、", 1, "計画策定の趣旨"),
        ("三．計画の構成", "{一}、", 3, "計画の構成"),
        ("A. 計画の目的", "A.", 1, "計画の目的"),
        ("c) 計画の目的", "A.", 3, "計画の目的"),
    ],
)
def test_it_reads_each_list_mark_with_its_place_in_its_order(
    line: str, style: str, number: int, title: str
) -> None:
    assert read_numbering(line) == Numbering(style, (number,), title)


def test_it_joins_the_letters_of_a_letter_spaced_title() -> None:
    found = read_numbering("第2章　子 ど も を 育 む ま ち")
    assert found is not None and found.title == "子どもを育むまち"


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("十二", 12), ("二十", 20), ("十", 10), ("Ⅻ", 12), ("⑫", 12), ("元", 1)],
)
def test_it_reads_the_value_of_one_number_in_any_script(text: str, value: int) -> None:
    assert number_value(text) == value


# --- what only looks like a numbering -------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "2017年は1.40と国の1.43よりも低水準",
        "令和3年度から取り組みます",
        "令和元年度の実績",
        "38.2億円",
        "2.5%の増加",
        "1.5倍に増えました",
        "第2期基本計画",
        "第2期 雲雀野町総合戦略",
        "第3次総合計画",
        "図表2-1 人口の推移",
        "図3 年齢別の人口",
        "表3 施設の一覧",
        "資料2 用語集",
        "20~44歳の女性人口",
        "20～44歳の女性人口",
        "1,820人",
        "平成23年3月11日",
        "4月1日現在",
        "3つの柱",
        "100人以上",
        "（2020年度）",
        "（仮称）",
        "一人ひとりが輝くまち",
        "十分な支援",
        "アンケート調査",
        "A市との連携",
    ],
)
def test_it_reads_no_numbering_in_a_line_that_only_begins_with_a_number(line: str) -> None:
    assert read_numbering(line) is None


def test_it_reads_no_numbering_in_an_approximate_value_grouped_with_commas() -> None:
    assert read_numbering("約2,600名の参加") is None


@pytest.mark.parametrize("line", ["雲雀野町第2次総合計画", "本町第3期総合戦略"])
def test_it_reads_no_numbering_in_an_ordinal_after_a_name(line: str) -> None:
    assert read_numbering(line) is None
