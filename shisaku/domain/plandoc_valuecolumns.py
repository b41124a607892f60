"""Header cells that head a column of values without being a column name.

Besides its column names (基準値, 目標値, 単位 …), a table's header may head a column by a year
alone (R4, 令和元年) or by a short word of a target, an actual or a baseline (5か年目標,
令和3年実績, 令和5年末見込, 現状): such cells count as the header's own when telling a header
from a row.
"""

from __future__ import annotations

from shisaku.domain.periods import PeriodError, read_period
from shisaku.domain.plandoc_text import match_key

_VALUE_WORDS = ("目標", "実績", "見込", "現状", "基準")
_VALUE_LIMIT = 10


def value_column(cell: str) -> bool:
    """Tell whether a header cell heads a column of values without being a column name: a
    year alone (R4, 令和元年) or a short word of a target, actual or baseline (5か年目標,
    令和3年実績, 令和5年末見込, 現状)."""
    key = match_key(cell)
    if len(key) > _VALUE_LIMIT or "。" in key:
        return False
    if any(w in key for w in _VALUE_WORDS):
        return True
    try:
        read_period(key)
    except PeriodError:
        return False
    return True
