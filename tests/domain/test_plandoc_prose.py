"""Indicators a plan states in sentences under its 【目標】 label, read as rows of the node."""

from __future__ import annotations

import pytest

from shisaku.domain.figurecells import read_figure_cell
from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_eras import EraCarry
from shisaku.domain.plandoc_indicators import document_statements
from shisaku.domain.plandoc_prose import ProseRow, prose_indicator, prose_rows
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import walk


@pytest.mark.parametrize(
    ("sentence", "row"),
    [
        (
            "合計特殊出生率を、令和４年の１．３１から、令和９年に１．４０まで引き上げます。",
            ProseRow("合計特殊出生率", "1.31", "令和4年", "1.40", "令和9年"),
        ),
        (
            "産後ケア事業を実施する市町村の数を、現在（令和５年４月１日）の１９市町村から、"
            "令和９年度には全３５市町村に広げます。",
            ProseRow(
                "産後ケア事業を実施する市町村の数",
                "19市町村",
                "令和5年4月1日",
                "全35市町村",
                "令和9年度",
            ),
        ),
        (
            "県の結婚支援センターを通じて成婚した組数は、令和４年度の４２組から、"
            "令和６～９年度の累計で２００組とすることを目指します。",
            ProseRow(
                "県の結婚支援センターを通じて成婚した組数",
                "42組",
                "令和4年度",
                "200組",
                "令和6~9年度",
            ),
        ),
        (
            "保育所等の待機児童数は、令和５年４月１日現在で４８人ですが、令和９年度までに０人とします。",
            ProseRow("保育所等の待機児童数", "48人", "令和5年4月1日現在", "0人", "令和9年度"),
        ),
        (
            "県の健康アプリの登録者数は、令和４年度末で３万２千人でしたが、これを１０万人に増やします。",
            ProseRow("県の健康アプリの登録者数", "3万2千人", "令和4年度末", "10万人", ""),
        ),
        (
            "特定健康診査の受診率を、現状の45%から令和9年度に60%へ引き上げます。",
            ProseRow("特定健康診査の受診率", "45%", "", "60%", "令和9年度"),
        ),
        (
            "医師の少ない地域の病院で働く、県の奨学金を受けた医師の数を、令和５年度の２６人から"
            "令和９年度に６０人に増やします。",
            ProseRow(
                "医師の少ない地域の病院で働く、県の奨学金を受けた医師の数",
                "26人",
                "令和5年度",
                "60人",
                "令和9年度",
            ),
        ),
        (
            "自主防災組織の結成率を令和9年度に60%以上にします。",
            ProseRow("自主防災組織の結成率", "", "", "60%以上", "令和9年度"),
        ),
        (
            "避難訓練の実施回数は、令和9年度まで年間120件を維持します。",
            ProseRow("避難訓練の実施回数", "", "", "120件", "令和9年度"),
        ),
    ],
)
def test_it_reads_a_sentence_from_a_value_to_a_value_as_one_row(
    sentence: str, row: ProseRow
) -> None:
    assert prose_rows(sentence) == [row]


def test_a_second_indicator_in_the_sentence_takes_the_first_ones_name_and_years() -> None:
    assert prose_rows(
        "男性の健康寿命を令和元年の７２．１年から令和９年に７３．５年に、"
        "女性を同じく７５．４年から７６．８年に延ばすことを目指します。"
    ) == [
        ProseRow("男性の健康寿命", "72.1年", "令和元年", "73.5年", "令和9年"),
        ProseRow("女性の健康寿命", "75.4年", "令和元年", "76.8年", "令和9年"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "待機児童数は、令和元年の48人から令和4年に0人まで減りました。",  # what was done
        "本市の出生数は平成27年度の1,046人から令和元年度には918人と減少しています。",  # what is
        "出生数は令和元年に98人となり、10年前と比べて約3割減少しています。",
        "県の健康アプリの登録者数を10万人に増やします。",  # a value to go to, but no year, no start
        "相談員を増やし、出会いの場を広げます。",
        "※目標値は、令和9年度に60%とします。",  # a note about a column
        "目標値は、令和9年度に60%とします。",
    ],
)
def test_a_sentence_that_states_no_aim_from_a_value_or_by_a_year_is_no_row(sentence: str) -> None:
    assert prose_rows(sentence) == []


def test_a_row_of_a_sentence_is_read_as_a_table_row_never_with_a_baseline_it_does_not_give() -> (
    None
):
    era = EraCarry()
    given = prose_indicator(ProseRow("受診率", "45%", "", "60%", "令和9年度"), 7, era)
    alone = prose_indicator(ProseRow("結成率", "", "", "60%以上", "令和9年度"), 8, era)
    assert (given.name, given.unit, given.line) == ("受診率", "%", 7)
    assert given.baseline is not None and given.baseline.period is None
    assert (given.baseline.value_text(), given.target and given.target.value_text()) == ("45", "60")
    assert alone.baseline is None
    assert alone.target is not None and alone.target.period is not None
    assert (alone.target.value_text(), alone.target.period.key()) == ("60", "FY2027")


def test_a_whole_glued_to_the_number_it_counts_reads_as_that_number() -> None:
    cell = read_figure_cell("全３５市町村")
    assert (str(cell.reading.value), cell.reading.unit, cell.scope) == ("35", "市町村", "全")


def test_a_statement_of_the_year_of_all_targets_may_say_目標の数値() -> None:
    found = list(document_statements("目標の数値は、特に断りのない限り、令和９年度の値です。"))
    assert [(role, period.key()) for role, period in found] == [("target", "FY2027")]


DOCUMENT = (
    "第２章　政策の展開\n"
    "　目標の数値は、特に断りのない限り、令和９年度の値です。\n"
    "第１　子どもを生み育てやすいまちをつくる\n"
    "１　結婚・出産の希望をかなえる\n"
    "【現状と課題】\n"
    "　本県の出生数は令和４年に６，９１２人となり、約２割少なくなりました。\n"
    "【目標】\n"
    "　合計特殊出生率を、令和４年の１．３１から、令和９年に１．４０まで引き上げます。\n"
    "　県の健康アプリの登録者数は、令和４年度末で３万２千人でしたが、これを１０万人に増やします。\n"
)


def test_a_plan_reads_the_sentences_under_its_目標_label_as_rows_and_keeps_them_as_text() -> None:
    reading = read_plan(document_from_text(DOCUMENT, name="水無瀬県.txt"))
    node = next(n for n in walk(reading.tree.nodes) if n.indicators)
    rows = [
        (
            i.name,
            i.unit,
            i.baseline and (i.baseline.value_text(), i.baseline.period and i.baseline.period.key()),
            i.target and (i.target.value_text(), i.target.period and i.target.period.key()),
        )
        for i in node.indicators
    ]
    assert node.title == "結婚・出産の希望をかなえる"
    assert rows == [
        ("合計特殊出生率", "", ("1.31", "CY2022"), ("1.4", "CY2027")),
        ("県の健康アプリの登録者数", "人", ("32000", "FY2022"), ("100000", "FY2027")),
    ]
    section = node.section("indicators")
    assert section is not None
    assert [b.text for b in section.blocks] == [
        "合計特殊出生率を、令和４年の１．３１から、令和９年に１．４０まで引き上げます。",
        "県の健康アプリの登録者数は、令和４年度末で３万２千人でしたが、これを１０万人に増やします。",
    ]
