"""A year printed without its era (「85.0%(6年度)」) takes the era the document last stated, in
reading order; where no era was ever stated it stays no period."""

from __future__ import annotations

import pytest

from shisaku.domain.figurecells import read_figure_cell
from shisaku.domain.periods import NotAPeriod, read_period, stated_era
from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_eras import EraCarry, document_era, plan_era
from shisaku.domain.plandoc_indicators import read_indicators
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import walk


@pytest.mark.parametrize(
    ("text", "era", "key"),
    [
        ("6年度", "令和", "FY2024"),
        ("2年", "令和", "CY2020"),
        ("元年度", "令和", "FY2019"),
        ("2年度平均", "令和", "FY2020"),
        ("2~6年度", "令和", "FY2020-2024"),
        ("30年度", "平成", "FY2018"),
        ("2019年度", "平成", "FY2019"),
        ("令和2年度", "平成", "FY2020"),
    ],
)
def test_a_year_without_its_era_takes_the_era_given(text: str, era: str, key: str) -> None:
    assert read_period(text, default_era=era).key() == key


@pytest.mark.parametrize(("text", "era"), [("6年度", None), ("6", "令和"), ("6年度", "西暦")])
def test_a_year_without_its_era_is_no_period_without_a_known_era(
    text: str, era: str | None
) -> None:
    with pytest.raises(NotAPeriod):
        read_period(text, default_era=era)


@pytest.mark.parametrize(
    ("text", "era"),
    [
        ("令和2年度", "令和"),
        ("R2", "令和"),
        ("r4(2022)", "令和"),
        ("H28", "平成"),
        ("現状値(平成29年度)", "平成"),
        ("2019年度", None),
        ("6年度", None),
        ("FR2", None),
    ],
)
def test_it_names_the_era_a_period_text_states(text: str, era: str | None) -> None:
    assert stated_era(text) == era


def test_a_figure_cell_reads_its_year_in_the_era_given() -> None:
    cell = read_figure_cell("85.0%(6年度)", default_era="令和")
    assert (str(cell.reading.value), cell.period and cell.period.key()) == ("85.0", "FY2024")
    assert read_figure_cell("85.0%(6年度)").period is None


def test_the_carry_keeps_the_last_era_stated() -> None:
    carry = EraCarry()
    for text in ("6年度", "令和2年度", "指標名", "2年"):
        carry.note(text)
    assert carry.era == "令和"
    carry.note("H28")
    assert carry.era == "平成"


HEAD = "1 健やかなまち\n（1）健康づくりの推進\n健診を勧めます。\n"
SECOND = "（2）地域医療の充実\n医療を守ります。\n"


def figures(text: str) -> list[tuple[str | None, str | None]]:
    """Return the (baseline, target) period keys of every row of an inline document."""
    reading = read_plan(document_from_text(text, name="雲雀野町.txt"))
    rows = [i for n in walk(reading.tree.nodes) for i in n.indicators]
    return [
        (
            i.baseline.period.key() if i.baseline and i.baseline.period else None,
            i.target.period.key() if i.target and i.target.period else None,
        )
        for i in rows
    ]


def test_a_document_carries_the_era_it_gave_once_from_table_to_table() -> None:
    assert figures(
        HEAD
        + "指標 現状 目標\n受診率\n71.4%(令和2年度)\n85.0%(6年度)\n"
        + SECOND
        + "指標 現状 目標\n病床数\n640床(2年) 700床(6年)\n"
    ) == [("FY2020", "FY2024"), ("CY2020", "CY2024")]


def test_a_document_that_never_gives_an_era_gets_no_period_for_its_bare_years() -> None:
    assert figures(HEAD + "指標 現状 目標\n受診率\n71.4%(2年度)\n85.0%(6年度)\n") == [(None, None)]


@pytest.mark.parametrize(
    ("texts", "era"),
    [
        (["東雲川区前期実施計画", "計画期間 令和3年度～令和6年度"], "令和"),
        (["2022(令和4)年度～2027(令和9)年度"], "令和"),
        (["R6~R9年度の4年間"], "令和"),
        (["保育所等の待機児童数は、令和5年4月1日現在で48人です。"], "令和"),
        (["平成27年に策定しました。", "計画期間 令和3年度～令和8年度"], "令和"),
        (["平成27年に策定しました。", "令和2年に改定しました。"], None),  # two eras, no period
        (["指標名 現状値(2年度) 目標値(6年度)", "H2Oの水質"], None),  # nothing states one
    ],
)
def test_a_document_states_its_era_by_its_plan_period_or_by_the_only_era_it_names(
    texts: list[str], era: str | None
) -> None:
    assert document_era(texts) == era


TABLE = "指標名 現状値(2年度) 目標値(6年度)\n受診率 71.4% 85.0%\n"


def test_a_table_before_any_era_in_a_table_takes_the_era_of_the_plan_period() -> None:
    stated = "第2次雲雀野町総合計画\n計画期間 令和3年度～令和6年度\n"
    assert figures(stated + HEAD + TABLE) == [("FY2020", "FY2024")]


def test_a_table_takes_the_only_era_the_text_names_with_a_year() -> None:
    text = HEAD.replace("健診を勧めます。", "令和5年4月1日から健診を勧めます。") + TABLE
    assert figures(text) == [("FY2020", "FY2024")]


def test_a_table_of_a_document_that_states_no_era_anywhere_stays_undated() -> None:
    assert figures(HEAD + TABLE) == [(None, None)]


def test_a_header_period_in_full_width_digits_of_two_figures_is_read() -> None:
    text = (
        HEAD
        + "指標名　　　　　　　　現状値　　　　　　目標値\n"
        + "　　　　　　　　　　　（令和４年度）　　（令和１０年度）\n"
        + "受診率　　　　　　　　４４．１％　　　　６０．０％\n"
    )
    assert figures(text) == [("FY2022", "FY2028")]


@pytest.mark.parametrize(
    ("period", "era"),
    [
        ((2021, 2024), "令和"),
        ((2024, 2028), "令和"),
        ((2020, 2024), None),
        ((2016, 2020), "平成"),
        (None, None),
    ],
)
def test_a_plan_period_given_apart_names_its_era_once_settled_in_it(
    period: tuple[int, int] | None, era: str | None
) -> None:
    assert plan_era(period) == era


def test_a_plan_period_given_apart_dates_a_table_of_a_document_that_names_no_era() -> None:
    reading = read_plan(document_from_text(HEAD + TABLE, name="雲雀野町.txt"))
    nodes = reading.tree.nodes
    for node in walk(nodes):
        node.indicators = []
    assert not read_indicators(nodes, {}, (), (2021, 2024))  # dated: no undated figure
    rows = [i for n in walk(nodes) for i in n.indicators]
    assert [(i.baseline and i.baseline.period, i.target and i.target.period) for i in rows] == [
        (read_period("令和2年度"), read_period("令和6年度"))
    ]
