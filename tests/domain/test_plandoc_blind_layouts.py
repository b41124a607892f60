"""Layouts of real plans the reader was not tuned on: Roman codes in Latin letters, numbers glued
to their titles, codes in bulleted lists, KPI lines without a label, and project tables."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc import PlanReading, read_plan
from shisaku.domain.plandoc_numbering import Numbering, number_value, read_numbering
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import Node, walk


def read(text: str) -> PlanReading:
    """Read an inline document."""
    return read_plan(document_from_text(text, name="椿丘市.txt"))


def outline(reading: PlanReading) -> list[tuple[str, str, str]]:
    """Return every node as (kind, code, title); an unknown title as 「?」."""
    return [(n.kind, n.code, n.title if n.title_known else "?") for n in walk(reading.tree.nodes)]


def node(reading: PlanReading, code: str) -> Node:
    """Return the node with ``code``."""
    return next(n for n in walk(reading.tree.nodes) if n.code == code)


# --- (a) a Roman numeral in Latin letters begins a code ---------------------------------------


@pytest.mark.parametrize(
    ("line", "style", "numbers", "title", "word"),
    [
        ("政策分野I-1 災害に備える", "政策分野Ⅰ-{}", (1, 1), "災害に備える", "政策分野"),
        ("政策分野II-1 子育て", "政策分野Ⅰ-{}", (2, 1), "子育て", "政策分野"),
        ("政策分野III-2 産業の振興", "政策分野Ⅰ-{}", (3, 2), "産業の振興", "政策分野"),
        ("政策分野IV-1 環境", "政策分野Ⅰ-{}", (4, 1), "環境", "政策分野"),
        ("政策分野Ｉ－２ 防犯", "政策分野Ⅰ-{}", (1, 2), "防犯", "政策分野"),
        ("政策分野Ⅱ-3 教育", "政策分野Ⅰ-{}", (2, 3), "教育", "政策分野"),
    ],
)
def test_a_level_word_with_a_roman_code_in_latin_letters_is_a_heading(
    line: str, style: str, numbers: tuple[int, ...], title: str, word: str
) -> None:
    assert read_numbering(line) == Numbering(style, numbers, title, word, True)


@pytest.mark.parametrize(
    ("line", "numbers"),
    [("I-1 災害に備える", (1, 1)), ("ＩＩ－１ 災害に備える", (2, 1)), ("Ⅲ-2 災害に備える", (3, 2))],
)
def test_a_roman_code_alone_is_a_code_not_a_numeral_before_its_title(
    line: str, numbers: tuple[int, ...]
) -> None:
    assert read_numbering(line) == Numbering("Ⅰ-{}", numbers, "災害に備える")


def test_a_roman_numeral_in_latin_letters_without_a_code_is_read_as_before() -> None:
    assert read_numbering("II 基本計画") == Numbering("Ⅰ", (2,), "基本計画")
    assert read_numbering("政策分野II 災害に備える") is None
    assert number_value("XII") == 12


def test_a_page_of_policy_fields_with_roman_codes_is_read() -> None:
    reading = read(
        "総合計画指標一覧\n"
        "政策分野I-1 災害に備え、命と暮らしを守るまちづくり\n"
        "指標\t現状\t目標\n"
        "自主防災組織の活動カバー率\t71.4%(令和2年度)\t85.0%(令和6年度)\n"
        "政策分野I-2 犯罪や事故のない安全な地域づくり\n"
        "指標\t現状\t目標\n"
        "刑法犯認知件数\t1,342件(令和2年)\t1,000件(令和6年)\n"
        "政策分野II-1 子どもを安心して産み育てられる環境づくり\n"
        "指標\t現状\t目標\n"
        "子育て支援センターの年間利用者数\t31,560人(令和2年度)\t42,000人(令和6年度)\n"
    )
    assert outline(reading) == [
        ("field", "1", "?"),
        ("measure", "1-1", "災害に備え、命と暮らしを守るまちづくり"),
        ("measure", "1-2", "犯罪や事故のない安全な地域づくり"),
        ("field", "2", "?"),
        ("measure", "2-1", "子どもを安心して産み育てられる環境づくり"),
    ]
    assert [i.name for i in node(reading, "1-2").indicators] == ["刑法犯認知件数"]
