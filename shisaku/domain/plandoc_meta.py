"""What a plan document says about itself: its title and its period.

The title is a line of the preamble or a running head that names a kind of plan (総合計画,
基本計画, 総合戦略 …); the period is what follows 「計画期間」 (「令和3年度～令和8年度」, 「2021
年度から2026年度まで」) or a year range in parentheses after the title.  Both are only offered:
the options of the import win, and nothing is guessed when the document is silent.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from shisaku.domain.periods import PeriodError, read_period
from shisaku.domain.plandoc_text import fold, squeeze

PLAN_WORDS = (
    "総合計画",
    "基本計画",
    "総合戦略",
    "振興計画",
    "実施計画",
    "基本構想",
    "創生総合戦略",
    "まちづくり計画",
    "ビジョン",
)
_YEAR = r"(?:(?:令和|平成|昭和|R|H|r|h)\s*(?:[0-9]{1,2}|元)|[0-9]{4})\s*(?:\([^()]*\))?\s*年度?"
_RANGE = re.compile(rf"({_YEAR})\s*(?:[~〜～\-－―ー]|から)\s*({_YEAR})")
_PERIOD_LABEL = re.compile(r"計画(?:の)?期間|期間")


def _title_like(text: str) -> bool:
    """Tell whether a line reads as a plan's title."""
    return (
        any(word in text for word in PLAN_WORDS)
        and "。" not in text
        and 4 <= len(text) <= 60
        and not text.startswith(("・", "●", "※"))
    )


def find_title(preamble: Iterable[str], running: Iterable[str]) -> str:
    """Return the plan title the document states: a running head first, else the preamble."""
    heads = Counter(t.strip() for t in running if _title_like(t.strip()))
    if heads:
        return heads.most_common(1)[0][0]
    return next((t.strip() for t in preamble if _title_like(t.strip())), "")


def _range(text: str) -> tuple[int, int] | None:
    """Return the first year range in ``text`` as (start, end), or None."""
    for m in _RANGE.finditer(fold(text)):
        try:
            start, end = read_period(squeeze(m[1])), read_period(squeeze(m[2]))
        except PeriodError:
            continue
        if start.start <= end.end and end.end - start.start <= 20:
            return start.start, end.end
    return None


def find_period(lines: Iterable[str]) -> tuple[int, int] | None:
    """Return the plan period a 「計画期間」 line (or the next line) states, or None."""
    items = list(lines)
    for i, text in enumerate(items):
        if _PERIOD_LABEL.search(text):
            found = _range(text) or (_range(items[i + 1]) if i + 1 < len(items) else None)
            if found is not None:
                return found
    return next((r for t in items if _title_like(t) and (r := _range(t))), None)
