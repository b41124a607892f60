"""Heading candidates that only the document's own layout shows to be headings.

Two forms are text in most documents and headings in some:

- **a number glued to its title** (「1安心して暮らし続けられるまちを守る」, a plan site's page
  with its spaces lost): a candidate only where such lines count 1, 2, 3 … down the document
  with titles that read as headings; a number that counts something (「1人当たり…」「3歳児…」
  「4つの柱」) never starts one, and a sentence or a value is no title;
- **a code in a bulleted list** (「- 1-1 災害に強いまちをつくる」, the 施策 of a 政策の柱 listed
  as links): a candidate where the code's prefix is the number of the heading candidate above
  it (1-1 under 1); read as a list item again when the layout finds its style is no level.

Candidates go to the layout like any other: these rules only decide what may be one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from shisaku.domain.plandoc_lines import Line, title_ok
from shisaku.domain.plandoc_numbering import read_numbering
from shisaku.domain.plandoc_text import collapse_title, fold

# The style of a number glued to its title, as a profile names it.
GLUED_STYLE = "{}見出し"
_GLUED = re.compile(r"^(?P<n>[0-9]{1,2})(?P<title>[\u3040-\u30ff\u3400-\u9fff々].*)$")
# Counters and units after a number: 「1人当たり」「3歳児」「4つの」「2か所」「10年後」 count.
_COUNTED = re.compile(
    r"^(?:[つ人歳才年月日時分秒回件万億千百割位番次期号階名倍点校園社店台本枚冊度週周級段類種]"
    r"|か[所月国]|[ヶヵカケ][所月国]|箇所|世帯|項目|地区|市町村)"
)
MIN_RUN = 2  # a glued number must count at least 1, 2 to be a level


def _glued(line: Line) -> tuple[int, str] | None:
    """Return the number and title of a text line that glues a number to a heading's title."""
    if line.kind != "text":
        return None
    m = _GLUED.match(fold(line.raw.strip()))
    if m is None or _COUNTED.match(m["title"]):
        return None
    title = collapse_title(line.raw.strip()[len(m["n"]) :])
    return (int(m["n"]), title) if title_ok(title) else None


def _counting(found: list[tuple[int, int]]) -> set[int]:
    """Return the positions of the numbers that count 1, 2, 3 … (a run of MIN_RUN or more);
    a 1 starts a new run, a number out of turn is left out."""
    kept: set[int] = set()
    run: list[int] = []
    last = 0
    for index, number in found:
        if number == 1:
            kept |= set(run) if len(run) >= MIN_RUN else set()
            run, last = [index], 1
        elif run and number == last + 1:
            run.append(index)
            last = number
    return kept | (set(run) if len(run) >= MIN_RUN else set())


def glued_headings(lines: list[Line]) -> list[Line]:
    """Return the lines with numbers glued to their titles made heading candidates, where
    they count 1, 2, 3 … (see the module docstring)."""
    found = {i: g for i, line in enumerate(lines) if (g := _glued(line)) is not None}
    counting = _counting([(i, number) for i, (number, _) in found.items()])
    out = list(lines)
    for i in sorted(counting):
        number, title = found[i]
        out[i] = replace(lines[i], kind="heading", text=title, style=GLUED_STYLE, numbers=(number,))
    return out


def _above(lines: list[Line], i: int, depth: int) -> tuple[int, ...] | None:
    """Return the numbers of the nearest heading candidate above ``i`` with fewer numbers."""
    for line in reversed(lines[:i]):
        if line.kind == "heading" and 0 < len(line.numbers) < depth:
            return line.numbers
    return None


def bulleted_codes(lines: list[Line]) -> list[Line]:
    """Return the lines with list items that carry a code under the heading it extends made
    heading candidates (「- 1-1 災害に強いまちをつくる」 under 「1 …」)."""
    out = list(lines)
    for i, line in enumerate(lines):
        numbering = read_numbering(line.text) if line.kind == "bullet" else None
        if numbering is None or numbering.depth < 2 or not title_ok(numbering.title):
            continue
        if _above(out, i, numbering.depth) != numbering.numbers[:-1]:
            continue
        out[i] = replace(
            line,
            kind="heading",
            text=numbering.title,
            style=numbering.style,
            numbers=numbering.numbers,
            word=numbering.word,
            fallback="bullet",
            listed=line.text,
        )
    return out
