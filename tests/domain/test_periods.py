"""Period cells as Japanese plans write them (pure Python, no Django)."""

from __future__ import annotations

import datetime

import pytest

from shisaku.domain.periods import (
    Period,
    PeriodError,
    basis_conflict,
    fiscal_year,
    parse_period_key,
    period_in_basis,
    read_period,
)

# text, start, end, basis, aggregate, key, label_ja, label_en
CASES = [
    ("2019年度", 2019, 2019, "fiscal", "single", "FY2019", "2019年度（令和元年度）", "FY2019"),
    ("2019年", 2019, 2019, "calendar", "single", "CY2019", "2019年（令和元年）", "2019"),
    ("平成31年度", 2019, 2019, "fiscal", "single", "FY2019", "2019年度（令和元年度）", "FY2019"),
    ("令和6年度", 2024, 2024, "fiscal", "single", "FY2024", "2024年度（令和6年度）", "FY2024"),
    ("令和元年度", 2019, 2019, "fiscal", "single", "FY2019", "2019年度（令和元年度）", "FY2019"),
    ("H26", 2014, 2014, None, "single", "Y2014", "2014（平成26）", "2014"),
    ("H31", 2019, 2019, None, "single", "Y2019", "2019（令和元）", "2019"),
    ("R5", 2023, 2023, None, "single", "Y2023", "2023（令和5）", "2023"),
    ("R4", 2022, 2022, None, "single", "Y2022", "2022（令和4）", "2022"),
    ("R14", 2032, 2032, None, "single", "Y2032", "2032（令和14）", "2032"),
    ("R3", 2021, 2021, None, "single", "Y2021", "2021（令和3）", "2021"),
    ("H31年度", 2019, 2019, "fiscal", "single", "FY2019", "2019年度（令和元年度）", "FY2019"),
    ("h26年度", 2014, 2014, "fiscal", "single", "FY2014", "2014年度（平成26年度）", "FY2014"),
    ("Ｈ２６", 2014, 2014, None, "single", "Y2014", "2014（平成26）", "2014"),
    ("ｈ２６年度", 2014, 2014, "fiscal", "single", "FY2014", "2014年度（平成26年度）", "FY2014"),
    ("r4（2022）", 2022, 2022, None, "single", "Y2022", "2022（令和4）", "2022"),
    ("R4(2022)年度", 2022, 2022, "fiscal", "single", "FY2022", "2022年度（令和4年度）", "FY2022"),
    (
        "2019(平成31)年度",
        2019,
        2019,
        "fiscal",
        "single",
        "FY2019",
        "2019年度（令和元年度）",
        "FY2019",
    ),
    (
        "2019（平成31）年度",
        2019,
        2019,
        "fiscal",
        "single",
        "FY2019",
        "2019年度（令和元年度）",
        "FY2019",
    ),
    (
        "2019年度（令和元年度）",
        2019,
        2019,
        "fiscal",
        "single",
        "FY2019",
        "2019年度（令和元年度）",
        "FY2019",
    ),
    (
        "令和元年（2019年）",
        2019,
        2019,
        "calendar",
        "single",
        "CY2019",
        "2019年（令和元年）",
        "2019",
    ),
    ("平成35年度", 2023, 2023, "fiscal", "single", "FY2023", "2023年度（令和5年度）", "FY2023"),
    ("平成40年度", 2028, 2028, "fiscal", "single", "FY2028", "2028年度（令和10年度）", "FY2028"),
    (
        "2023（平成35）年度",
        2023,
        2023,
        "fiscal",
        "single",
        "FY2023",
        "2023年度（令和5年度）",
        "FY2023",
    ),
    ("S63", 1988, 1988, None, "single", "Y1988", "1988（昭和63）", "1988"),
    ("昭和63年度", 1988, 1988, "fiscal", "single", "FY1988", "1988年度（昭和63年度）", "FY1988"),
    ("昭和64年", 1989, 1989, "calendar", "single", "CY1989", "1989年（平成元年）", "1989"),
    ("t15", 1926, 1926, None, "single", "Y1926", "1926（昭和元）", "1926"),
    ("M1", 1868, 1868, None, "single", "Y1868", "1868（明治元）", "1868"),
    ("㍻31年度", 2019, 2019, "fiscal", "single", "FY2019", "2019年度（令和元年度）", "FY2019"),
    ("2024", 2024, 2024, None, "single", "Y2024", "2024（令和6）", "2024"),
    ("２０２４年度", 2024, 2024, "fiscal", "single", "FY2024", "2024年度（令和6年度）", "FY2024"),
    ("FY2019", 2019, 2019, "fiscal", "single", "FY2019", "2019年度（令和元年度）", "FY2019"),
    ("fy 2019", 2019, 2019, "fiscal", "single", "FY2019", "2019年度（令和元年度）", "FY2019"),
    ("2019年度末", 2019, 2019, "fiscal", "single", "FY2019", "2019年度（令和元年度）", "FY2019"),
    (
        "令和5年度末時点",
        2023,
        2023,
        "fiscal",
        "single",
        "FY2023",
        "2023年度（令和5年度）",
        "FY2023",
    ),
    ("2018年5月1日", 2018, 2018, "calendar", "single", "CY2018", "2018年（平成30年）", "2018"),
    ("2018年5月1日現在", 2018, 2018, "calendar", "single", "CY2018", "2018年（平成30年）", "2018"),
    ("令和5年4月1日", 2023, 2023, "calendar", "single", "CY2023", "2023年（令和5年）", "2023"),
    ("2019年3月末", 2019, 2019, "calendar", "single", "CY2019", "2019年（令和元年）", "2019"),
    ("2018/5/1", 2018, 2018, "calendar", "single", "CY2018", "2018年（平成30年）", "2018"),
    ("2019-04-01", 2019, 2019, "calendar", "single", "CY2019", "2019年（令和元年）", "2019"),
    ("R5.4.1", 2023, 2023, "calendar", "single", "CY2023", "2023年（令和5年）", "2023"),
    (
        "2019年度（実績）",
        2019,
        2019,
        "fiscal",
        "single",
        "FY2019",
        "2019年度（令和元年度）",
        "FY2019",
    ),
    (" 2019 年度 ", 2019, 2019, "fiscal", "single", "FY2019", "2019年度（令和元年度）", "FY2019"),
    (
        "平成31~35年度",
        2019,
        2023,
        "fiscal",
        "range",
        "FY2019-2023",
        "2019〜2023年度（令和元〜5年度）",
        "FY2019–FY2023",
    ),
    (
        "平成31〜35年度",
        2019,
        2023,
        "fiscal",
        "range",
        "FY2019-2023",
        "2019〜2023年度（令和元〜5年度）",
        "FY2019–FY2023",
    ),
    (
        "2019～2023年度",
        2019,
        2023,
        "fiscal",
        "range",
        "FY2019-2023",
        "2019〜2023年度（令和元〜5年度）",
        "FY2019–FY2023",
    ),
    (
        "2019年度～2023年度",
        2019,
        2023,
        "fiscal",
        "range",
        "FY2019-2023",
        "2019〜2023年度（令和元〜5年度）",
        "FY2019–FY2023",
    ),
    (
        "2019年度から2023年度",
        2019,
        2023,
        "fiscal",
        "range",
        "FY2019-2023",
        "2019〜2023年度（令和元〜5年度）",
        "FY2019–FY2023",
    ),
    (
        "2019~23年度",
        2019,
        2023,
        "fiscal",
        "range",
        "FY2019-2023",
        "2019〜2023年度（令和元〜5年度）",
        "FY2019–FY2023",
    ),
    (
        "FY2019-2023",
        2019,
        2023,
        "fiscal",
        "range",
        "FY2019-2023",
        "2019〜2023年度（令和元〜5年度）",
        "FY2019–FY2023",
    ),
    (
        "2021~2026年度平均",
        2021,
        2026,
        "fiscal",
        "average",
        "FY2021-2026avg",
        "2021〜2026年度平均（令和3〜8年度平均）",
        "FY2021–FY2026 average",
    ),
    (
        "令和3年度～令和8年度の平均",
        2021,
        2026,
        "fiscal",
        "average",
        "FY2021-2026avg",
        "2021〜2026年度平均（令和3〜8年度平均）",
        "FY2021–FY2026 average",
    ),
    (
        "2021~2026年度累計",
        2021,
        2026,
        "fiscal",
        "range",
        "FY2021-2026",
        "2021〜2026年度（令和3〜8年度）",
        "FY2021–FY2026",
    ),
    (
        "H29~R3",
        2017,
        2021,
        None,
        "range",
        "Y2017-2021",
        "2017〜2021（平成29〜令和3）",
        "2017–2021",
    ),
    (
        "H25～H29年",
        2013,
        2017,
        "calendar",
        "range",
        "CY2013-2017",
        "2013〜2017年（平成25〜29年）",
        "2013–2017",
    ),
    (
        "2017〜2021年度（平成29〜令和3年度）",
        2017,
        2021,
        "fiscal",
        "range",
        "FY2017-2021",
        "2017〜2021年度（平成29〜令和3年度）",
        "FY2017–FY2021",
    ),
    ("2021年度平均", 2021, 2021, "fiscal", "single", "FY2021", "2021年度（令和3年度）", "FY2021"),
    ("2019~2019年度", 2019, 2019, "fiscal", "single", "FY2019", "2019年度（令和元年度）", "FY2019"),
]
TEXTS = [case[0] for case in CASES]


