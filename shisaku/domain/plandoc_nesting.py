"""Walk a document's heading candidates with a stack of open headings and sections.

Reading the heading candidates in order with a stack of open styles (a style seen again closes
what was opened under it; a code such as 2-1-3 goes under the heading whose code is its prefix)
records, for each candidate, the style it nests under, whether it stands inside a section of its
parent (and which), whether it repeats an open heading (a page header) and the open headings
above it.  :mod:`shisaku.domain.plandoc_layout` weighs that evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from shisaku.domain.plandoc_kpilines import is_kpi_line
from shisaku.domain.plandoc_lines import Line
from shisaku.domain.plandoc_numbering import LEVEL_WORDS
from shisaku.domain.plandoc_text import match_key

# Sections whose numbered sub-headings are text (《子育ての状況》 under 現状と課題), unlike the
# numbered items of 施策の方向 or 主な取組, which are the levels below a measure.
NARRATIVE = frozenset({"situation", "vision", "diagram", "description"})


@dataclass
class Candidate:
    """One heading candidate with the evidence gathered about it."""

    index: int  # position in the line list
    line: Line
    owns_table: bool = False  # an indicator table follows before the next candidate
    owns_section: bool = False  # a section label follows before the next candidate
    parent: str = ""  # the style it nests under ("" at the top)
    under_section: bool = False  # it stands inside a narrative section (現状と課題 …)
    repeat: bool = False  # it repeats an open heading (a page header)
    by_code: bool = False  # its parent was found by its code's prefix (strong evidence)
    ancestors: tuple[tuple[str, int], ...] = ()  # the open headings above it: (style, index)


def candidates(lines: list[Line]) -> list[Candidate]:
    """Return the heading candidates with what follows each before the next one."""
    found = [Candidate(i, line) for i, line in enumerate(lines) if line.kind == "heading"]
    if not found:
        return []
    ends = [c.index for c in found[1:]] + [len(lines)]
    for cand, end in zip(found, ends, strict=True):
        after = lines[cand.index + 1 : end]
        cand.owns_table = any(is_table(line) for line in after)
        cand.owns_section = any(line.kind == "section" for line in after)
    return found


def is_table(line: Line) -> bool:
    """Tell whether ``line`` is part of an indicator table (label, header or tab row), or an
    indicator row by its form (「名称：基準値 → 目標値」)."""
    if line.kind in ("text", "bullet"):
        return is_kpi_line(line.text)
    return line.kind in ("header", "row") or (line.kind == "section" and line.key == "indicators")


@dataclass
class _Entry:
    """An open heading (or section, ``style`` = "§") on the nesting stack."""

    style: str
    own: tuple[int, ...] = ()  # the numbers it prints (what a child's code begins with)
    title: str = ""
    code: bool = False  # its numbers are a whole code (2-1-3)
    index: int = -1  # the candidate's line position
    held: bool = False  # a code under the heading its prefix names (no other root for it)


def is_code(line: Line) -> bool:
    """Tell whether a candidate's numbers are a whole code (2-1-3, 施策1-2)."""
    return len(line.numbers) > 1


def _code_parent(stack: list[_Entry], numbers: tuple[int, ...], votes: Counter[str]) -> int | None:
    """Return the stack position of the heading whose code is the prefix of ``numbers``.

    Of several, the style whose numbers begin this style's codes most often over the whole
    document wins (``votes``: 「1.」 numbered through the plan, not 「基本施策1」 that happens to
    share a number with it); then a heading named with a plan word (政策3 over 第3章), then a
    chapter, then the outermost: 「施策2-2」 belongs to 「第2章」, not to a 「②」 item open
    inside 施策2-1.
    """
    found = [p for p, e in enumerate(stack) if e.style != "§" and e.own == numbers[:-1]]
    if not found:
        return None
    return min(found, key=lambda p: (-votes[stack[p].style], _rank(stack[p].style), p))


def _rank(style: str) -> int:
    """Return how strongly a style's number can begin a code: plan words first, then chapters."""
    if any(style.startswith(w) for w in LEVEL_WORDS):
        return 0
    return 1 if style.startswith("第") else 2


def _repeat(stack: list[_Entry], line: Line) -> bool:
    """Tell whether ``line`` repeats an open heading (a page header): same title and number."""
    key = match_key(line.text)
    return bool(key) and any(
        e.style != "§" and match_key(e.title) == key and e.own[-1:] == line.numbers[-1:]
        for e in stack
    )


