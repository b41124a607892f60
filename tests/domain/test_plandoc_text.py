"""Text repairs of the plan reader: what a PDF copy broke is undone, what an author wrote stays."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc_text import (
    collapse_title,
    fold_radicals,
    match_key,
    strip_invisible,
    undouble,
    unrepeat,
)

# --- overprinted bold -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "repaired"),
    [
        ("総総合合計計画画", "総合計画"),
        ("総総総合合合計計計画画画", "総合計画"),
        ("総総総総合合合合計計計計画画画画", "総合計画"),
        ("基基本本目目標標１１", "基本目標１"),
        ("子子育育てて  支支援援", "子育て  支援"),
    ],
)
def test_it_undoes_overprinting_when_every_character_repeats_alike(
    line: str, repaired: str
) -> None:
    assert undouble(line) == repaired


@pytest.mark.parametrize(
    "line",
    [
        "総総総総合合合合",  # two runs only: too little to tell
        "総総総総総合合合合合計計計計計",  # five times: no printer does that
        "総総合合合計計",  # runs of different lengths
        "おおむね順調です",
        "すくすく育つまち",
        "地域福祉の充実",
    ],
)
def test_it_leaves_a_line_alone_unless_every_run_has_the_same_length(line: str) -> None:
    assert undouble(line) == line


# --- runs printed several times -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "repaired"),
    [
        (
            "【基本目標１】 【基本目標１】 子育て世代に 子育て世代に選ばれるまち 選ばれるまち",
            "【基本目標１】 子育て世代に選ばれるまち",
        ),
        ("施策１施策１施策１", "施策１"),
        ("施策１施策１施策１ 地域医療の充実", "施策１ 地域医療の充実"),
        ("地域医療の充実 地域医療の充実", "地域医療の充実"),
    ],
)
def test_it_keeps_once_a_run_printed_several_times(line: str, repaired: str) -> None:
    assert unrepeat(line) == repaired


@pytest.mark.parametrize(
    "line",
    [
        "子育て 支援の充実",
        "基本目標１ 子育て世代に選ばれるまち",
        "指標名\t基準値\t目標値",
        "実施 拡充 拡充 拡充",  # a schedule's years alike
        "工事 工事 完了",
    ],
)
def test_it_returns_a_line_without_repeated_runs_unchanged(line: str) -> None:
    assert unrepeat(line) == line


@pytest.mark.parametrize(
    "line", ["すくすく のびのび 育つまち", "いきいき 笑顔あふれるまち", "わくわく 体験"]
)
def test_it_keeps_a_doubled_word_of_japanese_whole(line: str) -> None:
    assert unrepeat(line) == line


@pytest.mark.parametrize("line", ["自治会加入率\t50.0%\t50.0%", "自治会加入率 50.0% 50.0%"])
def test_it_keeps_two_equal_values_of_a_table_row(line: str) -> None:
    assert unrepeat(line) == line


# --- letter-spaced titles -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "collapsed"),
    [
        ("子 ど も を 育 む", "子どもを育む"),
        ("青 森 市 の 未 来", "青森市の未来"),
        ("  地 域 福 祉  ", "地域福祉"),
        ("子育て 支援の 充実", "子育て 支援の 充実"),
        ("安全 安心 な まち", "安全 安心 な まち"),
        ("ア イ", "ア イ"),
        ("  地域福祉の充実  ", "地域福祉の充実"),
    ],
)
def test_it_removes_letter_spacing_only_where_most_words_are_one_letter(
    title: str, collapsed: str
) -> None:
    assert collapse_title(title) == collapsed


def test_it_removes_letter_spacing_between_latin_letters_of_a_heading() -> None:
    assert collapse_title("I C T の 活 用") == "ICTの活用"


# --- characters no author typed -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("\u2ed8森市", "青森市"),  # CJK Radicals Supplement ⻘
        ("\u2ed1寿社会", "長寿社会"),  # ⻑
        ("\u2eab標", "目標"),  # ⺫ for 目
        ("\u2f47本", "日本"),  # Kangxi radical ⽇
        ("\u2f8f政", "行政"),  # Kangxi radical ⾏
        ("地域福祉の充実", "地域福祉の充実"),
        ("\u2e8c", "\u2e8c"),  # a radical that stands for no kanji on its own
    ],
)
def test_it_maps_radical_characters_to_the_kanji_they_stand_for(text: str, folded: str) -> None:
    assert fold_radicals(text) == folded


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("\ufeff計画", "計画"),
        ("子\u200b育て", "子育て"),
        ("支\u00ad援", "支援"),
        ("地\u2060域\u200c福\u200d祉", "地域福祉"),
        ("基本目標\u00a01", "基本目標\u00a01"),  # a no-break space is a space, not invisible
        ("子育て 支援", "子育て 支援"),
    ],
)
def test_it_strips_only_invisible_characters(text: str, stripped: str) -> None:
    assert strip_invisible(text) == stripped


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("２－１　子ども", "2-1子ども"),
        ("（１）基本方向", "(1)基本方向"),
        ("現 状 と 課 題", "現状と課題"),
        ("【成果指標】", "【成果指標】"),
        ("ＫＰＩ", "KPI"),
        ("Ⅱ", "II"),
        ("①", "1"),
    ],
)
def test_it_gives_a_matching_form_in_nfkc_without_spaces(text: str, key: str) -> None:
    assert match_key(text) == key