@pytest.mark.parametrize(
    ("text", "start", "end", "basis", "aggregate", "key", "label_ja", "label_en"),
    CASES,
    ids=TEXTS,
)
def test_it_reads_a_period_as_plans_write_it(
    text, start, end, basis, aggregate, key, label_ja, label_en
):
    period = read_period(text)
    assert (period.start, period.end, period.basis, period.aggregate) == (
        start,
        end,
        basis,
        aggregate,
    )
    assert period.raw == text
    assert period.key() == key
    assert period.label_ja() == label_ja
    assert period.label_en() == label_en


@pytest.mark.parametrize("text", TEXTS)
def test_the_key_parses_back_to_the_same_period(text):
    period = read_period(text)
    assert parse_period_key(period.key()) == period


@pytest.mark.parametrize("text", TEXTS)
def test_the_japanese_label_reads_back_to_the_same_period(text):
    period = read_period(text)
    assert read_period(period.label_ja()) == period


@pytest.mark.parametrize(
    ("text", "basis", "key"),
    [
        ("H26", "fiscal", "FY2014"),
        ("R5", "calendar", "CY2023"),
        ("2024", "fiscal", "FY2024"),
        ("H31~R5", "fiscal", "FY2019-2023"),
        ("2019年", "fiscal", "CY2019"),
        ("2019年度", "calendar", "FY2019"),
    ],
)
def test_a_default_basis_applies_only_when_the_text_states_none(text, basis, key):
    assert read_period(text, default_basis=basis).key() == key


