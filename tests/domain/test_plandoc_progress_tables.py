"""Indicator tables of progress reports and action plans: a year column for the baseline,
actual and forecast columns, yearly guide columns with 「→」, a target year stated in a legend,
cells one a line ending in 「 |」, and tables laid out with spaces whose names wrap."""

from __future__ import annotations

import pytest

from shisaku.domain.docindicators import DocFigure
from shisaku.domain.plandoc import PlanReading, read_plan
from shisaku.domain.plandoc_cellrows import join_cell_lines, width_of
from shisaku.domain.plandoc_columns import columns_of
from shisaku.domain.plandoc_indicators import document_statements, read_indicators
from shisaku.domain.plandoc_lines import classify_text
from shisaku.domain.plandoc_marknotes import note_dates
from shisaku.domain.plandoc_sections import header_columns
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plandoc_valuecolumns import value_column
from shisaku.domain.plantree import Block, Node, Section, walk

Figure = tuple[str, str | None, str | None]
Row = tuple[str, str, Figure | None, list[Figure | None]]

HEAD = "1 健やかなまち\n（1）健康づくりの推進\n健診を勧めます。\n"


def read(text: str) -> PlanReading:
    """Read an inline document."""
    return read_plan(document_from_text(text, name="紅葉谷市.txt"))


def figure(fig: DocFigure | None) -> Figure | None:
    """Return a figure as (cell text, value, period key)."""
    if fig is None:
        return None
    value = fig.value_text() if fig.reading is not None else None
    return fig.raw, value, fig.period.key() if fig.period is not None else None


def node_rows(node: Node) -> list[Row]:
    """Return a node's indicator rows as (name, unit, baseline, targets)."""
    return [
        (i.name, i.unit, figure(i.baseline), [figure(t) for t in i.targets])
        for i in node.indicators
    ]


def rows(text: str, code: str = "1-1") -> list[Row]:
    """Return the rows of node ``code`` of a document."""
    return node_rows(next(n for n in walk(read(text).tree.nodes) if n.code == code))


def roles(header: list[str]) -> list[tuple[str, str | None]]:
    """Return the role and period key of each column of a header."""
    return [(c.role, c.period.key() if c.period else None) for c in columns_of(header)]


# --- columns ------------------------------------------------------------------------------------

PROGRESS = ["主要施策コード", "成果指標", "区分", "令和元年", "令和3年実績", "令和4年実績"]


def test_a_year_column_where_the_header_names_no_baseline_is_the_baseline() -> None:
    assert roles([*PROGRESS, "令和5年末見込", "5か年目標"]) == [
        ("code", None),
        ("name", None),
        ("other", None),
        ("baseline", "CY2019"),
        ("actual", None),
        ("actual", None),
        ("actual", None),
        ("target", None),
    ]


def test_two_year_columns_alone_are_the_baseline_and_the_target() -> None:
    assert roles(["指標名", "令和元年度", "令和7年度"]) == [
        ("name", None),
        ("baseline", "FY2019"),
        ("target", "FY2025"),
    ]


def test_a_first_column_headed_by_the_tables_label_names_the_indicators() -> None:
    assert roles(["数値目標", "単位", "現状", "R4", "R5", "目標", "数値根拠ほか"]) == [
        ("name", None),
        ("unit", None),
        ("baseline", None),
        ("target", "Y2022"),
        ("target", "Y2023"),
        ("target", None),
        ("rationale", None),
    ]


def test_years_before_a_later_dated_target_are_the_actuals_of_a_progress_table() -> None:
    assert roles(["区分", "基準値(R2年度)", "R3年度", "R4年度", "R5年度", "目標値(R7年度)"]) == [
        ("name", None),
        ("baseline", "FY2020"),
        ("actual", "FY2021"),
        ("actual", "FY2022"),
        ("actual", "FY2023"),
        ("target", "FY2025"),
    ]


def test_years_that_run_up_to_the_targets_year_stay_yearly_targets() -> None:
    assert roles(["指標名", "基準値(R2年度)", "R6年度", "R7年度", "目標値(R7年度)"]) == [
        ("name", None),
        ("baseline", "FY2020"),
        ("target", "FY2024"),
        ("target", "FY2025"),
        ("target", "FY2025"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "KPI\t単位\t現状\tR4\tR5\tR6\tR7\t目標\t数値根拠ほか",
        "主要施策コード\t成果指標\t区分\t令和元年\t令和3年実績\t令和5年末見込\t5か年目標",
        "区分 基準値 R3年度 R4年度 R5年度 目標値",
    ],
)
def test_a_header_of_year_actual_and_target_columns_is_a_table_header(line: str) -> None:
    assert header_columns(line) == tuple(line.replace("\t", " ").split())


