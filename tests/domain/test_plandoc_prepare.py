"""Preparing a document's lines: noise set aside with its reason, joined and split lines, and
never a real heading lost."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc_prepare import classified_lines, drop_noise
from shisaku.domain.plandoc_profile import Profile
from shisaku.domain.plandoc_source import document_from_text

Kept = list[tuple[int, str, str]]
Dropped = list[tuple[int, str, str]]


def prepare(text: str) -> tuple[Kept, Dropped]:
    """Return the kept lines as (line, kind, text) and the dropped as (line, text, reason)."""
    profile = Profile()
    lines = classified_lines(document_from_text(text, name="雲雀野町.txt"), profile)
    kept, dropped = drop_noise(lines, profile)
    return (
        [(line.number, line.kind, line.text) for line in kept],
        [(d.line, d.text, d.reason) for d in dropped],
    )


def kept_of(text: str) -> Kept:
    """Return the kept lines of a document."""
    return prepare(text)[0]


def header_of(text: str) -> tuple[str, ...]:
    """Return the cells of the only table header a document holds."""
    lines = classified_lines(document_from_text(text, name="雲雀野町.txt"), Profile())
    headers = [line.cells for line in lines if line.kind == "header"]
    assert len(headers) == 1, headers
    return headers[0]


HEAD = "1 健やかなまち\n"
BODY = "(1) 健康づくりの推進\n健診を受ける人を増やします。\n"

# --- page numbers and running heads ---------------------------------------------------------------


@pytest.mark.parametrize("page", ["- 12 -", "－12－", "12", "１２", "12 / 80", "P.12", "― 2-1 ―"])
def test_it_sets_a_page_number_aside(page: str) -> None:
    kept, dropped = prepare(f"{HEAD}{page}\n{BODY}")
    assert dropped == [(2, page, "page_number")]
    assert kept == [
        (1, "heading", "健やかなまち"),
        (3, "heading", "健康づくりの推進"),
        (4, "text", "健診を受ける人を増やします。"),
    ]


def test_it_sets_aside_a_running_head_that_carries_a_changing_page_number() -> None:
    kept, dropped = prepare(
        "1 健やかなまち\n健診を受ける人を増やします。\n雲雀野町総合計画 12\n"
        "(1) 健康づくりの推進\n健診を受ける人を増やします。\n雲雀野町総合計画 13\n"
        "(2) 地域医療の充実\nかかりつけ医を持つ人を増やします。\n"
    )
    assert dropped == [
        (3, "雲雀野町総合計画 12", "running_head"),
        (6, "雲雀野町総合計画 13", "running_head"),
    ]
    assert [k for k in kept if k[1] == "heading"] == [
        (1, "heading", "健やかなまち"),
        (4, "heading", "健康づくりの推進"),
        (7, "heading", "地域医療の充実"),
    ]


def test_it_sets_aside_a_running_head_repeated_verbatim_three_times() -> None:
    head = "雲雀野町総合計画 後期基本計画"
    kept, dropped = prepare(
        f"{head}\n1 健やかなまち\n健診を受ける人を増やします。\n{head}\n"
        f"(1) 健康づくりの推進\n健診を受ける人を増やします。\n{head}\n"
        "(2) 地域医療の充実\nかかりつけ医を持つ人を増やします。\n"
    )
    assert dropped == [
        (1, head, "running_head"),
        (4, head, "running_head"),
        (7, head, "running_head"),
    ]
    assert [k[0] for k in kept] == [2, 3, 5, 6, 8, 9]


def test_it_keeps_a_long_passage_printed_again_whole_with_its_codes_renumbered() -> None:
    sentences = "".join(
        f"地域の見守り活動を第{n}地区の町内会とともに広げます。\n" for n in range(20)
    )
    passage = f"《地域で支える見守りの体制》\n{sentences}"
    text = "".join(f"{n} 健やかなまち\n({n}) 健康づくりの推進\n{passage}" for n in (1, 2, 3))
    kept, dropped = prepare(text)
    assert dropped == []
    assert len(kept) == 3 * 23


def test_it_keeps_a_line_repeated_only_twice_without_a_page_number() -> None:
    kept, dropped = prepare(
        "1 健やかなまち\n町民の声を聴くまちづくり\n健診を受ける人を増やします。\n"
        "町民の声を聴くまちづくり\n(1) 健康づくりの推進\n"
    )
    assert dropped == []
    assert [k[0] for k in kept] == [1, 2, 3, 4, 5]


def test_it_keeps_the_first_of_a_heading_repeated_as_a_page_header() -> None:
    head = "1 健やかなまち"
    kept, dropped = prepare(
        f"{head}\n(1) 健康づくりの推進\n健診を受ける人を増やします。\n{head}\n"
        f"(2) 地域医療の充実\nかかりつけ医を持つ人を増やします。\n{head}\n"
        "(3) 介護予防の推進\n体操教室を開きます。\n"
    )
    assert dropped == [(4, head, "running_head"), (7, head, "running_head")]
    assert kept[0] == (1, "heading", "健やかなまち")


# --- contents and listings ------------------------------------------------------------------------


def test_it_sets_aside_contents_with_leaders_and_keeps_the_body_headings() -> None:
    kept, dropped = prepare(
        "目次\n第1章 総論……………………1\n1 計画の概要・・・・・・・・2\n第2章 基本計画……………5\n"
        "第1章 総論\n1 計画の概要\n計画の趣旨を述べます。\n第2章 基本計画\n1 健やかなまち\n"
        "健診を受ける人を増やします。\n"
    )
    assert dropped == [
        (1, "目次", "contents"),
        (2, "第1章 総論……………………1", "contents"),
        (3, "1 計画の概要・・・・・・・・2", "contents"),
        (4, "第2章 基本計画……………5", "contents"),
    ]
    assert kept == [
        (5, "heading", "総論"),
        (6, "heading", "計画の概要"),
        (7, "text", "計画の趣旨を述べます。"),
        (8, "heading", "基本計画"),
        (9, "heading", "健やかなまち"),
        (10, "text", "健診を受ける人を増やします。"),
    ]


@pytest.mark.parametrize(
    ("label", "entries"),
    [
        ("目次", ["第1章 総論 1", "第2章 基本計画 5"]),
        ("もくじ", ["第1章 総論", "第2章 基本計画"]),
        ("目 次", ["第1章 総論 3", "第2章 基本計画 7"]),
    ],
)
def test_it_ends_a_contents_block_where_the_body_names_a_title_again(
    label: str, entries: list[str]
) -> None:
    kept, dropped = prepare(
        "\n".join([label, *entries])
        + "\n第1章 総論\n計画の趣旨を述べます。\n第2章 基本計画\n健診を受ける人を増やします。\n"
    )
    assert dropped == [
        (1, label, "contents"),
        (2, entries[0], "contents"),
        (3, entries[1], "contents"),
    ]
    assert kept == [
        (4, "heading", "総論"),
        (5, "text", "計画の趣旨を述べます。"),
        (6, "heading", "基本計画"),
        (7, "text", "健診を受ける人を増やします。"),
    ]


LISTING = (
    "基本目標1 子育て世代に選ばれるまち\n基本目標2 安心して暮らせるまち\n"
    "基本目標1 子育て世代に選ばれるまち\n子育ての支援を進めます。\n"
    "基本目標2 安心して暮らせるまち\n防災の備えを進めます。\n"
)


def test_it_sets_aside_headings_listed_ahead_of_their_pages() -> None:
    kept, dropped = prepare(LISTING)
    assert [(d[0], d[1]) for d in dropped] == [
        (1, "基本目標1 子育て世代に選ばれるまち"),
        (2, "基本目標2 安心して暮らせるまち"),
    ]
    assert kept == [
        (3, "heading", "子育て世代に選ばれるまち"),
        (4, "text", "子育ての支援を進めます。"),
        (5, "heading", "安心して暮らせるまち"),
        (6, "text", "防災の備えを進めます。"),
    ]


def test_it_gives_headings_listed_ahead_of_their_pages_the_listing_reason() -> None:
    assert [d[2] for d in prepare(LISTING)[1]] == ["listing", "listing"]


def test_it_keeps_consecutive_headings_that_are_never_named_again() -> None:
    kept, dropped = prepare(
        "基本目標1 子育て世代に選ばれるまち\n(1) 妊娠期からの支援\n相談の窓口を設けます。\n"
        "(2) 保育の充実\n保育士を確保します。\n"
    )
    assert dropped == []
    assert [k[1] for k in kept] == ["heading", "heading", "text", "heading", "text"]


# --- navigation, layout notes, legends ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "元のページ",
        "このブックを見る",
        "ページの先頭へ",
        "ホーム > 町政情報 > 総合計画",
        "トップページ ＞ 計画",
        "index.html#12",
        "電話：0123-45-6789",
        "ファクス：0123-45-6790",
        "更新日：2024年4月1日",
        "印刷する",
        "PDFファイルをご覧いただくには",
        "次のページ",
    ],
)
def test_it_sets_aside_the_navigation_of_a_web_page_or_an_e_book(line: str) -> None:
    kept, dropped = prepare(f"{HEAD}{line}\n{BODY}")
    assert dropped == [(2, line, "navigation")]
    assert [k[0] for k in kept] == [1, 3, 4]


@pytest.mark.parametrize(
    "line",
    [
        "（見開き左ページ）",
        "（写真：健康まつりの様子）",
        "（イラスト）",
        "（表のはじめ）",
        "（表のおわり）",
        "右矢印",
        "右に向かう矢印",
        "左矢印",
    ],
)
def test_it_sets_aside_a_screen_readers_note_on_the_layout(line: str) -> None:
    kept, dropped = prepare(f"{HEAD}{line}\n{BODY}")
    assert dropped == [(2, line, "layout")]
    assert [k[0] for k in kept] == [1, 3, 4]


def test_it_keeps_a_sentence_that_begins_with_a_parenthesis() -> None:
    kept, dropped = prepare(f"{HEAD}{BODY}（仮称）健康センターを整備します。\n")
    assert dropped == []
    assert kept[-1] == (4, "text", "（仮称）健康センターを整備します。")


@pytest.mark.parametrize("line", ["凡例", "◎：重点施策 ○：関連施策", "●＝主な担当 ○＝関係課"])
def test_it_sets_aside_a_legend(line: str) -> None:
    kept, dropped = prepare(f"{HEAD}{line}\n{BODY}")
    assert dropped == [(2, line, "legend")]
    assert [k[0] for k in kept] == [1, 3, 4]


def test_it_keeps_a_bullet_whose_mark_a_legend_explains() -> None:
    kept, _ = prepare(
        f"{HEAD}◎：重点施策 ○：関連施策\n(1) 健康づくりの推進\n◎ 健診の受診率を上げます。\n"
    )
    assert kept[-1] == (4, "bullet", "健診の受診率を上げます。")


# --- joined and split lines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("letters", "header"),
    [
        ("指標名現状値目標値", ("指標名", "現状値", "目標値")),
        ("指標基準値目標値", ("指標", "基準値", "目標値")),
        ("指標名現状値目標値単位", ("指標名", "現状値", "目標値", "単位")),
    ],
)
def test_it_joins_a_vertical_label_into_the_longest_known_words(
    letters: str, header: tuple[str, ...]
) -> None:
    vertical = "\n".join(letters)
    assert header_of(
        f"{HEAD}(1) 健康づくりの推進\n{vertical}\n特定健康診査の受診率\t38.6%\t50.0%\n"
    ) == (header)


def test_it_joins_a_vertical_side_label_it_does_not_know_into_one_word() -> None:
    kept = kept_of(f"{HEAD}基\n本\n目\n標\n{BODY}")
    assert kept[1] == (2, "text", "基本目標")
    assert kept[2] == (6, "heading", "健康づくりの推進")


@pytest.mark.parametrize(
    ("cells", "header"),
    [
        (
            "指標名\n現状値\n（令和2年度）\n目標値\n（令和8年度）",
            ("指標名", "現状値（令和2年度）", "目標値（令和8年度）"),
        ),
        ("指標名\n基準値\n目標値", ("指標名", "基準値", "目標値")),
        (
            "指標名 基準値 目標値\n（令和2年度） （令和8年度）",
            ("指標名", "基準値（令和2年度）", "目標値（令和8年度）"),
        ),
        (
            "指標名\t基準値\t目標値\n\t令和2年度\t令和8年度",
            ("指標名", "基準値（令和2年度）", "目標値（令和8年度）"),
        ),
    ],
)
def test_it_joins_header_cells_printed_one_a_line_with_the_periods_under_them(
    cells: str, header: tuple[str, ...]
) -> None:
    assert header_of(
        f"{HEAD}(1) 健康づくりの推進\n{cells}\n特定健康診査の受診率\t38.6%\t50.0%\n"
    ) == (header)


def test_it_keeps_an_indicator_label_apart_from_the_column_names_under_it() -> None:
    kept = kept_of(
        f"{HEAD}(1) 健康づくりの推進\n成果指標\n指標名\n現状値\n目標値\n"
        "特定健康診査の受診率\t38.6%\t50.0%\n"
    )
    assert [k[1:] for k in kept[2:4]] == [
        ("section", "成果指標"),
        ("header", "指標名 現状値 目標値"),
    ]


def test_it_gives_a_heading_printed_without_its_title_the_title_on_the_next_line() -> None:
    kept = kept_of(
        "施策2-1-1\n切れ目のない子育て支援の充実\n妊娠期から支えます。\n施策2-1-2\n\n保育の充実\n"
    )
    assert kept == [
        (1, "heading", "切れ目のない子育て支援の充実"),
        (3, "text", "妊娠期から支えます。"),
        (4, "heading", "保育の充実"),
    ]


def test_it_reads_a_bare_code_before_a_sentence_as_text() -> None:
    assert kept_of("2-1-1\n子育て支援の充実です。\n") == [
        (1, "text", "2-1-1"),
        (2, "text", "子育て支援の充実です。"),
    ]


@pytest.mark.parametrize("running", ["第1章第1項", "第1章 第1項"])
def test_it_reads_a_running_chapter_and_section_number_as_text(running: str) -> None:
    kept = kept_of(f"第1章 総論\n計画の趣旨を述べます。\n{running}\n本文が続きます。\n")
    assert kept[2] == (3, "text", running)


@pytest.mark.parametrize("cut", ["第1項前期基本計画の", "2 子育て支援の充実、"])
def test_it_reads_a_numbered_line_cut_after_a_particle_or_a_comma_as_text(cut: str) -> None:
    assert kept_of(f"{HEAD}{cut}\n{BODY}")[1] == (2, "text", cut)


def test_it_reads_the_next_number_of_a_list_of_sentences_as_its_next_item() -> None:
    kept = kept_of(
        f"{HEAD}1 健診の日程を整えます。\n2 食育を進めます。\n"
        "3 心の健康について相談できる窓口を広く周知\n(1) 健康づくりの推進\n"
    )
    assert kept[1:] == [
        (2, "bullet", "健診の日程を整えます。"),
        (3, "bullet", "食育を進めます。"),
        (4, "bullet", "心の健康について相談できる窓口を広く周知"),
        (5, "heading", "健康づくりの推進"),
    ]


def test_it_keeps_a_heading_that_does_not_continue_the_list_before_it() -> None:
    kept = kept_of(f"{HEAD}1 健診の日程を整えます。\n3 心の健康づくり\n")
    assert [k[1] for k in kept] == ["heading", "bullet", "heading"]


def test_it_splits_a_page_line_into_the_headings_labels_and_bullets_it_holds() -> None:
    page = (
        "17 基本目標3 住みたいまち 【基本的方向】 "
        "● 空き家を活かした住まいの確保を町内の不動産業者とともに進めます。 "
        "● 移住を考える人への相談体制を整えます。 "
        "● 移住した人どうしが気軽に交流できる場を設けます。"
    )
    kept, dropped = prepare(page + "\n")
    assert dropped == [(1, "17", "page_number")]
    assert kept == [
        (1, "heading", "住みたいまち"),
        (1, "section", "基本的方向"),
        (1, "bullet", "空き家を活かした住まいの確保を町内の不動産業者とともに進めます。"),
        (1, "bullet", "移住を考える人への相談体制を整えます。"),
        (1, "bullet", "移住した人どうしが気軽に交流できる場を設けます。"),
    ]


def test_it_sets_aside_a_line_a_profile_asks_to_drop_whatever_its_numbers() -> None:
    profile = Profile(drop=("雲雀野町総合戦略",))
    text = f"{HEAD}雲雀野町総合戦略 2024\n{BODY}"
    lines = classified_lines(document_from_text(text, name="雲雀野町.txt"), profile)
    _, dropped = drop_noise(lines, profile)
    assert [(d.line, d.reason) for d in dropped] == [(2, "profile")]
