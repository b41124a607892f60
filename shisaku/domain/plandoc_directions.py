"""The items under a measure that only their place shows to be items.

Two forms:

- **a level word alone over numbered items**, among a heading's labelled sections (「現状認識」
  …, then 「単位施策」 over 「①保育の受け皿の確保」 / 「②子育て相談の充実」): the word labels the
  items of its level, as 施策の方向 labels the directions; it opens a directions section, so
  that the items are read as the levels below the measure, never as sub-headings of the text
  before them;
- **unnumbered titles in a directions section**, each on its own line with its paragraph under
  it (「【施策の方向性】」 / 「妊娠期の相談体制の充実」 / 「 妊娠の届出の際に、…作ります。」): where
  such a section gives two titles or more, each alternating with its sentences, each title is a
  heading candidate of its own style (:data:`ITEM_STYLE`), and the layout decides, as for any
  candidate, whether the style is a level.
"""

from __future__ import annotations

from dataclasses import replace

from shisaku.domain.plandoc_lines import Line, ends_sentence, title_ok
from shisaku.domain.plandoc_numbering import LEVEL_WORDS
from shisaku.domain.plandoc_text import match_key

# The style of an unnumbered title of a directions section, as a profile names it.
ITEM_STYLE = "方向の題"
MAX_TITLE = 30  # a longer line in a directions section is a sentence of its text
MIN_ITEMS = 2  # a section must give two titles or more
_LIST_SECTIONS = frozenset({"direction"})


def _numbered_item(line: Line) -> bool:
    """Tell whether ``line`` is an item numbered without a level word and with its title
    (「①…」「(1)…」, not a code such as 2-1 nor 「基本目標1」)."""
    return line.kind == "heading" and not line.word and len(line.numbers) == 1 and bool(line.text)


def _among_sections(lines: list[Line], i: int) -> bool:
    """Tell whether line ``i`` stands among a heading's labelled sections (the last heading or
    section label before it is a section label)."""
    before = (line.kind for line in reversed(lines[:i]) if line.kind in ("heading", "section"))
    return next(before, "") == "section"


def _word_label(lines: list[Line], i: int) -> bool:
    """Tell whether line ``i`` is a level word alone over the numbered items of its level,
    among the labelled sections of a heading (a side label beside a heading is no section)."""
    line = lines[i]
    word = match_key(line.raw) if line.kind == "text" else ""
    if word not in LEVEL_WORDS or i + 1 >= len(lines) or not _numbered_item(lines[i + 1]):
        return False
    return _among_sections(lines, i)


def word_labels(lines: list[Line]) -> list[Line]:
    """Return the lines with every level word alone over numbered items read as the label of
    a directions section (see the module docstring)."""
    return [
        replace(line, kind="section", key="direction", text=line.raw.strip(), cells=())
        if _word_label(lines, i)
        else line
        for i, line in enumerate(lines)
    ]


def _item_title(lines: list[Line], i: int) -> bool:
    """Tell whether line ``i`` is an unnumbered title with its sentences right under it, after
    the section's label or the end of a sentence (never a paragraph's line a break cut)."""
    line, after = lines[i], lines[i + 1] if i + 1 < len(lines) else None
    if line.kind != "text" or after is None or after.kind != "text":
        return False
    before = lines[i - 1] if i else None
    if before is not None and before.kind == "text" and not ends_sentence(before.raw.strip()):
        return False
    title = line.raw.strip()
    short = title_ok(title) and len(title) <= MAX_TITLE and not ends_sentence(title)
    return short and "。" in after.raw


def _section_items(lines: list[Line]) -> list[list[int]]:
    """Return, for each directions section, the positions of its unnumbered titles."""
    found: list[list[int]] = []
    current: list[int] | None = None
    for i, line in enumerate(lines):
        if line.kind in ("section", "heading", "header", "row"):
            current = [] if line.kind == "section" and line.key in _LIST_SECTIONS else None
            if current is not None:
                found.append(current)
        elif current is not None and _item_title(lines, i):
            current.append(i)
    return found


def item_titles(lines: list[Line]) -> list[Line]:
    """Return the lines with the unnumbered titles of every directions section that gives
    :data:`MIN_ITEMS` or more made heading candidates (see the module docstring)."""
    items = {i for found in _section_items(lines) if len(found) >= MIN_ITEMS for i in found}
    return [
        replace(line, kind="heading", text=line.raw.strip(), style=ITEM_STYLE, numbers=())
        if i in items
        else line
        for i, line in enumerate(lines)
    ]