@pytest.mark.parametrize(
    "line", ["R3 R4 R5 R6", "事業 R3 R4 R5", "令和元年 令和2年", "事業名 R3 R4 R5 担当課"]
)
def test_a_row_of_years_alone_is_no_table_header(line: str) -> None:
    assert header_columns(line) == ()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("R4", True),
        ("令和元年", True),
        ("5か年目標", True),
        ("令和3年実績", True),
        ("現状", True),
        ("区分", False),
        ("特定健康診査の受診率", False),
        ("1.5", False),
    ],
)
def test_a_value_column_is_a_year_or_a_short_word_of_a_value(cell: str, expected: bool) -> None:
    assert value_column(cell) is expected


# --- a period stated once, by a column's name in quotes -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "計画の最終年度である令和7年度に達成をめざす値を「5か年目標」としています。",
            [("target", "FY2025")],
        ),
        ("「目標」は計画の最終年度である令和7年度の値です。", [("target", "FY2025")]),
        ("「現状値」は、令和2年度の数値です。", [("baseline", "FY2020")]),
        ("目標値は、すべて令和7年度の数値です。", [("target", "FY2025")]),
        ("「現状」は策定時に把握できた値で、値の下に時点を示しています。", []),
        ("令和7年度に「まちづくり懇談会」を開きます。", []),
    ],
)
def test_a_statement_names_the_period_of_a_column_for_every_table(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(role, p.key()) for role, p in document_statements(text)] == expected


def test_a_legend_dates_the_target_column_it_names_and_no_intermediate_one() -> None:
    assert rows(
        "1 健やかなまち\n令和7年度に達成をめざす値を「5か年目標」としています。\n"
        "（1）健康づくりの推進\n健診を勧めます。\n"
        "成果指標\n指標名\t令和元年\t中間目標\t5か年目標\n特定健康診査の受診率\t38.4%\t45%\t50%\n"
    ) == [
        (
            "特定健康診査の受診率",
            "%",
            ("38.4%", "38.4", "CY2019"),
            [("45%", "45", None), ("50%", "50", "FY2025")],
        )
    ]


# --- a progress table: a year for the baseline, actuals and forecasts kept out ------------------


def test_actuals_and_forecasts_are_neither_baseline_nor_target() -> None:
    assert rows(
        HEAD + "成果指標\n"
        "主要施策コード\t成果指標\t区分\t令和元年\t令和3年実績\t令和4年実績\t令和5年末見込\t5か年目標\n"
        "22101\t特定健康診査の受診率\t当初\t38.4%\t35.9%\tなし\t41.0%\t50%\n"
        "21204\t子育て応援アプリの開設\t当初\tなし\tなし\t開設\t開設\t開設\n"
    ) == [
        ("特定健康診査の受診率", "%", ("38.4%", "38.4", "CY2019"), [("50%", "50", None)]),
        ("子育て応援アプリの開設", "", ("なし", "なし", "CY2019"), [("開設", "開設", None)]),
    ]


# --- yearly guides -----------------------------------------------------------------------------


def test_a_yearly_guide_of_an_arrow_sets_no_target_that_year() -> None:
    assert rows(
        HEAD + "成果指標\n指標名\t単位\t現状\tR4\tR5\tR6\t目標\n"
        "受診率\t%\t58.3(R元年度)\t→\t62.0\t→\t70.0(R7年度)\n"
        "受診者数\t人\t236(R元年度)\t→\t→\t→\t→\n"
    ) == [
        (
            "受診率",
            "%",
            ("58.3(R元年度)", "58.3", "FY2019"),
            [("62.0", "62", "Y2023"), ("70.0(R7年度)", "70", "FY2025")],
        ),
        ("受診者数", "人", ("236(R元年度)", "236", "FY2019"), [("→", None, None)]),
    ]


# --- cells one a line --------------------------------------------------------------------------

