"""Section labels, table headers and department lines in every dress a plan prints them."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc_sections import department, header_columns, other_label, section_key

# --- section labels -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "現状と課題",
        "【現状と課題】",
        "《現状と課題》",
        "■現状と課題",
        "● 現状と課題",
        "（１）現状と課題",
        "(2)現状と課題",
        "1 現状と課題",
        "１．現状と課題",
        "① 現状と課題",
        "ア．現状と課題",
        "第1節 現状と課題",
        "現 状 と 課 題",
        "現状と課題：",
        "【 現状と課題 】",
    ],
)
def test_it_reads_a_label_through_brackets_markers_numbers_and_letter_spacing(line: str) -> None:
    assert section_key(line) == ("situation", "現状と課題", ())


@pytest.mark.parametrize(
    ("line", "key", "label"),
    [
        ("〈施策の方向〉", "direction", "施策の方向"),
        ("基本方針", "direction", "基本方針"),
        ("≪めざす姿≫", "vision", "めざす姿"),
        ("◆施策が目指す姿", "vision", "施策が目指す姿"),
        ("〔施策の体系〕", "diagram", "施策の体系"),
        ("＜主な取組＞", "initiatives", "主な取組"),
        ("□施策の展開", "initiatives", "施策の展開"),
        ("本市の主な取組", "initiatives", "本市の主な取組"),
        ("［成果指標］", "indicators", "成果指標"),
        ("目標とする指標", "indicators", "目標とする指標"),
        ("ＫＰＩ", "indicators", "KPI"),
        ("重要業績評価指標（ＫＰＩ）", "indicators", "重要業績評価指標(KPI)"),
        ("現状・課題", "situation", "現状・課題"),
        ("【10年後の姿】", "vision", "10年後の姿"),
        ("■5年後の姿", "vision", "5年後の姿"),
    ],
)
def test_it_gives_each_known_label_its_key(line: str, key: str, label: str) -> None:
    assert section_key(line) == (key, label, ())


@pytest.mark.parametrize(
    ("line", "key", "label"),
    [
        ("後期施策の方向", "direction", "後期施策の方向"),
        ("前期主な取組", "initiatives", "前期主な取組"),
        ("後期施策の方向・基本方針", "direction", "後期施策の方向・基本方針"),
        ("現状と課題・今後の展望", "situation", "現状と課題・今後の展望"),
    ],
)
def test_it_reads_a_label_after_a_plan_half_or_before_a_second_label(
    line: str, key: str, label: str
) -> None:
    assert section_key(line) == (key, label, ())


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("基本目標（数値目標）", "基本目標(数値目標)"),
        ("【施策の成果指標（KPI）】", "施策の成果指標(KPI)"),
    ],
)
def test_it_reads_a_label_by_what_its_parenthesis_names(line: str, label: str) -> None:
    assert section_key(line) == ("indicators", label, ())


@pytest.mark.parametrize(
    "line", ["政策の達成度を測る指標", "施策の進捗を測るKPI", "【子育て支援の成果を測る指標】"]
)
def test_it_reads_a_short_line_ending_in_an_indicator_word_as_an_indicator_label(
    line: str,
) -> None:
    found = section_key(line)
    assert found is not None and found[0] == "indicators"


@pytest.mark.parametrize(
    ("line", "label", "columns"),
    [
        ("目標とする指標 指標名 基準値 目標値", "目標とする指標", ("指標名", "基準値", "目標値")),
        (
            "重要業績評価指標 指標 現状値（R1） 目標値（R7）",
            "重要業績評価指標",
            ("指標", "現状値(R1)", "目標値(R7)"),
        ),
    ],
)
def test_it_reads_a_label_with_its_table_columns_on_the_same_line(
    line: str, label: str, columns: tuple[str, ...]
) -> None:
    assert section_key(line) == ("indicators", label, columns)


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("成果指標 指標名 基準値 目標値", "成果指標"),
        ("数値目標 指標名 基準値 目標値", "数値目標"),
        ("まちづくり指標 指標名 基準値 目標値", "まちづくり指標"),
    ],
)
def test_it_reads_any_indicator_label_before_the_column_names_of_its_table(
    line: str, label: str
) -> None:
    assert section_key(line) == ("indicators", label, ("指標名", "基準値", "目標値"))


@pytest.mark.parametrize("line", ["5年後の姿", "10年後の姿"])
def test_it_reads_a_label_that_begins_with_its_own_number(line: str) -> None:
    found = section_key(line)
    assert found is not None and found[:2] == ("vision", line)


@pytest.mark.parametrize(
    "line",
    [
        "前期基本計画",
        "地域の課題",
        "現状と課題を踏まえて施策を進めます",
        "担当課",
        "子育て支援課",
        "指標名 基準値 目標値",
    ],
)
def test_it_reads_no_label_in_text_that_only_mentions_one(line: str) -> None:
    assert section_key(line) is None


# --- table headers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "columns"),
    [
        ("指標名\t基準値\t目標値", ("指標名", "基準値", "目標値")),
        ("指標名 現状値（R1） 目標値（R7）", ("指標名", "現状値(R1)", "目標値(R7)")),
        (
            "現状値 （令和元年度） 目標値 （令和7年度）",
            ("現状値(令和元年度)", "目標値(令和7年度)"),
        ),
        ("現状値 目標値", ("現状値", "目標値")),
        ("成果指標 基準値 目標値", ("成果指標", "基準値", "目標値")),
        (
            "指標名 単位 策定時 中間目標値 最終目標値",
            ("指標名", "単位", "策定時", "中間目標値", "最終目標値"),
        ),
        (
            "指標名 現状値 目標値 備考 出典 担当",
            ("指標名", "現状値", "目標値", "備考", "出典", "担当"),
        ),
    ],
)
def test_it_reads_a_header_as_its_column_names(line: str, columns: tuple[str, ...]) -> None:
    assert header_columns(line) == columns


def test_it_joins_the_letters_of_a_letter_spaced_column_name() -> None:
    assert header_columns("指 標 名 現状値 目標値") == ("指標名", "現状値", "目標値")


def test_it_reads_a_header_whose_every_column_is_letter_spaced() -> None:
    assert header_columns("指 標 名　　基 準 値　　目 標 値") == ("指標名", "基準値", "目標値")


@pytest.mark.parametrize(
    ("line", "columns"),
    [
        ("指標名 げんじょうち もくひょうち", ("指標名", "現状値", "目標値")),
        ("指標 きじゅんち もくひょうち", ("指標", "基準値", "目標値")),
        ("指標 現状ち 目標ち", ("指標", "現状値", "目標値")),
        ("指標名 じっせきち", ("指標名", "実績値")),
    ],
)
def test_it_reads_the_column_names_a_screen_reader_spells(
    line: str, columns: tuple[str, ...]
) -> None:
    assert header_columns(line) == columns


@pytest.mark.parametrize(
    "line", ["現状値は38.6%", "市民 満足度 現状値", "目標値 を 達成 する", "指標名", ""]
)
def test_it_reads_no_header_where_column_names_are_few(line: str) -> None:
    assert header_columns(line) == ()


# --- departments and other labels ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("担当課：子育て支援課", "子育て支援課"),
        ("担当課: 子育て支援課", "子育て支援課"),
        ("【担当課】子育て支援課", "子育て支援課"),
        ("＜主管課＞　商工観光課", "商工観光課"),
        ("（所管課）地域振興課", "地域振興課"),
        ("主担当課 健康づくり課", "健康づくり課"),
        ("関係課：企画課、財政課", "企画課、財政課"),
        ("担当部署:総務部 総務課", "総務部 総務課"),
    ],
)
def test_it_reads_the_department_a_line_names(line: str, name: str) -> None:
    assert department(line) == name


@pytest.mark.parametrize(
    "line", ["担当課：", "担当課は子育て支援課です。", "子育て支援課", "担当課：" + "課" * 101]
)
def test_it_reads_no_department_in_an_empty_or_sentence_line(line: str) -> None:
    assert department(line) is None


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("関連図表", "関連図表"),
        ("【関連する個別計画】", "関連する個別計画"),
        ("■ＳＤＧｓとの関係", "SDGsとの関係"),
        ("（1）市民の役割", "市民の役割"),
        ("本書の見方", "本書の見方"),
    ],
)
def test_it_reads_a_label_that_heads_text_outside_the_sections(line: str, label: str) -> None:
    assert other_label(line) == label


@pytest.mark.parametrize("line", ["現状と課題", "関連する計画：雲雀野町子ども計画", "市民"])
def test_it_reads_no_other_label_in_a_section_label_or_a_sentence(line: str) -> None:
    assert other_label(line) is None
