"""Read a whole figure cell of a plan's table: a value with its period, scope and footnote marks.

Real tables print 1.38(H28), 62.0%（2019年度）, 8件(累計), 1.44(※) (2019年), R1 1.38,
令和元年度：1.38, 4,386人 (2015~2019年累計).  Rules (the cell is NFKC-normalised for matching
only; ``raw`` keeps it verbatim):

- Footnote marks (※, ※1, *1, ＊, †) are taken out wherever they stand and kept in ``marks``,
  in order and normalised (＊1 → *1): 1.50※1, 1.44(※).
- Parentheses at the end of the cell, then at its start, are read one by one:
  a period (H28, 2019年度, 令和元年, 2015~2019年累計, 2019, 令和2年4月1日現在) → ``period``;
  a note qualifier (見込, 速報, 確定, 暫定, 推計) stays with the value, which reads it as its
  qualifier, as :func:`read_value` does; a period and other words separated by ・ 、 , / or a
  space (2019年度・全世帯) give both; anything else (累計, 全世帯, 目標, 第2期) is ``scope``,
  kept without its brackets, several joined with ・.  A parenthesis that is a period written
  wrongly (2021年2月30日, 2023~2019年度) is refused with the period's reason.
- A word target with the number it counts in parentheses (全校(14校), 全員(120人)) reads as
  that number, the word kept as ``scope``; so does 全 glued to the number it counts
  (全35市町村: 35 市町村, scope 全).
- Without brackets a period may stand before the value, followed by a space, a colon or
  nothing after 年/年度 (R1 1.38, 2019年度 62.0%, 令和元年度：1.38), or after it following a
  space (1,204人 令和元年).  It must then say 年, 年度, FY or an era: 2019 alone could be a
  value.  The words 累計, 合計, 単年度, 年間, 全世帯 may stand there too, as a scope (8件 累計).
- What remains is the value, read by :func:`read_value`.  A cell that is nothing but a value
  reads exactly as :func:`read_value` reads it (``reading.raw`` verbatim, ``period`` None);
  otherwise ``reading.raw`` is the value's normalised text and ``period.raw`` the period's.
- Refused: a page reference (80ページ, P.12, 12頁): a page mark a copy ran into a table is
  never a value;
  a value that cannot be read (CellError naming the whole cell, as today for
  「1,820人 2,000人」), a cell that is only a period (2019年度), and two periods that differ
  (PeriodError).  A range period keeps 累計/平均 in its aggregate, not in ``scope``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from shisaku.domain.periods import Basis, NotAPeriod, Period, PeriodError, read_period
from shisaku.domain.values import NOTE_QUALIFIERS, CellError, Reading, read_value

SCOPE_WORDS = frozenset({"累計", "合計", "単年度", "年間", "全世帯"})
_MARK = re.compile(r"[※*†‡][0-9]*")
_SPACE = re.compile(r"\s")
_PIECES = re.compile(r"[・、,/\s]+")
_MARKED = re.compile(r"年|fy|[mtshr][0-9元]|明治|大正|昭和|平成|令和|[0-9][./][0-9]", re.I)
# Where a period or scope word meets its value: a space or colon, after 年/年度/日 … before a
# number, and after a scope word glued to its number (累計8,412人, 年間12人).
_GAPS = re.compile(r"[\s:]+|(?<=[年度末在点日])(?=[0-9△▲+\-−約])|(?<=累計|年間|合計)(?=[0-9])")


@dataclass(frozen=True)
class FigureCell:
    """A figure cell read: the value, the period and scope it states, and its footnote marks."""

    raw: str
    reading: Reading
    period: Period | None
    scope: str = ""
    marks: str = ""


@dataclass
class _Parts:
    """What reading a cell has found so far besides its value."""

    basis: Basis | None
    era: str | None = None
    periods: list[Period] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_figure_cell(
    text: str, *, default_basis: Basis | None = None, default_era: str | None = None
) -> FigureCell:
    """Read a figure cell (1.38(H28), 62.0%（2019年度）, R1 1.38, 8件(累計)), or raise.

    ``default_era`` is the era of a year printed without one (85.0%(6年度) on a page that
    gave 令和 before): see :func:`~shisaku.domain.periods.read_period`.
    """
    if is_page_reference(text):
        raise CellError(text, "ページ番号です（値ではありません）")
    try:
        return _read(text, _Parts(default_basis, default_era))
    except PeriodError as error:
        raise PeriodError(text, error.reason) from None


_PAGE = re.compile(r"(?:[0-9]{1,4}\s*(?:ページ|頁)|(?:p|P|ページ|頁)\.?\s*[0-9]{1,4})(?:参照)?")


def is_page_reference(text: str) -> bool:
    """Tell whether a cell is a page reference (80ページ, P.12, 12頁), not a value."""
    return bool(_PAGE.fullmatch(unicodedata.normalize("NFKC", text).strip()))


def _read(text: str, parts: _Parts) -> FigureCell:
    """Read a figure cell; the body of ``read_figure_cell``."""
    normal = unicodedata.normalize("NFKC", text).strip()
    marks = "".join(_MARK.findall(normal))
    rest = _whole(_peel(_MARK.sub("", normal).strip(), parts), parts)
    value = _split_unbracketed(text, rest, parts) + "".join(parts.notes)
    reading = _reading(text, value, whole=value == normal)
    reading = _counted(reading, parts)
    return FigureCell(text, reading, _period(text, parts), "・".join(parts.scopes), marks)


_WHOLE = re.compile(r"^全(?=[0-9])")


def _whole(text: str, parts: _Parts) -> str:
    """Return a value without 全 glued to the number it counts (全35市町村 → 35市町村), the
    word kept as the scope."""
    if not _WHOLE.match(text):
        return text
    parts.scopes.append("全")
    return text[1:]


def _counted(reading: Reading, parts: _Parts) -> Reading:
    """Return the number a word target counts in parentheses (全校(14校) → 14校, the word
    kept as the scope); any other reading as it is."""
    if reading.kind != "qualitative" or reading.qualifier or len(parts.scopes) != 1:
        return reading
    if _MARKED.search(parts.scopes[0]):  # 現状(2年度末): a year left without its era, no count
        return reading
    try:
        number = read_value(parts.scopes[0])
    except CellError:
        return reading
    if number.kind != "number":
        return reading
    parts.scopes = [reading.label]
    return number


def _reading(raw: str, value: str, *, whole: bool) -> Reading:
    """Read the value part; a cell that is nothing but a value reads verbatim."""
    if whole:
        return read_value(raw)
    try:
        return read_value(value)
    except CellError as error:
        raise CellError(raw, error.reason) from None


def _period(raw: str, parts: _Parts) -> Period | None:
    """Return the one period the cell states, refusing two that differ."""
    if len({p.key() for p in parts.periods}) > 1:
        found = "』と『".join(p.raw for p in parts.periods)
        raise PeriodError(raw, f"期間が2つあります（『{found}』）")
    return parts.periods[0] if parts.periods else None


def _closing(text: str) -> int | None:
    """Return where the parenthesis that ends ``text`` opens (0: it is all), or None."""
    found = _matching(text[::-1], ")", "(")
    return None if found is None else len(text) - 1 - found


def _opening(text: str) -> int | None:
    """Return where the parenthesis that starts ``text`` closes, or None."""
    return _matching(text, "(", ")")


def _matching(text: str, opening: str, closing: str) -> int | None:
    """Return where the bracket that starts ``text`` is closed, or None."""
    if not text.startswith(opening):
        return None
    depth = 0
    for i, c in enumerate(text):
        depth += 1 if c == opening else -1 if c == closing else 0
        if depth == 0:
            return i
    return None


def _peel(text: str, parts: _Parts) -> str:
    """Take the parentheses off both ends of ``text`` into ``parts``; return what is left."""
    leading: list[str] = []
    while (j := _opening(text)) is not None and j < len(text) - 1:
        leading.append(text[1:j].strip())
        text = text[j + 1 :].lstrip()
    trailing: list[str] = []
    while (i := _closing(text)) is not None and i > 0:
        trailing.insert(0, text[i + 1 : -1].strip())
        text = text[:i].rstrip()
    for content in leading + trailing:  # in the order they are written
        _bracketed(content, parts)
    return text


def _bracketed(content: str, parts: _Parts) -> None:
    """Sort the text of one parenthesis into a period, a note of the value or a scope."""
    if not content:
        return
    if content in NOTE_QUALIFIERS:
        parts.notes.append(f"({content})")
        return
    if (period := _as_period(content, parts)) is not None:
        parts.periods.append(period)
        return
    pieces = _PIECES.split(content)
    found = [p for piece in pieces if (p := _as_period(piece, parts)) is not None]
    if len(pieces) < 2 or not found:
        parts.scopes.append(content)
        return
    parts.periods.extend(found)
    for piece in (p for p in pieces if _as_period(p, parts) is None):
        _bracketed(piece, parts)


def _as_period(text: str, parts: _Parts) -> Period | None:
    """Return ``text`` read as a period, None when it is none at all (raise when it is wrong)."""
    try:
        return read_period(text, default_basis=parts.basis, default_era=parts.era)
    except NotAPeriod:
        return None


def _marked_period(text: str, parts: _Parts) -> Period | None:
    """Return ``text`` as a period only when it says 年, 年度, FY or an era (not 2019 alone)."""
    return _as_period(text, parts) if _MARKED.search(text) else None


def _split_unbracketed(raw: str, text: str, parts: _Parts) -> str:
    """Take a period or scope word written before or after the value; return the value."""
    alone = text[1:-1] if _closing(text) == 0 else text
    if not _SPACE.search(alone) and _marked_period(alone, parts) is not None:
        raise CellError(raw, "値がありません（期間だけが書かれています）")
    for gap in _GAPS.finditer(text):
        head, tail = text[: gap.start()], text[gap.end() :]
        if gap.start() and tail and _take(head, parts, tail, before=True):
            return tail
    for gap in reversed(list(_GAPS.finditer(text))):
        head, tail = text[: gap.start()], text[gap.end() :]
        if head and tail and _take(tail, parts, head, before=False):
            return head
    return text


def _take(words: str, parts: _Parts, value: str, *, before: bool) -> bool:
    """Record ``words`` as a period or scope word when ``value`` then reads; say if it did."""
    period = _marked_period(words, parts)
    if (period is None and words not in SCOPE_WORDS) or not _readable(value):
        return False
    at = 0 if before else None  # keep them in the order they are written
    if period is not None:
        parts.periods.insert(len(parts.periods) if at is None else at, period)
    else:
        parts.scopes.insert(len(parts.scopes) if at is None else at, words)
    return True


def _readable(value: str) -> bool:
    """Return whether ``value`` reads as a value."""
    try:
        read_value(value)
    except CellError:
        return False
    return True
