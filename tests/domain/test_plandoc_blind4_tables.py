"""Indicator tables of the fourth blind batch, each read alone under one measure: a 目標指標
table laid out with ideographic spaces (a 振興計画's 節) and a web page's tab-separated 成果指標
table (施策 pages): the names as printed, the values and periods of each row."""

from __future__ import annotations

from shisaku.domain.docindicators import DocFigure
from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import Node, walk

Figure = tuple[str, str | None] | None


def figure(fig: DocFigure | None) -> Figure:
    """Return a known figure as (value, period key), None for none or 「―」."""
    if fig is None or fig.reading is None or not fig.reading.is_known():
        return None
    return fig.value_text(), fig.period.key() if fig.period is not None else None


def measure(text: str, title: str) -> Node:
    """Read an inline document and return the node titled ``title``."""
    reading = read_plan(document_from_text(text, name="若潮市.txt"))
    return next(n for n in walk(reading.tree.nodes) if n.title == title)


def rows(node: Node) -> list[tuple[str, str, Figure, Figure]]:
    """Return a node's rows as (name, unit, baseline, final target)."""
    return [(i.name, i.unit, figure(i.baseline), figure(i.target)) for i in node.indicators]


SPACED = (
    "第１節　保健・医療\n"
    "３　目標指標\n"
    "　指標名　　　　　　　　　　　　　　単位　　現状値（令和５年度）　目標値（令和11年度）\n"
    "　特定健康診査の受診率　　　　　　　％　　　41.8　　　　　　　　　55.0\n"
    "　がん検診（胃・肺・大腸）の受診率　％　　　16.2　　　　　　　　　25.0\n"
    "　新規就農者数（５年間の累計）　　　人　　　―　　　　　　　　　　15\n"
    "　観光入込客数　　　　　　　　　　　万人　　24.6　　　　　　　　　 30.0\n"
    "　宿泊者数　　　　　　　　　　　　　人　　　8,920（令和４年）　　　12,000\n"
    "－15－\n"
)


def test_a_table_laid_out_with_ideographic_spaces_reads_each_name_unit_and_value() -> None:
    assert rows(measure(SPACED, "保健・医療")) == [
        ("特定健康診査の受診率", "％", ("41.8", "FY2023"), ("55", "FY2029")),
        ("がん検診（胃・肺・大腸）の受診率", "％", ("16.2", "FY2023"), ("25", "FY2029")),
        ("新規就農者数（５年間の累計）", "人", None, ("15", "FY2029")),
        ("観光入込客数", "万人", ("24.6", "FY2023"), ("30", "FY2029")),
        ("宿泊者数", "人", ("8920", "CY2022"), ("12000", "FY2029")),
    ]


TABBED = (
    "施策1-2 消防・救急体制の充実\n"
    "主な取組\n"
    "・普通救命講習の開催（消防本部）\n"
    "成果指標\n"
    "指標名\t現状値（令和5年度）\t目標値（令和10年度）\n"
    "救急車の現場到着までの平均時間\t9.2分\t8.5分\n"
    "普通救命講習の受講者数（年間）\t1,180人\t1,500人\n"
    "消防団員の充足率\t78.6%（令和5年4月1日）\t90.0%（令和10年4月1日）\n"
    "関連する個別計画\n"
    "・若潮市消防計画\n"
)


def test_a_web_pages_tab_table_after_its_actions_reads_on_its_measure() -> None:
    assert rows(measure(TABBED, "消防・救急体制の充実")) == [
        ("救急車の現場到着までの平均時間", "分", ("9.2", "FY2023"), ("8.5", "FY2028")),
        ("普通救命講習の受講者数（年間）", "人", ("1180", "FY2023"), ("1500", "FY2028")),
        ("消防団員の充足率", "%", ("78.6", "CY2023"), ("90", "CY2028")),
    ]