CELL_LINES = [
    "主要施策コード |",
    "成果指標 |",
    "区分 |",
    "令和元年 |",
    "令和3年実績 |",
    "5か年目標 |",
    "21101 |",
    "地域子育て支援センターの利用者数 |",
    "当初 |",
    "8,420人 |",
    "6,115人 |",
    "9,500人 |",
    "21203 |",
    "放課後児童クラブの待機児童数 |",
    "当初 |",
    "27人 |",
    "18人 |",
    "0人 |",
]


def test_cells_one_a_line_are_as_wide_as_the_header_that_makes_every_column_one_kind() -> None:
    assert width_of([c.removesuffix(" |") for c in CELL_LINES]) == 6


def test_cells_one_a_line_are_joined_into_a_header_and_rows() -> None:
    lines = [classify_text(t, n) for n, t in enumerate(["子育て支援の充実", *CELL_LINES], 1)]
    joined = join_cell_lines(lines)
    assert [(line.number, line.kind, line.cells) for line in joined] == [
        (1, "text", ()),
        (
            2,
            "header",
            ("主要施策コード", "成果指標", "区分", "令和元年", "令和3年実績", "5か年目標"),
        ),
        (
            8,
            "row",
            ("21101", "地域子育て支援センターの利用者数", "当初", "8,420人", "6,115人", "9,500人"),
        ),
        (14, "row", ("21203", "放課後児童クラブの待機児童数", "当初", "27人", "18人", "0人")),
    ]


def test_cells_one_a_line_that_make_no_table_stay_as_they_are() -> None:
    lines = [classify_text(t, n) for n, t in enumerate(["ホーム |", "お知らせ |", "リンク |"], 1)]
    assert join_cell_lines(lines) == lines


# --- laid out with spaces ----------------------------------------------------------------------

ACTION_PLAN = (
    "1 健やかなまち\n"
    "（1）健康づくりの推進\n"
    " KPI                         単位      現状       R4      R7       目標     数値根拠ほか\n"
    " 子育て支援に満足している     %         58.3       →     62.0      70.0    市民意識調査\n"
    " 保護者の割合                       (R元年度)                    (R7年度)\n"
    " 結婚支援事業による成婚数     組          ―        2       8         8     市民課調べ\n"
    " (累計)                                                          (R7年度)\n"
    " 重点事業① 広域結婚支援センターへの参加\n"
    "     近隣の4市町と共同で結婚支援センターを運営し、出会いの場を設けます。   【担当:市民課】\n"
)


def test_a_name_wrapped_onto_the_line_of_the_periods_is_one_name() -> None:
    assert rows(ACTION_PLAN)[0] == (
        "子育て支援に満足している保護者の割合",
        "%",
        ("58.3(R元年度)", "58.3", "FY2019"),
        [("62.0", "62", "Y2025"), ("70.0(R7年度)", "70", "FY2025")],
    )


def test_rows_laid_out_with_spaces_stop_at_a_line_without_values() -> None:
    read_rows = rows(ACTION_PLAN)
    assert [(name, unit) for name, unit, _, _ in read_rows] == [
        ("子育て支援に満足している保護者の割合", "%"),
        ("結婚支援事業による成婚数(累計)", "組"),
    ]
    assert read_rows[1][3] == [
        ("2", "2", "Y2022"),
        ("8", "8", "Y2025"),
        ("8(R7年度)", "8", "FY2025"),
    ]


def test_a_unit_column_left_empty_is_not_carried_down_from_the_row_above() -> None:
    assert [
        r[:2]
        for r in rows(
            "1 健やかなまち\n（1）健康づくりの推進\n"
            " 指標名                 単位      現状値       目標値\n"
            " 合計特殊出生率         ―         1.52         1.60\n"
            " 年間出生数                        236          240\n"
        )
    ] == [("合計特殊出生率", ""), ("年間出生数", "")]


def test_a_line_that_starts_left_of_the_table_ends_it() -> None:
    assert [
        r[0]
        for r in rows(
            "1 健やかなまち\n（1）健康づくりの推進\n【数値目標】\n"
            "　指標名　　　　　　　　　　　　　　基準値　　　　　　　　目標値\n"
            "　町内就業者に占める15～39歳の割合　24.1%（2015年）　　　 25.0%（2025年）\n"
            "関連するＳＤＧｓ　◎8　◎9　○15　○17\n"
        )
    ] == ["町内就業者に占める15～39歳の割合"]


