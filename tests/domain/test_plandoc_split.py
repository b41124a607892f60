"""Lines that hold a whole page (e-books, web pages pasted flat) cut into the lines they hold."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc_split import split_label, split_page_line, unglue

# An e-book's page: page number, goal, its table and its direction with bullets, on one line.
EBOOK_PAGE = (
    "17 基本目標3 住みたいまち <数値目標> 基本目標指標 基準値 目標値 転出超過数 4,386人 "
    "2,000人 【基本的方向】 ● 空き家を活かした住まいの確保を進めます。 "
    "● 移住を考える人への相談体制を整えます。"
)
# A page with numbered items, their text and a footnote.
ITEMS_PAGE = (
    "23 (1)楽しめるまちづくり 町の魅力を伝える催しを四季を通じて開きます。 "
    "商店街と連携し、歩いて楽しめる通りをつくります。 (2)出会いの場づくり "
    "若い世代が交流できる場を設けます。 ※交流拠点：若者が集まれる施設"
)


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        (
            EBOOK_PAGE,
            [
                "17",
                "基本目標3 住みたいまち",
                "<数値目標>",
                "基本目標指標 基準値 目標値",
                "転出超過数 4,386人 2,000人",
                "【基本的方向】",
                "● 空き家を活かした住まいの確保を進めます。",
                "● 移住を考える人への相談体制を整えます。",
            ],
        ),
        (
            ITEMS_PAGE,
            [
                "23",
                "(1)楽しめるまちづくり",
                "町の魅力を伝える催しを四季を通じて開きます。",
                "商店街と連携し、歩いて楽しめる通りをつくります。",
                "(2)出会いの場づくり",
                "若い世代が交流できる場を設けます。",
                "※交流拠点：若者が集まれる施設",
            ],
        ),
    ],
)
def test_it_cuts_a_page_line_before_each_heading_label_bullet_table_and_note(
    line: str, pieces: list[str]
) -> None:
    assert split_page_line(line) == pieces


@pytest.mark.parametrize("line", [EBOOK_PAGE, ITEMS_PAGE])
def test_it_drops_and_changes_nothing_when_it_cuts(line: str) -> None:
    assert " ".join(split_page_line(line)) == line


def test_it_cuts_a_numbered_title_from_the_sentences_after_it() -> None:
    line = (
        "(1)妊娠期からの相談支援の充実 子育て世代包括支援センターで妊娠期から子育て期まで"
        "切れ目なく支えます。 (2)保育の充実 保育士を確保し、待機児童をなくします。 "
        "(3)放課後の居場所づくり 学校の近くに子どもの居場所を設けます。"
    )
    assert split_page_line(line) == [
        "(1)妊娠期からの相談支援の充実",
        "子育て世代包括支援センターで妊娠期から子育て期まで切れ目なく支えます。",
        "(2)保育の充実",
        "保育士を確保し、待機児童をなくします。",
        "(3)放課後の居場所づくり",
        "学校の近くに子どもの居場所を設けます。",
    ]


def test_it_keeps_a_label_with_its_run_of_column_names_and_cuts_after_them() -> None:
    line = (
        "健康で長生きできるまちを目指して、町民一人ひとりの健康づくりを"
        "地域ぐるみで支えていきます。 成果指標 指標名 現状値 目標値 "
        "特定健康診査の受診率 38.6% 50.0% がん検診の受診率 12.0% 20.0%"
    )
    assert split_page_line(line) == [
        "健康で長生きできるまちを目指して、町民一人ひとりの健康づくりを地域ぐるみで支えていきます。",
        "成果指標 指標名 現状値 目標値",
        "特定健康診査の受診率 38.6% 50.0% がん検診の受診率 12.0% 20.0%",
    ]


def test_it_cuts_a_run_of_column_names_from_the_text_before_it() -> None:
    line = (
        "健康で長生きできるまちを目指して、町民一人ひとりの健康づくりを地域ぐるみで支えていきます "
        "指標名 現状値 目標値 特定健康診査の受診率 38.6% 50.0% がん検診の受診率 12.0% 20.0%"
    )
    assert split_page_line(line) == [
        "健康で長生きできるまちを目指して、町民一人ひとりの健康づくりを地域ぐるみで支えていきます",
        "指標名 現状値 目標値",
        "特定健康診査の受診率 38.6% 50.0% がん検診の受診率 12.0% 20.0%",
    ]


# --- where it must not cut ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "基本目標3 住みたいまち 【基本的方向】 ● 空き家を活かします。",  # short: an ordinary line
        "本町の人口は、令和2年の国勢調査で38,000人となり、10年前と比べて約4,000人減少しました。"
        "年少人口の割合は11.2%で、高齢化率は35.4%と県の平均を上回っています。今後も減少が続きます。",
        "合計特殊出生率 1.44 (2019年) 1.61 (2026年) 待機児童数 12人 (2020年) 0人 (2026年) "
        "子育て支援センター利用者数 8,412人 (2020年) 9,000人 (2026年) 保育所入所率 96.2% (2020年)",
    ],
)
def test_it_leaves_a_short_line_a_paragraph_and_a_flattened_table_whole(line: str) -> None:
    assert split_page_line(line) == [line]


def test_it_does_not_cut_before_numbers_and_values_inside_a_sentence() -> None:
    line = (
        "本町の人口は 2020年 に 38,000人 となり、 10年前 と比べて 約4,000人 減少しました。 "
        "年少人口 の 割合 は 11.2% で、 高齢化率 は 35.4% と 県平均 を 上回って います。 "
        "今後 も 減少 が 続く 見込み です"
    )
    assert split_page_line(line) == [
        "本町の人口は 2020年 に 38,000人 となり、 10年前 と比べて 約4,000人 減少しました。",
        "年少人口 の 割合 は 11.2% で、 高齢化率 は 35.4% と 県平均 を 上回って います。",
        "今後 も 減少 が 続く 見込み です",
    ]


# --- pages glued into one run of characters -----------------------------------------------------

GLUED_PAGE = (
    "【基本目標1】子育て世代に選ばれるまち現状と課題本町では出生数が減り続けており、令和2年には"
    "百人を下回りました。子育て世代の町外への転出も目立っています。施策の方向●妊娠期から子育て期"
    "まで切れ目なく相談できる体制を整えます。●保育の受け皿を広げ、待機児童をなくします。●放課後の"
    "居場所を学校の近くに設けます。主な取組1子育て世代包括支援センターの運営※子育て世代包括支援"
    "センター：妊娠期から子育て期までの相談にワンストップで応じる拠点"
)


def test_it_unglues_a_glued_page_around_labels_sentences_bullets_and_notes() -> None:
    assert unglue(GLUED_PAGE).split(" ") == [
        "【基本目標1】",
        "子育て世代に選ばれるまち",
        "現状と課題",
        "本町では出生数が減り続けており、令和2年には百人を下回りました。",
        "子育て世代の町外への転出も目立っています。",
        "施策の方向",
        "●妊娠期から子育て期まで切れ目なく相談できる体制を整えます。",
        "●保育の受け皿を広げ、待機児童をなくします。",
        "●放課後の居場所を学校の近くに設けます。",
        "主な取組",
        "1",
        "子育て世代包括支援センターの運営",
        "※子育て世代包括支援センター：妊娠期から子育て期までの相談にワンストップで応じる拠点",
    ]


def test_it_cuts_a_glued_page_into_its_lines() -> None:
    assert split_page_line(GLUED_PAGE) == [
        "【基本目標1】 子育て世代に選ばれるまち",
        "現状と課題",
        "本町では出生数が減り続けており、令和2年には百人を下回りました。",
        "子育て世代の町外への転出も目立っています。",
        "施策の方向",
        "●妊娠期から子育て期まで切れ目なく相談できる体制を整えます。",
        "●保育の受け皿を広げ、待機児童をなくします。",
        "●放課後の居場所を学校の近くに設けます。",
        "主な取組",
        "1 子育て世代包括支援センターの運営",
        "※子育て世代包括支援センター：妊娠期から子育て期までの相談にワンストップで応じる拠点",
    ]


LONG_PARAGRAPH = (
    "本町では、子育て世代が安心して暮らせるよう、妊娠期から子育て期まで切れ目のない支援を進めて"
    "きました。その結果、子育て世代の転入は少しずつ増えていますが、出生数の減少には歯止めがかかって"
    "いません。保育の受け皿の確保や放課後の居場所づくりに加え、働き方の見直しを企業とともに進める"
    "ことが求められています。町は、関係機関と連携しながら、子育て世代の声を施策に活かしていきます。"
)
# A guide to the plan's pages names its section labels in running text (a Word paragraph).
GUIDE_PARAGRAPH = (
    "本計画の各施策のページには、施策を取り巻く現状と課題、五年後にめざす施策の方向、その実現に"
    "向けた主な取組と、進み具合を測るための成果指標を順に掲載しています。各ページの上部には関連する"
    "SDGsのゴールを示し、下部には担当する課の名称と関連する個別計画の名称を記載しています。施策の"
    "評価は毎年度行い、その結果は町のホームページで公表し、町民の皆さまからいただいた意見を次の年度の"
    "取組に活かしていきます。"
)


@pytest.mark.parametrize(
    "text",
    [
        LONG_PARAGRAPH,
        GLUED_PAGE[:199],  # shorter than any glued page
        GLUED_PAGE.replace("。", "。 "),  # spaced like ordinary text
        "【基本目標1】" + LONG_PARAGRAPH,  # one label is not a page
    ],
)
def test_it_leaves_a_long_paragraph_or_a_spaced_text_unglued(text: str) -> None:
    assert unglue(text) == text


def test_it_leaves_a_paragraph_that_names_section_labels_whole() -> None:
    assert split_page_line(GUIDE_PARAGRAPH) == [GUIDE_PARAGRAPH]


# --- a label before the first row --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        (
            "まちづくり指標、特定健康診査の受診率、38.6%、右矢印、50.0%",
            ["まちづくり指標", "特定健康診査の受診率、38.6%、右矢印、50.0%"],
        ),
        ("成果指標：転入者数 120人→150人", ["成果指標", "転入者数 120人→150人"]),
        ("KPI:転入者数 120人→150人", ["KPI", "転入者数 120人→150人"]),
    ],
)
def test_it_cuts_an_indicator_label_from_the_row_after_it(line: str, pieces: list[str]) -> None:
    assert split_label(line) == pieces


@pytest.mark.parametrize(
    "line",
    [
        "現状と課題：本町では出生数が減っています。",
        "指標名：転入者数",
        "特定健康診査の受診率、38.6%",
        "成果指標",
    ],
)
def test_it_cuts_no_other_label_and_no_row(line: str) -> None:
    assert split_label(line) == [line]
