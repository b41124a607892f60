"""Marks in front of lines that the document itself shows to be headings or labels.

A mark (◆ ◇ ○ ■ …) is a bullet in most documents.  Some plans tell their levels apart by marks
alone, with no number anywhere::

    ◆健康づくりの推進              ← a 施策
      《施策の方向》
      ◇生活習慣病の予防と早期発見    ← its directions
        ○特定健診とがん検診の同日実施  ← their actions

Marks that recur in a consistent nesting — two marks or more, each used at least twice, every
item a short title (never a sentence), and going down the document never more than one mark
deeper at a time (◆ then ◇ then ○, back up to any) — are heading styles, inferred like
numberings: each item is a heading candidate of the mark's style, and the layout decides, as
for any candidate, which are levels.  A box's label that closes with its mark (「◆コラム◆」) is
no item: it is a label, like a marked line printed alike under every heading
(「■役割分担」 on every project's page) over the text after it, and like a bracketed line printed
alike more than once in the brackets of the document's section labels (「〔施策の内容〕」 beside
「〔現状と課題〕」): a label its words do not name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from itertools import pairwise

from shisaku.domain.plandoc_lines import Line, ends_sentence, title_ok
from shisaku.domain.plandoc_text import match_key

MARKS = "◆◇■□●○◎◯〇◉▲△▼▽☆★"
MAX_TITLE = 40  # a marked item longer than this is a sentence, not a title
MIN_ITEMS = 2  # a mark must recur to be a style
MIN_MARKS = 2  # levels told apart by marks need two marks at least
_LEAD = re.compile(rf"^\s*(?P<mark>[{MARKS}])\s*(?P<rest>\S.*)$")


def _mark(line: Line) -> str:
    """Return the mark a list item begins with (「◆」), or ""; a project row's is none."""
    if line.kind != "bullet" or line.cells or line.numbers:
        return ""
    m = _LEAD.match(line.raw)
    return m["mark"] if m else ""


def _boxed(line: Line, mark: str) -> bool:
    """Tell whether a marked line is a box's label closed by its mark (「◆コラム◆ …」)."""
    return mark in line.text


def _recurring(lines: list[Line]) -> set[str]:
    """Return the marked lines printed alike more than once (a label under every heading)."""
    counts = Counter(match_key(line.raw) for line in lines if _mark(line))
    return {key for key, n in counts.items() if n > 1}


def _heads_text(lines: list[Line], i: int) -> bool:
    """Tell whether the line after marked line ``i`` is text or a table it heads, not another
    item or heading."""
    return i + 1 < len(lines) and lines[i + 1].kind not in ("bullet", "heading", "label")


def marked_labels(lines: list[Line]) -> list[Line]:
    """Return the lines with marked labels read as labels: a box's label closed by its mark,
    and a short marked title printed alike more than once over the text after it (「■役割分担」
    over 「町民 …」 / 「事業者 …」 on every project's page)."""
    recurring = _recurring(lines)
    out = list(lines)
    for i, line in enumerate(lines):
        mark = _mark(line)
        if not mark:
            continue
        again = match_key(line.raw) in recurring and _heads_text(lines, i)
        if _boxed(line, mark) or (again and _label_text(line.text)):
            out[i] = replace(
                line, kind="label", text=" ".join(line.text.replace(mark, " ").split())
            )
    return out


def bracketed_labels(lines: list[Line]) -> list[Line]:
    """Return the lines with bracketed lines printed alike more than once, in the brackets of
    the document's section labels, read as labels (「〔施策の内容〕」 where 「〔現状と課題〕」 is
    one): a sub-heading of narrative text (《子育ての状況》) is printed once."""
    dress = {line.raw.strip()[:1] for line in lines if line.kind == "section"}
    counts = Counter(match_key(line.raw) for line in lines if line.kind == "group")
    return [
        replace(line, kind="label")
        if line.kind == "group"
        and counts[match_key(line.raw)] > 1
        and line.raw.strip()[:1] in dress
        else line
        for line in lines
    ]


def _label_text(text: str) -> bool:
    """Tell whether a marked line reads as a label: short, no sentence in it."""
    return len(text) <= MAX_TITLE and "。" not in text and not ends_sentence(text)


def _items(lines: list[Line]) -> list[tuple[int, str]]:
    """Return the marked items (position, mark) that may be headings: titles, not boxes."""
    found = [(i, _mark(line)) for i, line in enumerate(lines)]
    return [(i, m) for i, m in found if m and not _boxed(lines[i], m)]


def _titled(lines: list[Line], items: list[tuple[int, str]]) -> set[str]:
    """Return the marks whose every item is a short title, recurring :data:`MIN_ITEMS` times."""
    counts = Counter(m for _, m in items)
    bad = {m for i, m in items if not _short_title(lines[i].text)}
    return {m for m, n in counts.items() if n >= MIN_ITEMS} - bad


def _short_title(text: str) -> bool:
    """Tell whether a marked item reads as a heading's title."""
    return title_ok(text) and len(text) <= MAX_TITLE


def _nested(sequence: list[str]) -> bool:
    """Tell whether marks in document order nest consistently: ranked by first use, the first
    item is of the top mark and no item is more than one rank deeper than the one before."""
    rank = {m: r for r, m in enumerate(dict.fromkeys(sequence))}
    if not sequence or rank[sequence[0]] != 0:
        return False
    return all(rank[b] <= rank[a] + 1 for a, b in pairwise(sequence))


def mark_styles(lines: list[Line]) -> set[str]:
    """Return the marks that are heading styles of the document (see the module docstring)."""
    items = _items(lines)
    marks = _titled(lines, items)
    sequence = [m for _, m in items if m in marks]
    if len(marks) < MIN_MARKS or not _nested(sequence):
        return set()
    return marks


def marked_headings(lines: list[Line]) -> list[Line]:
    """Return the lines with the items of every mark that is a heading style made heading
    candidates of that style (「◆」), read as the list items they were when it is no level."""
    styles = mark_styles(lines)
    if not styles:
        return lines
    return [
        replace(line, kind="heading", style=_mark(line), fallback="bullet", listed=line.text)
        if _mark(line) in styles
        else line
        for line in lines
    ]