def test_with_basis_keeps_the_years_and_the_raw_text():
    period = read_period("H26").with_basis("fiscal")
    assert period == Period(2014, 2014, "fiscal")
    assert period.raw == "H26"


def test_the_raw_text_does_not_take_part_in_equality():
    assert read_period("平成31年度") == read_period("2019年度") == Period(2019, 2019, "fiscal")


def test_a_ghost_year_is_counted_from_the_first_year_of_its_era():
    assert read_period("平成35年度") == read_period("令和5年度")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("r4（2023）", "r4は2022年ですが、（2023）は2023年です"),
        ("2019(平成30)年度", "2019年度は2019年ですが、（平成30）は2018年です"),
        ("2023~2019年度", "終わりの年（2019年）が始まりの年（2023年）より前です"),
        ("平成35~31年度", "終わりの年（2019年）が始まりの年（2023年）より前です"),
        ("2019-05", "終わりの年（2005年）が始まりの年（2019年）より前です"),
        ("2019年~2023年度", "「年」と「年度」が混ざっています"),
        ("2019年（令和元年度）", "「年」と「年度」が混ざっています"),
        ("2018年4月1日~2019年3月31日", "日付の範囲は期間として読めません"),
        ("平成0年度", "平成0年という年はありません"),
        ("1800年", "1800年は明治（1868年）より前です"),
        ("", "空欄です"),
        ("   ", "空欄です"),
        ("未定", "年を表す数字がありません"),
        ("abc", "年を表す数字がありません"),
        ("第2期", "読めない書き方が含まれています"),
        ("2019年度(第2期)", "読めない書き方が含まれています"),
        ("12345", "読めない書き方が含まれています"),
        ("H", "年を表す数字がありません"),
        ("2019年度まで", "読めない書き方が含まれています"),
    ],
)
def test_it_says_what_it_found_and_what_it_accepts(text, reason):
    with pytest.raises(PeriodError) as caught:
        read_period(text)
    message = str(caught.value)
    assert message.startswith(f"『{text}』は期間として読めません。")
    assert reason in message
    assert message.endswith("例: 2019年度、令和6年度、H26、R5、2019~2023年度")
    assert caught.value.raw == text