def _place(stack: list[_Entry], line: Line, votes: Counter[str]) -> int:
    """Return where ``line`` goes on the stack: after its code parent, at its own style's
    place, as the root of the codes open (「3」 after 「3-1」) unless they have their root
    already (「2 指標の推移」 after 「政策No. 2」's 「施策No. 2 1」), or on top."""
    if is_code(line):
        parent = _code_parent(stack, line.numbers, votes)
        if parent is not None:
            return parent + 1
    same = [i for i, e in enumerate(stack) if e.style == line.style]
    if same:
        return same[-1]
    if not is_code(line) and (_rank(line.style) < 2 or line.style in ("{}", "{}.")):
        rooted = [
            i for i, e in enumerate(stack) if e.code and e.own[:1] == line.numbers and not e.held
        ]
        if rooted:
            return rooted[0]
    return len(stack)


def nest(lines: list[Line], cands: list[Candidate], styles: set[str]) -> None:
    """Walk the document with a stack of open headings and sections; record each parent.

    Every candidate is checked for repeating an open heading and for standing in narrative
    text; only those of ``styles`` open one.  A first walk counts, for each code style, the
    styles whose open headings print its codes' prefix; the second nests by those counts.
    """
    roots: dict[str, Counter[str]] = defaultdict(Counter)
    _walk(lines, cands, styles, roots)
    _walk(lines, cands, styles, roots, count=False)


def _walk(
    lines: list[Line],
    cands: list[Candidate],
    styles: set[str],
    roots: dict[str, Counter[str]],
    count: bool = True,
) -> None:
    """Walk the lines once (see :func:`nest`), counting code prefixes into ``roots``."""
    stack: list[_Entry] = []
    by_index = {c.index: c for c in cands}
    for i, line in enumerate(lines):
        cand = by_index.get(i)
        if cand is not None:
            cand.repeat = _repeat(stack, cand.line)
            if not cand.repeat and cand.line.style in styles:
                if count and is_code(cand.line):
                    roots[cand.line.style].update(_prefixed(stack, cand.line.numbers))
                _push_heading(stack, cand, roots[cand.line.style])
            else:
                cand.under_section = _in_narrative(stack)
        elif line.kind == "section":
            _push_section(stack, line.key)
        elif line.kind == "label" and stack and stack[-1].style == "§":
            stack.pop()  # a label its words do not name (〔施策の内容〕) ends the section


def _prefixed(stack: list[_Entry], numbers: tuple[int, ...]) -> set[str]:
    """Return the styles of the open headings whose numbers begin the code ``numbers``."""
    return {e.style for e in stack if e.style != "§" and e.own == numbers[:-1]}


def _push_heading(stack: list[_Entry], cand: Candidate, votes: Counter[str]) -> None:
    """Place a heading candidate on the stack and record where it nested."""
    line = cand.line
    del stack[_place(stack, line, votes) :]
    while stack and stack[-1].style == "§" and _outside_sections(stack[-1], line):
        stack.pop()
    cand.under_section = _in_narrative(stack)
    heads = [e for e in stack if e.style != "§"]
    parent = heads[-1] if heads else None
    cand.parent = parent.style if parent else ""
    cand.by_code = parent is not None and is_code(line) and parent.own == line.numbers[:-1]
    cand.ancestors = tuple((e.style, e.index) for e in heads)
    entry = _Entry(line.style, line.numbers, line.text, is_code(line), cand.index, cand.by_code)
    stack.append(entry)


def _outside_sections(section: _Entry, line: Line) -> bool:
    """Tell whether heading ``line`` stands outside the open ``section``: a table holds no
    headings (one printed after it, as a sidebar is, is not in it), and a heading named with a
    plan word (施策1) is no sub-heading of a section's text (施策の体系 that listed it)."""
    return section.title == "indicators" or line.word in LEVEL_WORDS


def _in_narrative(stack: list[_Entry]) -> bool:
    """Tell whether the section open on top of the stack is narrative text (現状と課題 …)."""
    return bool(stack) and stack[-1].style == "§" and stack[-1].title in NARRATIVE


def _push_section(stack: list[_Entry], key: str) -> None:
    """Open a section: it replaces the section last opened, else it goes on top.

    A section label before any heading (in a preamble or a contents page) opens nothing.
    """
    if not stack:
        return
    marks = [i for i, e in enumerate(stack) if e.style == "§"]
    if marks:
        del stack[marks[-1] :]
    stack.append(_Entry("§", title=key))
