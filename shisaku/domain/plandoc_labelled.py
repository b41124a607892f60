"""Indicator rows that name each value: 「現状値 38.6%（令和元年度） 目標値 50.0%」.

Some plans, and every screen reader's text of a table, print a row as pairs of a column word and
its value (「現状ちの時点、令和元年度、現状ち、38.6%、目標ち、50.0%」, the reader's 値 spelled
ち).  A label takes the token after it: a value for 現状値/基準値/目標値/中間目標値, a period for
「…の時点」.  Words before the first label are the indicator's name (or continue the name given
on the line before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shisaku.domain.plandoc_sections import spoken_to_written

VALUE_LABELS = {
    "現状値": "baseline",
    "基準値": "baseline",
    "現況値": "baseline",
    "現在値": "baseline",
    "策定時": "baseline",
    "目標値": "target",
    "最終目標値": "target",
    "中間目標値": "intermediate",
}
_PERIOD_LABEL = re.compile(r"^(?P<label>" + "|".join(VALUE_LABELS) + r")の?(?:時点|年度|基準年)$")
_SPLIT = re.compile(r"[\s、：:]+")  # not commas: 8,412人 is one value


@dataclass
class LabelledRow:
    """A row read from labels: its name words and, by role, a value and a period text."""

    name: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    periods: dict[str, str] = field(default_factory=dict)


def _label(token: str) -> tuple[str, str] | None:
    """Return (role, "value" or "period") when ``token`` is a column word, else None."""
    if token in VALUE_LABELS:
        return VALUE_LABELS[token], "value"
    m = _PERIOD_LABEL.match(token)
    return (VALUE_LABELS[m["label"]], "period") if m else None


def labelled_tokens(text: str) -> list[str]:
    """Return the tokens of a stream, cut at spaces, 、 and colons, column words written out."""
    return [t for t in _SPLIT.split(spoken_to_written(text)) if t]


def is_labelled(text: str) -> bool:
    """Tell whether a stream names its values: two column words or more, each with a value."""
    return sum(_label(t) is not None for t in labelled_tokens(text)) >= 2


def labelled_rows(text: str) -> list[LabelledRow]:
    """Return the rows of a labelled stream (see the module docstring)."""
    rows: list[LabelledRow] = []
    tokens = labelled_tokens(text)
    i = 0
    while i < len(tokens):
        label = _label(tokens[i])
        if label is None:
            if not rows or rows[-1].values:
                rows.append(LabelledRow())
            rows[-1].name.append(tokens[i])
            i += 1
            continue
        if not rows:
            rows.append(LabelledRow())
        role, kind = label
        target = rows[-1].values if kind == "value" else rows[-1].periods
        if i + 1 < len(tokens):
            target[role] = tokens[i + 1]
        i += 2
    return [r for r in rows if r.values]