@pytest.mark.parametrize(
    "key", ["FY2019", "CY2019", "Y2019", "FY2019-2023", "FY2021-2026avg", "Y2017-2021"]
)
def test_a_key_is_stable_across_a_round_trip(key):
    assert parse_period_key(key).key() == key


@pytest.mark.parametrize(
    "key", ["2019", "fy2019", "FY2019avg", "FY2019-2019", "FY2023-2019", "FY19", "FY2019-", ""]
)
def test_it_refuses_a_malformed_key(key):
    with pytest.raises(PeriodError, match=r"期間キー|より前"):
        parse_period_key(key)


def test_a_period_refuses_to_be_built_with_its_end_before_its_start():
    with pytest.raises(ValueError, match="invalid period"):
        Period(2023, 2019, "fiscal", "range")


def test_a_single_year_cannot_be_called_a_range():
    with pytest.raises(ValueError, match="invalid period"):
        Period(2019, 2019, "fiscal", "range")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # 宇陀市 総合戦略: 基準 H26, 目標 H31, 実績 H27–H29
        ("H26", "Y2014"),
        ("H31", "Y2019"),
        ("H27", "Y2015"),
        ("H29", "Y2017"),
        # 加古川市 第2期総合戦略
        ("2019年度", "FY2019"),
        ("2020年度", "FY2020"),
        ("2021~2026年度平均", "FY2021-2026avg"),
        ("2026年度", "FY2026"),
        ("2019年", "CY2019"),
        ("2026年", "CY2026"),
        # 美馬市 総合計画
        ("H31年度", "FY2019"),
        # 北海道
        ("R4", "Y2022"),
        ("R14", "Y2032"),
        ("R5", "Y2023"),
        ("R3", "Y2021"),
        ("R13", "Y2031"),
    ],
)
def test_it_reads_the_periods_of_the_real_rows_in_the_domain_guide(text, key):
    assert read_period(text).key() == key


@pytest.mark.parametrize(
    ("text", "key", "as_of"),
    [
        ("令和2年4月1日現在", "CY2020", "2020-04-01"),
        ("2020年4月1日", "CY2020", "2020-04-01"),
        ("R2.3.31", "CY2020", "2020-03-31"),
        ("2021/3/31", "CY2021", "2021-03-31"),
        ("2021/3/31現在", "CY2021", "2021-03-31"),
        ("令和3年3月末", "CY2021", "2021-03-31"),
        ("令和2年2月末", "CY2020", "2020-02-29"),
        ("2021年3月", "CY2021", "2021-03-01"),
        ("2019年末", "CY2019", "2019-12-31"),
        ("2020年度末", "FY2020", "2021-03-31"),
        ("令和5年度末時点", "FY2023", "2024-03-31"),
        ("平成31年4月30日", "CY2019", "2019-04-30"),
        ("令和2年4月1日（2020年4月1日）", "CY2020", "2020-04-01"),
        ("2020年", "CY2020", None),
        ("2020年度", "FY2020", None),
        ("2019~2023年度末", "FY2019-2023", None),
    ],
)
def test_a_day_is_kept_beside_the_year_it_belongs_to(text, key, as_of):
    period = read_period(text)
    assert period.key() == key
    assert period.as_of == (datetime.date.fromisoformat(as_of) if as_of else None)


