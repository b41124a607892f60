"""Properties of the value reader: any cell gives a Reading or a CellError, and a number written
as plans write it (commas, △, units, 万, 3万5千, 約 … 以上) reads back to the same value once
formatted.  The figure-cell reader gives a FigureCell or a CellError/PeriodError on any text, and
a formatted value with a period in brackets reads back to that value and period.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from shisaku.domain.eras import era_year
from shisaku.domain.figurecells import FigureCell, read_figure_cell
from shisaku.domain.periods import FIRST_YEAR, Period, PeriodError
from shisaku.domain.values import LIMIT, CellError, Reading, format_value, read_value

UNITS = st.sampled_from(
    ["", "人", "%", "件", "名", "円", "千円", "㎡", "m2", "km", "回/年", "世帯"]
)
PREFIXES = st.sampled_from(["", "約", "およそ", "概ね"])
SUFFIXES = st.sampled_from(["", "以上", "以下", "未満", "超", "以内", "程度"])
NOTES = st.sampled_from(["", "（見込）", "(速報値)", "暫定", "推計値"])
SIGNS = st.sampled_from(["", "△", "▲", "-", "−", "+"])
CELL_CHARS = st.sampled_from(
    list("0123456789０１２,.，．△▲-+万億兆千約以上下位第内%人件円 /:：・―ーなしX")
    + list("策定全国平均値県現状維持増減")
)


def _grouped(digits: str) -> str:
    """Return whole digits with a comma every three, as plans write them."""
    return f"{int(digits):,}"


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """Return a number cell as a plan writes it: 約1,820.5人以上（見込）, △10, 12.5万人."""
    whole = draw(st.integers(0, 10**12))
    text = _grouped(str(whole)) if draw(st.booleans()) else str(whole)
    if draw(st.booleans()):
        text += "." + draw(st.text("0123456789", min_size=1, max_size=4))
    if whole < 10**5 and draw(st.integers(0, 4)) == 0:  # 万 and 億 stay within 14 digits
        text += draw(st.sampled_from(["万", "億"]))
    body = draw(SIGNS) + text + draw(UNITS)
    return draw(PREFIXES) + body + draw(SUFFIXES) + draw(NOTES)


@settings(max_examples=500)
@given(st.one_of(st.text(), st.text(CELL_CHARS, max_size=16)))
def test_any_cell_gives_a_reading_or_a_cell_error(text):
    try:
        reading = read_value(text)
    except CellError as error:
        assert error.raw == text
        assert "受け付けます" in str(error)
        return
    assert isinstance(reading, Reading)
    assert reading.raw == text
    if reading.value is not None:
        assert abs(reading.value) < LIMIT


@settings(max_examples=400)
@given(numbers())
def test_a_number_reads_back_to_the_same_value_once_formatted(text):
    reading = read_value(text)
    assert reading.kind == "number"
    again = read_value(format_value(reading))
    assert (again.kind, again.value, again.unit) == (reading.kind, reading.value, reading.unit)
    assert again.qualifier == reading.qualifier


@given(st.integers(1, 10**6))
def test_a_rank_is_a_positive_whole_number(rank):
    assert read_value(f"{rank}位").value == rank
    assert read_value(f"{rank:,}位").kind == "rank"


@given(st.decimals(min_value=-(10**13), max_value=10**13, places=3, allow_nan=False))
def test_every_number_the_reader_stores_is_written_back_exactly(value):
    reading = Reading(raw="", kind="number", value=value, unit="人")
    assert read_value(format_value(reading)).value == value


@given(st.integers(15, 30))
def test_a_number_too_large_to_store_is_refused(digits):
    try:
        read_value("9" * digits + "人")
    except CellError as error:
        assert "数値が大きすぎます" in str(error)
    else:
        raise AssertionError("accepted a number of more than 14 whole digits")


def test_fourteen_whole_digits_are_the_most_a_number_may_have():
    assert read_value("99,999,999,999,999人").value == Decimal("99999999999999")


def _in_places(n: int, thousands: bool) -> str:
    """Return a whole number in 億/万 places as plans print it: 1億2,345万6千789."""
    text, rest = "", n
    for place, size in (("億", 10**8), ("万", 10**4)):
        if rest >= size:
            text += f"{rest // size:,}{place}"
            rest %= size
    if rest and thousands and rest >= 1000 and text:
        text += f"{rest // 1000}千"
        rest %= 1000
    return text + (str(rest) if rest else "")


@settings(max_examples=300)
@given(st.integers(10**4, 10**13), st.booleans(), UNITS.filter(lambda u: not u.startswith("千")))
def test_a_number_in_mixed_places_reads_to_its_value(n, thousands, unit):
    reading = read_value(_in_places(n, thousands) + unit)
    assert (reading.value, reading.unit) == (n, unicodedata.normalize("NFKC", unit))


FIGURE_CHARS = st.sampled_from(
    list("0123456789,.%人件()（） ※*:：~年度令和平成HR元累計全世帯見込約位第上国県万千")
)


@settings(max_examples=500)
@given(st.one_of(st.text(), st.text(FIGURE_CHARS, max_size=20)))
def test_any_figure_cell_gives_a_figure_cell_or_a_cell_or_period_error(text):
    try:
        cell = read_figure_cell(text)
    except (CellError, PeriodError) as error:
        assert error.raw == text
        return
    assert isinstance(cell, FigureCell)
    assert cell.raw == text


@st.composite
def period_texts(draw: st.DrawFn) -> tuple[Period, str]:
    """Return a period and a way plans write it: 2019年度, 令和元年, H31, 2019~2023年度平均."""
    start = draw(st.integers(FIRST_YEAR, 2100))
    end = draw(st.integers(start, min(start + 10, 2100)))
    aggregate = "single" if start == end else draw(st.sampled_from(["range", "average"]))
    period = Period(start, end, draw(st.sampled_from(["fiscal", "calendar"])), aggregate)
    if draw(st.booleans()):
        return period, period.label_ja()
    suffix = "年度" if period.basis == "fiscal" else "年"
    span = str(start) if start == end else f"{start}~{end}"
    text = span + suffix + ("平均" if aggregate == "average" else "")
    if start == end and draw(st.booleans()):
        text = era_year(start).ja + suffix
    return period, text


OTHER_VALUES = st.sampled_from(
    [
        "策定",
        "全国値",
        "全国平均以上",
        "県内上位5位以内",
        "全国12位",
        "第3位",
        "現状維持",
        "減少",
        "―",
        "なし",
        "3万5千人",
        "1億2,400万円",
        "2,205千人",
        "小学生 85.6 / 中学生 82.6",
    ]
)


@settings(max_examples=400)
@given(st.one_of(numbers(), OTHER_VALUES), period_texts(), st.sampled_from(["", " "]))
def test_a_value_with_its_period_in_brackets_reads_back_to_both(value, period_text, gap):
    period, text = period_text
    reading = read_value(value)
    cell = read_figure_cell(f"{format_value(reading)}{gap}({text})")
    assert (cell.reading.kind, cell.reading.value, cell.reading.unit) == (
        reading.kind,
        reading.value,
        reading.unit,
    )
    assert (cell.reading.qualifier, cell.reading.label) == (reading.qualifier, reading.label)
    assert cell.reading.components == reading.components
    assert cell.period is not None
    assert cell.period.key() == period.key()