def test_a_statement_before_the_first_heading_dates_the_figures_of_every_table() -> None:
    section = Section(
        key="indicators",
        blocks=[Block("row", "自主防災組織の結成率\t%\t75.0\t100")],
        columns=["指標名", "単位", "現状値", "目標値"],
    )
    node = Node(kind="measure", code="1-1", title="消防・防災体制の充実", sections=[section])
    preamble = ["成果指標について", "現状値は令和2年度の値です。", "目標値は、令和8年度の値です。"]
    assert read_indicators([node], {}, preamble) == []
    assert node_rows(node) == [
        ("自主防災組織の結成率", "%", ("75.0", "75", "FY2020"), [("100", "100", "FY2026")])
    ]


# --- a numbered note naming the survey a marked figure comes from -------------------------------

MARKED = (
    HEAD + "目標指標 現状値（令和2年度） 目標値（令和8年度）\n"
    "住宅の耐震化率 81.5%(※2) 95%\n"
    "消防団員数 287人(※3) 300人\n"
    "※2 平成30年住宅・土地統計調査をもとにした推計値です。\n"
    "※3 令和3年4月1日現在の値です。\n"
)


def test_a_numbered_note_naming_a_surveys_year_dates_the_figure_it_marks() -> None:
    assert [r[2] for r in rows(MARKED)] == [
        ("81.5%(※2)", "81.5", "CY2018"),
        ("287人(※3)", "287", "FY2020"),
    ]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("※2 平成30年住宅・土地統計調査をもとにした推計値です。", {"※2": "CY2018"}),
        ("※1 2020年国勢調査による。", {"※1": "CY2020"}),
        ("※1 令和3年4月1日現在の値です。", {}),
        ("※合計特殊出生率は、町が算出した値です。", {}),
        ("※1 関係人口：町外に住みながら関わる人。", {}),
    ],
)
def test_a_note_dates_its_mark_only_by_the_year_of_a_survey_or_statistic(
    note: str, expected: dict[str, str]
) -> None:
    assert {k: p.key() for k, p in note_dates([note]).items()} == expected


def test_a_figure_that_prints_its_own_period_keeps_it_whatever_its_note_says() -> None:
    assert [
        r[2]
        for r in rows(
            HEAD + "目標指標 現状値（令和2年度） 目標値（令和8年度）\n"
            "住宅の耐震化率 81.5%(※2)(令和元年度) 95%\n"
            "※2 平成30年住宅・土地統計調査をもとにした推計値です。\n"
        )
    ] == [("81.5%(※2)(令和元年度)", "81.5", "FY2019")]


def test_cells_with_a_pipe_on_both_sides_are_joined_the_same() -> None:
    texts = [f"| {c.removesuffix(' |')} |" for c in CELL_LINES]
    joined = join_cell_lines([classify_text(t, n) for n, t in enumerate(texts, 1)])
    assert [line.kind for line in joined] == ["header", "row", "row"]


def test_a_unit_column_of_its_own_and_a_name_wrapped_alone_onto_the_next_line() -> None:
    assert rows(
        HEAD + "目標指標\n"
        " 指標名                                  単位    現状値（R3年度）   目標値（R9年度）\n"
        " 特定健康診査の受診率                     ％          44.8              60.0\n"
        " 認知症サポーター養成講座の修了者数       人            38               150\n"
        " (累計)\n"
        " 公民館の年間利用者数                     人         9,640             9,600\n"
    ) == [
        ("特定健康診査の受診率", "％", ("44.8", "44.8", "FY2021"), [("60.0", "60", "FY2027")]),
        (
            "認知症サポーター養成講座の修了者数(累計)",
            "人",
            ("38", "38", "FY2021"),
            [("150", "150", "FY2027")],
        ),
        ("公民館の年間利用者数", "人", ("9,640", "9640", "FY2021"), [("9,600", "9600", "FY2027")]),
    ]


def test_a_progress_page_of_cells_one_a_line_reads_its_rows_and_the_legends_target_year() -> None:
    cells = "\n".join(CELL_LINES)
    assert rows(
        "成果指標の設定について\n"
        "計画の最終年度である令和7年度に達成をめざす値を「5か年目標」としています。\n"
        f"（1）子育て支援の充実\n{cells}\n",
        code="1",
    ) == [
        (
            "地域子育て支援センターの利用者数",
            "人",
            ("8,420人", "8420", "CY2019"),
            [("9,500人", "9500", "FY2025")],
        ),
        ("放課後児童クラブの待機児童数", "人", ("27人", "27", "CY2019"), [("0人", "0", "FY2025")]),
    ]