def test_the_day_takes_no_part_in_equality_hashing_or_the_key():
    first, last = read_period("2021/3/31"), read_period("2021年12月31日")
    assert first == last == Period(2021, 2021, "calendar")
    assert {first, last} == {Period(2021, 2021, "calendar")}
    assert first.as_of != last.as_of


@pytest.mark.parametrize(
    ("day", "year"),
    [("2021-03-31", 2020), ("2020-04-01", 2020), ("2021-04-01", 2021), ("2020-12-31", 2020)],
)
def test_a_day_belongs_to_the_fiscal_year_that_began_in_april(day, year):
    assert fiscal_year(datetime.date.fromisoformat(day)) == year


@pytest.mark.parametrize(
    ("text", "basis", "key"),
    [
        ("2021/3/31", "fiscal", "FY2020"),
        ("2021/3/31", "calendar", "CY2021"),
        ("令和3年3月末", "fiscal", "FY2020"),
        ("令和2年4月1日現在", "fiscal", "FY2020"),
        ("2020年度末", "fiscal", "FY2020"),
        ("2020年度末", "calendar", "CY2021"),
        ("H26", "fiscal", "FY2014"),
        ("2019年度", "fiscal", "FY2019"),
        ("2019年", "fiscal", "CY2019"),
        ("2019~2023年度", "calendar", "FY2019-2023"),
    ],
)
def test_a_period_in_an_indicators_basis_places_a_day_in_its_year(text, basis, key):
    period = period_in_basis(read_period(text), basis)
    assert period.key() == key
    assert period.raw == text


def test_a_period_in_basis_keeps_the_day():
    period = period_in_basis(read_period("2021/3/31"), "fiscal")
    assert period.as_of == datetime.date(2021, 3, 31)


@pytest.mark.parametrize(
    ("text", "basis", "warning"),
    [
        (
            "2019年",
            "fiscal",
            "『2019年』は暦年（1月〜12月）の期間ですが、この指標は年度（4月〜翌年3月）で"
            "数えます。年度の値であれば「2019年度」と書いてください",
        ),
        (
            "令和元年度",
            "calendar",
            "『令和元年度』は年度（4月〜翌年3月）の期間ですが、この指標は暦年（1月〜12月）で"
            "数えます。暦年の値であれば「2019年」と書いてください",
        ),
        (
            "2021~2026年平均",
            "fiscal",
            "『2021~2026年平均』は暦年（1月〜12月）の期間ですが、この指標は年度（4月〜翌年3月）"
            "で数えます。年度の値であれば「2021〜2026年度平均」と書いてください",
        ),
        ("2019年度", "fiscal", None),
        ("2019年", "calendar", None),
        ("H26", "fiscal", None),
        ("H26", "calendar", None),
        ("2021/3/31", "fiscal", None),
        ("2020年度末", "calendar", None),
    ],
)
def test_a_period_stating_the_other_basis_gets_a_warning(text, basis, warning):
    assert basis_conflict(read_period(text), basis) == warning


def test_a_warning_names_the_period_by_its_label_when_it_has_no_raw_text():
    warning = basis_conflict(Period(2019, 2019, "calendar"), "fiscal")
    assert warning is not None
    assert warning.startswith("『2019年（令和元年）』は暦年")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2021年2月30日", "2021年2月30日という日はありません"),
        ("2021/2/29", "2021年2月29日という日はありません"),
        ("2021年13月末", "2021年13月末という日はありません"),
        ("令和3年0月1日", "2021年0月1日という日はありません"),
        (
            "令和2年4月1日（2020年4月2日）",
            "令和2年4月1日は2020年4月1日ですが、（2020年4月2日）は2020年4月2日です",
        ),
    ],
)
def test_it_refuses_a_day_that_does_not_exist_or_disagrees(text, reason):
    with pytest.raises(PeriodError) as caught:
        read_period(text)
    assert caught.value.reason == reason


def test_a_span_cannot_have_a_day():
    with pytest.raises(ValueError, match="a span has no date"):
        Period(2019, 2023, "fiscal", "range", as_of=datetime.date(2020, 3, 31))
