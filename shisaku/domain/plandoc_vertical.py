"""Labels printed vertically, one character a line, joined into the words they spell.

A PDF's text gives a label set vertically in a box one character a line (現/状/値, 主/な/取/組).
A run of such lines is joined into words: the longest column name or section label ends a word
(現/状/値/目/標/値 → 現状値, 目標値), the rest is one word.  The boxes beside the label may
share its lines: 「合 政策No. 2」 is the label's 合 and the cell 「政策No. 2」 printed on the
same line.  Such a line inside the run gives its character to the label, and its cell follows
the label on a line of its own, in the order the cells came.
"""

from __future__ import annotations

import re
from dataclasses import replace

from shisaku.domain.plandoc_sections import HEADER_WORDS, SECTION_WORDS
from shisaku.domain.plandoc_source import SourceLine

_KNOWN_WORDS = frozenset(SECTION_WORDS) | HEADER_WORDS
_KNOWN_PREFIXES = frozenset(w[:n] for w in _KNOWN_WORDS for n in range(1, len(w)))
_SHARED = re.compile(r"^(?P<char>[\u3040-\u30ff\u3400-\u9fff々])\s+(?P<cell>\S.*)$")
MIN_RUN = 2  # one-character lines that make a vertical label


def _single_char(source: SourceLine) -> bool:
    """Tell whether a line holds exactly one character (a vertical label's piece)."""
    text = source.text.strip()
    return len(text) == 1 and not text.isdigit() and not source.cells


def _shared(source: SourceLine) -> tuple[SourceLine, SourceLine] | None:
    """Return a line that holds a label's character and a cell beside it as the two, or None."""
    m = None if source.cells else _SHARED.match(source.text.strip())
    if m is None:
        return None
    return replace(source, text=m["char"]), replace(source, text=m["cell"])


def _vertical_words(run: list[SourceLine]) -> list[SourceLine]:
    """Return a run of one-character lines as the words it spells (see the module docstring)."""
    chars = [s.text.strip() for s in run]
    out: list[SourceLine] = []
    start = 0
    for end in range(1, len(run) + 1):
        word = "".join(chars[start:end])
        longer = end < len(run) and word + chars[end] in _KNOWN_PREFIXES | _KNOWN_WORDS
        if (word in _KNOWN_WORDS and not longer) or end == len(run):
            out.append(replace(run[start], text=word))
            start = end
    return out


def _in_run(lines: tuple[SourceLine, ...], j: int) -> bool:
    """Tell whether line ``j`` may belong to a vertical label: a one-character line, or a line
    it shares with a cell right before a one-character line."""
    if _single_char(lines[j]):
        return True
    return j + 1 < len(lines) and _shared(lines[j]) is not None and _single_char(lines[j + 1])


def _run_end(lines: tuple[SourceLine, ...], i: int) -> int:
    """Return where the run of a vertical label starting at ``i`` ends."""
    j = i
    while j < len(lines) and _in_run(lines, j):
        j += 1
    return j


def _label(run: tuple[SourceLine, ...]) -> list[SourceLine]:
    """Return a run as its words, then the cells that shared its lines."""
    chars: list[SourceLine] = []
    cells: list[SourceLine] = []
    for source in run:
        shared = None if _single_char(source) else _shared(source)
        if shared is None:
            chars.append(source)
        else:
            chars.append(shared[0])
            cells.append(shared[1])
    return _vertical_words(chars) + cells


def join_vertical(lines: tuple[SourceLine, ...]) -> list[SourceLine]:
    """Join runs of one-character lines (a label printed vertically) into words."""
    out: list[SourceLine] = []
    i = 0
    while i < len(lines):
        j = _run_end(lines, i)
        run = lines[i:j]
        if sum(_single_char(s) for s in run) >= MIN_RUN:
            out.extend(_label(run))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out
