"""What a plan document says about itself: its title and its period.

The title is a line of the preamble (the cover) that names a kind of plan (総合計画, 基本計画,
総合戦略 …), joined with the line after it when the cover breaks it in two (「第2次雲雀野市総合
計画」 / 「後期基本計画」); failing that, the running head that names one.  The period is the year
range after 「計画期間」 or beside the title (「令和3年度～令和8年度」, 「2022（令和4）年度 ▶ 2026
（令和8）年度」, 「（2022～2026）」, 「令和5～9年度」).  Both are only offered: the options of the
import win, and nothing is guessed when the document is silent.
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
    "まちづくり計画",
    "ビジョン",
)
# A cover's second line that only says which part of the plan it is.
_PART_LINE = re.compile(r"^(?:前期|後期|第[0-9０-９一二三四五六七八九十]+期)?基本計画$")
_FRAME = re.compile(r"^(?:第[0-9０-９一二三四五六七八九十]+[部章節])")
_YEAR = r"(?:(?:令和|平成|昭和|R|H)\s*(?:[0-9]{1,2}|元)|[0-9]{4})\s*(?:\([^()]*\))?\s*(?:年度|年)?"
_SEP = r"\s*(?:[~〜\-－―ー▶▷→⇒]+|から)\s*"
_END_YEAR = rf"(?:{_YEAR}|[0-9]{{1,2}}\s*年度?)"  # 令和5～9年度: the era is the start's
_RANGE = re.compile(rf"({_YEAR}){_SEP}({_END_YEAR})")
_TRAILING_RANGE = re.compile(
    rf"[\s(（]*{_YEAR}{_SEP}(?:{_YEAR}|[0-9]{{1,2}}\s*年度?)\s*(?:まで)?[)）]?\s*$"
)
_PERIOD_LABEL = re.compile(r"計画(?:の)?期間")


def _title_like(text: str) -> bool:
    """Tell whether a line reads as a plan's title."""
    return (
        any(word in text for word in PLAN_WORDS)
        and "。" not in text
        and 4 <= len(text) <= 60
        and not text.startswith(("・", "●", "※"))
    )


# A viewer's label or a running head's page number before the title, its page number after.
_BEFORE_TITLE = re.compile(r"^(?:ブックタイトル|[0-9０-９]+(?=\D))\s*")
_PAGE_AFTER = re.compile(r"\s+[0-9０-９]{1,3}$")


def _clean_title(text: str) -> str:
    """Return a title without a year range or page number after it and without a viewer's
    label or a page number before it."""
    return _cut_range(_PAGE_AFTER.sub("", _BEFORE_TITLE.sub("", text.strip())))


def _cut_range(text: str) -> str:
    """Return ``text`` without the year range that ends it (in its own characters)."""
    m = _TRAILING_RANGE.search(fold(text))
    return text[: m.start()].rstrip() if m else text


def _covers(preamble: list[str]) -> Iterable[str]:
    """Yield the title-like lines of a preamble, a line broken in two joined again."""
    for i, text in enumerate(preamble):
        text = text.strip()
        if not _title_like(text) or _FRAME.match(text):
            continue
        after = preamble[i + 1].strip() if i + 1 < len(preamble) else ""
        yield f"{text} {after}" if _PART_LINE.match(after) and after not in text else text


def find_title(preamble: Iterable[str], running: Iterable[str]) -> str:
    """Return the plan title the document states: a running head that names the plan (an
    e-book repeats its title on every page), else the cover."""
    heads = Counter(
        _clean_title(t) for t in running if _title_like(t.strip()) and not _FRAME.match(t.strip())
    )
    if heads:
        return heads.most_common(1)[0][0]
    return _clean_title(next(iter(_covers(list(preamble))), ""))


def _range(text: str) -> tuple[int, int] | None:
    """Return the first year range in ``text`` as (start, end), or None."""
    for m in _RANGE.finditer(fold(text)):
        start, end = (re.sub(r"\([^()]*\)", "", squeeze(g)) for g in (m[1], m[2]))
        try:
            span = read_period(f"{start}~{end}")
        except PeriodError:
            continue
        if span.end - span.start <= 20:
            return span.start, span.end
    return None


def find_period(lines: Iterable[str]) -> tuple[int, int] | None:
    """Return the plan period a 「計画期間」 line (or the next line) states, or the range a
    title-like line gives, or None."""
    items = [t for t in lines if t.strip()]
    for i, text in enumerate(items):
        if _PERIOD_LABEL.search(text):
            found = _range(text) or (_range(items[i + 1]) if i + 1 < len(items) else None)
            if found is not None:
                return found
    near = [t for n, t in enumerate(items) if _title_like(t) or (n and _title_like(items[n - 1]))]
    return next((r for t in near if (r := _range(t))), None)
