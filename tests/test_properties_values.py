"""Properties of the value reader: any cell gives a Reading or a CellError, and a number written
as plans write it (commas, △, units, 万, 約 … 以上) reads back to the same value once formatted.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from shisaku.domain.values import LIMIT, CellError, Reading, format_value, read_value

UNITS = st.sampled_from(
    ["", "人", "%", "件", "名", "円", "千円", "㎡", "m2", "km", "回/年", "世帯"]
)
PREFIXES = st.sampled_from(["", "約", "およそ", "概ね"])
SUFFIXES = st.sampled_from(["", "以上", "以下", "未満", "超", "以内", "程度"])
NOTES = st.sampled_from(["", "（見込）", "(速報値)", "暫定", "推計値"])
SIGNS = st.sampled_from(["", "△", "▲", "-", "−", "+"])
CELL_CHARS = st.sampled_from(
    list("0123456789０１２,.，．△▲-+万億兆約以上下位%人件円 /:：・―ーなしX策定全国平均値県")
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
