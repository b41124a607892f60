"""The minus marks ▲ and △ in more of the forms plans write, and what a reading keeps.

Japanese plans write a negative number with ▲ or △ (and sometimes - or −); the reading is the
same number whichever mark is used, and the display form always writes △. A reading keeps the
cell exactly as written (``raw``), which the import preview shows back to the person.
The values are fictional test data.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from shisaku.domain.values import (
    RANK_REASON,
    CellError,
    Component,
    Reading,
    format_value,
    qualified,
    read_value,
)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "shown"),
    [
        ("▲1.5%", "-1.5", "%", "", "△1.5%"),
        ("△1.5%", "-1.5", "%", "", "△1.5%"),
        ("▲ 1,234人", "-1234", "人", "", "△1,234人"),
        ("△3万人", "-30000", "人", "", "△30,000人"),
        ("▲0.5億円", "-50000000", "円", "", "△50,000,000円"),
        ("▲2.5ポイント", "-2.5", "ポイント", "", "△2.5ポイント"),
        ("約△10", "-10", "", "約", "約△10"),
        ("△10人以上", "-10", "人", "以上", "△10人以上"),
        ("▲10人程度", "-10", "人", "約", "約△10人"),
        ("△1,820人（見込み）", "-1820", "人", "見込", "△1,820人（見込）"),
    ],
)
def test_a_minus_mark_reads_as_a_negative_number_in_every_form(text, value, unit, qualifier, shown):
    reading = read_value(text)
    assert reading == Reading(text, "number", Decimal(value), unit, qualifier)
    assert format_value(reading) == shown
    assert read_value(shown).value == Decimal(value)


def test_minus_marks_in_the_parts_of_a_multi_part_value():
    reading = read_value("国語 ▲3人 算数 △2人")
    assert reading == Reading(
        "国語 ▲3人 算数 △2人",
        "multi",
        components=(
            Component("国語", Reading("▲3人", "number", Decimal(-3), "人")),
            Component("算数", Reading("△2人", "number", Decimal(-2), "人")),
        ),
    )
    assert format_value(reading) == "国語 △3人 / 算数 △2人"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("▲3位", RANK_REASON),
        ("+3位", RANK_REASON),  # a signed rank, even a plus, is no rank
        ("△", "数値でも日本語の語句でもありません"),
        ("▲", "数値でも日本語の語句でもありません"),
        ("全国▲3位", "数値・単位・注記の並びとして読めません"),
        ("△100,000,000,000,000円", "数値が大きすぎます（整数部は14桁まで）"),
    ],
)
def test_a_minus_mark_where_no_negative_number_can_be_is_refused(text, reason):
    with pytest.raises(CellError) as refused:
        read_value(text)
    assert (refused.value.raw, refused.value.reason) == (text, reason)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("増加", Reading("増加", "qualitative", qualifier="増加", label="増加")),
        ("上昇", Reading("上昇", "qualitative", qualifier="増加", label="上昇")),
        ("低下", Reading("低下", "qualitative", qualifier="減少", label="低下")),
        ("策定", Reading("策定", "qualitative", label="策定")),
        ("全国値", Reading("全国値", "reference", label="全国値")),
        ("県平均以上", Reading("県平均以上", "reference", qualifier="以上", label="県平均")),
        ("第3位以内", Reading("第3位以内", "rank", Decimal(3), "位", "以内")),
        ("全国12位", Reading("全国12位", "rank", Decimal(12), "位", "", "全国")),
        ("約5位", Reading("約5位", "rank", Decimal(5), "位", "約")),
    ],
)
def test_every_kind_of_reading_keeps_the_cell_as_written(text, expected):
    assert read_value(text) == expected


@pytest.mark.parametrize("text", ["以上 5人 以下 3人", "約 5人 算数 3人", "国語 5人 約 3人"])
def test_a_qualifier_word_is_no_label_of_a_part(text):
    with pytest.raises(CellError) as refused:
        read_value(text)
    assert refused.value.reason == (
        "ラベルのない数値が2つ以上あります（例: 小学生 85.6 / 中学生 82.6）"
    )


@pytest.mark.parametrize(
    ("qualifier", "shown"),
    [
        ("約・以上・見込", "約5人以上（見込）"),
        ("以上・見込", "5人以上（見込）"),
        ("暫定・速報", "5人（暫定速報）"),
        ("目安", "5人目安"),  # a qualifier this version does not know stays after the number
    ],
)
def test_stored_qualifiers_are_placed_before_after_or_in_parentheses(qualifier, shown):
    assert qualified("5人", qualifier) == shown
