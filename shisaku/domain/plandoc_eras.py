"""The era a plan document states, carried to the years it prints without one.

A page that gives the era once (「71.4%(令和2年度)」) often leaves it out afterwards
(「85.0%(6年度)」, 「(2年)」): those years are in the era last stated before them, in the
document's reading order (its table headers and figure cells).  A table may also come before
any era is stated in a table (「現状値(2年度) 目標値(6年度)」 on the first page of a plan whose
計画期間 is 「令和3年度～令和6年度」): its years are then in the era the document states for
itself — the era of its plan period, or else the one era its text ever names with a year (a
date 「令和5年4月1日」 in a sentence), or else of the plan period given apart from its text (the
user's --period, 2021-2024: 令和).  Where none of these names one, or the document names two
eras and no plan period, a year without one stays no period: it is never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from shisaku.domain.eras import era_year
from shisaku.domain.periods import stated_era

# An era written with its year (令和3年, 平成30年度, R3年度, 令和元年); letters only before 年,
# so that 「H2O」 or a product code is no era.
_ERA_YEAR = re.compile(r"(令和|平成|昭和|(?<![A-Za-z])[RHS])\s*(?:[0-9]{1,2}|元)\s*\)?\s*年")
_LETTERS = {"R": "令和", "H": "平成", "S": "昭和"}
# A span of years with the era at its start: the plan period (令和3年度～令和8年度, R6~R9年度).
_SPAN = re.compile(
    r"(令和|平成|(?<![A-Za-z])[RH])\s*(?:[0-9]{1,2}|元)\s*(?:\([0-9]{4}\))?\s*年度?\s*"
    r"[~〜\-－–—]\s*(?:令和|平成|[RH])?\s*[0-9]{1,2}\s*(?:\([0-9]{4}\))?\s*年度?"
)
_PERIOD_WORDS = ("計画期間", "期間")


@dataclass
class EraCarry:
    """The era last stated in a document's tables (None until one is)."""

    era: str | None = None

    def note(self, text: str) -> None:
        """Take the era ``text`` names (令和 of 令和2年度, 平成 of H28) as the one in force."""
        found = stated_era(text)
        if found is not None:
            self.era = found


def document_era(texts: Iterable[str]) -> str | None:
    """Return the era a document states for itself: that of its plan period (a span of years
    such as 令和3年度～令和8年度, one after 計画期間 first), else the only era its text names
    with a year; None when it names none, or several without a plan period."""
    folded = [unicodedata.normalize("NFKC", t) for t in texts]
    spans = [(_period_word(t, m.start()), m[1]) for t in folded for m in _SPAN.finditer(t)]
    if spans:
        return _era_name(max(spans, key=lambda s: s[0])[1])
    named = {_era_name(m[1]) for t in folded for m in _ERA_YEAR.finditer(t)}
    return named.pop() if len(named) == 1 else None


_SETTLED = 2  # a plan period this many years into its era has its baselines in that era too


def plan_era(period: tuple[int, int] | None) -> str | None:
    """Return the era of a plan period given apart from the text (the user's --period, or the
    period the cover states in kanji numerals: 2021-2024 → 令和), when the period starts at least
    two years into that era, so that a baseline a year or two before it is of that era too
    (2020-2024 could have its baselines in 平成: None)."""
    if period is None:
        return None
    start = era_year(period[0])
    return start.era.name if start.year > _SETTLED else None


def _period_word(text: str, at: int) -> bool:
    """Tell whether a period word (計画期間) stands shortly before position ``at``."""
    return any(w in text[max(0, at - 12) : at] for w in _PERIOD_WORDS)


def _era_name(written: str) -> str:
    """Return an era's name from how it is written (R → 令和)."""
    return _LETTERS.get(written, written)
