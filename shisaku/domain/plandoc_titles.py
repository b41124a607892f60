"""Headings printed without their title, given the title the document prints apart.

A heading's number may stand on a line of its own with its title on the next line
(「施策2-1-1」 / 「切れ目のない子育て支援」), and the boxes of an evaluation sheet print labelled
numbers apart from their titles::

    政策No. 2
    施策No. 2 1
    子どもを安心して産み育てられるまちづくり     ← the 政策's title, first after the numbers
    施策統括課
    …
    妊娠・出産・子育ての切れ目ない支援         ← the 施策's title, over its box's label
    施策

Of numbers printed one after another, one named with a word takes the line just above the word
printed alone (the label of the box its title is in) when that line reads as a title; any other
untitled heading takes the first title-like line after it (stacked numbers take the lines after
them in turn).  A heading with no title to take (a running 「第1章第1項」) is text.
"""

from __future__ import annotations

from dataclasses import replace

from shisaku.domain.plandoc_lines import Line, title_ok
from shisaku.domain.plandoc_text import match_key

_WINDOW = 3  # lines after a number (and the numbers stacked with it) where its title may be
_BOX_WINDOW = 40  # lines after a labelled number where its box's label may be


def _untitled(line: Line) -> bool:
    """Tell whether ``line`` is a heading candidate printed without its title."""
    return line.kind == "heading" and not line.text


def _skipped(line: Line) -> bool:
    """Tell whether a line stands between a number and its title without being one: a blank
    line, a stray character (the 「目」 of a vertical side label), another untitled number."""
    return line.kind == "blank" or len(line.raw.strip()) <= 1 or _untitled(line)


def _titled(line: Line) -> bool:
    """Tell whether ``line`` is text that reads as a title."""
    return line.kind == "text" and title_ok(line.text)


def _stacked(lines: list[Line], i: int) -> bool:
    """Tell whether untitled heading ``i`` is one of numbers printed one after another."""
    near = [j for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return any(_untitled(lines[j]) for j in near)


def _boxed(lines: list[Line], i: int, taken: set[int]) -> int | None:
    """Return the line above the first line that prints heading ``i``'s word alone (its box's
    label), when it reads as a title; only for numbers stacked apart from their titles, and
    before the next heading or section."""
    word = lines[i].word
    if not word or not _stacked(lines, i):
        return None
    for j in range(i + 1, min(i + _BOX_WINDOW, len(lines))):
        if match_key(lines[j].raw) == word:
            above = j - 1
            return above if above not in taken and _titled(lines[above]) else None
        if lines[j].kind == "section" or (lines[j].kind == "heading" and not _stacked(lines, j)):
            return None
    return None


def _following(lines: list[Line], i: int, taken: set[int]) -> int | None:
    """Return the first line after heading ``i`` (past the lines it skips, the numbers stacked
    with it and the titles they took) when it reads as a title, else None."""
    end = i + 1 + _WINDOW
    for j in range(i + 1, len(lines)):
        if j >= end:
            return None
        if _untitled(lines[j]) or j in taken:
            end += 1
        elif not _skipped(lines[j]):
            return j if _titled(lines[j]) else None
    return None


def _titles(lines: list[Line]) -> dict[int, int]:
    """Return, for each untitled heading, the line its title is on."""
    untitled = [i for i, line in enumerate(lines) if _untitled(line)]
    found: dict[int, int] = {}
    for i in untitled:
        boxed = _boxed(lines, i, set(found.values()))
        if boxed is not None:
            found[i] = boxed
    for i in untitled:
        if i not in found:
            following = _following(lines, i, set(found.values()))
            if following is not None:
                found[i] = following
    return found


def merge_titles(lines: list[Line]) -> list[Line]:
    """Return the lines with every heading printed without its title given the title, the
    title's line left out; a heading that has none to take is text."""
    found = _titles(lines)
    taken = set(found.values())
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i in taken:
            continue
        if i in found:
            title = lines[found[i]]
            line = replace(line, text=title.text, raw=f"{line.raw}　{title.raw}")
        elif _untitled(line):
            line = replace(line, kind="text", text=line.raw)
        out.append(line)
    return out
