"""Read a 総合計画 document (text, or the lines of a PDF or Word file) into a :class:`PlanTree`.

The reader is pure: it takes a :class:`SourceDocument` and returns a :class:`PlanReading` —
the tree with its indicator rows, the layout it inferred (which the user may correct with a
profile), the lines it set aside as noise, and the title and period the document states — or
raises :class:`PlanDocError` listing every line it could not place.  The steps:

1. :mod:`~shisaku.domain.plandoc_prepare`: classify lines, split whole pages, set noise aside;
2. :mod:`~shisaku.domain.plandoc_layout`: infer which numbering styles are levels, and as what;
3. :mod:`~shisaku.domain.plandoc_build`: place every line in the tree;
4. :mod:`~shisaku.domain.plandoc_notes` and :mod:`~shisaku.domain.plandoc_tables`: attach
   footnotes, read indicator tables.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from typing import Any

from shisaku.domain.plandoc_build import PlanBuilder
from shisaku.domain.plandoc_errors import PlanDocError, Problem
from shisaku.domain.plandoc_frames import is_back_matter
from shisaku.domain.plandoc_headtitles import HeadTitles, head_titles
from shisaku.domain.plandoc_indicators import read_indicators
from shisaku.domain.plandoc_layout import Layout, infer_layout
from shisaku.domain.plandoc_lines import FallbackKind, Line, clean
from shisaku.domain.plandoc_meta import find_period, find_title
from shisaku.domain.plandoc_numbering import code_text
from shisaku.domain.plandoc_prepare import REASONS_JA, Dropped, classified_lines, drop_noise
from shisaku.domain.plandoc_profile import Profile, rules_to_dict
from shisaku.domain.plandoc_source import SourceDocument, SourceNotice, document_from_text
from shisaku.domain.plantree import PlanTree, Warning

__all__ = [
    "PlanDocError",
    "PlanReading",
    "Problem",
    "decode_plan_bytes",
    "parse_plan",
    "read_plan",
]

# A byte order mark decides the encoding outright.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Without a BOM: UTF-8 is strict enough to recognise; CP932 is the Windows Shift_JIS superset.
_GUESSES = ("utf-8", "cp932")
# Characters no text file holds: C0 and C1 controls (tab, newlines, form feed and vertical tab
# are fine), and the private-use points CP932 gives the stray single bytes 0xA0, 0xFD-0xFF.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\uf8f0-\uf8f3]")
_EXPECTED_TEXT = "UTF-8、BOM付き UTF-16 または Shift_JIS のテキストファイル"


@dataclass(frozen=True)
class LineRole:
    """What the reader made of one line, for showing the reading beside the source."""

    line: int
    page: int
    text: str
    role: str  # heading, section, header, row, text, bullet, group, footnote, …, dropped
    detail: str = ""  # a heading's level, kind and code; a section's key; why a line was dropped


@dataclass
class PlanReading:
    """What reading a plan document gives: the tree and everything said about the reading."""

    tree: PlanTree
    layout: Layout
    dropped: list[Dropped]
    title: str = ""
    period: tuple[int, int] | None = None
    notices: tuple[SourceNotice, ...] = ()
    lines: list[LineRole] = field(default_factory=list)

    def profile(self) -> dict[str, Any]:
        """Return the inferred reading profile in its plain-dict (YAML) form."""
        rules = sorted(self.layout.rules.values(), key=lambda r: (r.level == 0, r.level, r.style))
        return {"headings": rules_to_dict(rules, self.layout.examples)}


def _binary(source: str, data: bytes) -> PlanDocError:
    """Return the error for bytes that are not text."""
    head = " ".join(f"{b:02x}" for b in data[:8])
    return PlanDocError(source, 0, f"テキストではないバイト列（先頭 {head}）", _EXPECTED_TEXT)


def _decode_as(data: bytes, encodings: tuple[str, ...]) -> str | None:
    """Return ``data`` decoded with the first encoding that reads it strictly, or None."""
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _encodings(data: bytes) -> tuple[str, ...]:
    """Return the encodings worth trying on ``data``, most certain first."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return (encoding,)
    # No BOM: a NUL byte means binary (or BOM-less UTF-16, which we do not guess at).
    return () if b"\x00" in data else _GUESSES


def decode_plan_bytes(data: bytes, *, source: str) -> str:
    """Return the text of a plan file in UTF-8 (BOM or not), UTF-16 with BOM, or Shift_JIS."""
    text = _decode_as(data, _encodings(data))
    if text is None or _CONTROL_RE.search(text):
        raise _binary(source, data)
    return text


def _resolve(lines: list[Line], layout: Layout) -> tuple[list[Line], list[Dropped]]:
    """Give each heading its level, kind and code, or the kind it falls back to; set aside
    repeated headings, frames, what a frame after the plan's last heading holds, and the
    headings after the back matter (資料編: its tables still name the nodes they belong to)."""
    reasons = [_aside(i, line, layout) for i, line in enumerate(lines)]
    resolved = [
        _leveled(i, line, layout) if line.kind == "heading" and not reason else line
        for i, (line, reason) in enumerate(zip(lines, reasons, strict=True))
    ]
    closing = _closing_frame(resolved, reasons)
    back = closing is not None and resolved[closing].kind != "heading"
    out: list[Line] = []
    aside: list[Dropped] = []
    for i, (line, reason) in enumerate(zip(resolved, reasons, strict=True)):
        framed = closing is not None and i > closing and (line.kind == "heading" or not back)
        reason = reason or ("framed" if framed else None)
        if reason is None:
            out.append(line)
        else:
            aside.append(Dropped(line.number, line.page, line.raw, reason))
    return out, aside


def _aside(i: int, line: Line, layout: Layout) -> str | None:
    """Return why heading ``i`` is set aside (a repeated heading, a frame), or None; a line
    naming the back matter (資料編) is a frame too."""
    if line.kind != "heading":
        return "container" if is_back_matter(line.raw) else None
    if i in layout.repeats:
        return "repeat"
    return "container" if line.style in layout.containers else None


def _closing_frame(resolved: list[Line], reasons: list[str | None]) -> int | None:
    """Return the position of a frame after the plan's last heading (「Ⅲ 資料」), or of the
    back matter (資料編) after which no heading of the plan's styles comes, or None."""
    levels = [i for i, line in enumerate(resolved) if line.kind == "heading" and not reasons[i]]
    if not levels:
        return None
    for i in (i for i, reason in enumerate(reasons) if reason == "container"):
        before = {resolved[j].style for j in levels if j < i}
        after = {resolved[j].style for j in levels if j > i}
        back = resolved[i].kind != "heading"
        if before and (not after or (back and not after & before)):
            return i
    return None


def _demoted(line: Line, kind: FallbackKind) -> Line:
    """Return a heading candidate as the kind it falls back to (a group, a bullet, text); a
    list item read as a candidate is the item it was."""
    text = line.text if kind != "text" and line.text else line.raw
    if kind == "bullet" and line.listed:
        text = line.listed
    return replace(line, kind=kind, text=text)


def _leveled(i: int, line: Line, layout: Layout) -> Line:
    """Return heading line ``i`` with its rule applied, or demoted when its style is no level
    or it stands inside narrative text."""
    rule = layout.rule(line.style)
    if rule is None or i in layout.narrative:
        return _demoted(line, layout.fallback(i, line))
    code = code_text(line.style, line.numbers) if line.style in layout.code_styles else ""
    return replace(line, level=rule.level, node_kind=rule.kind, code=code)


def read_plan(
    document: SourceDocument,
    profile: Profile | None = None,
    period: tuple[int, int] | None = None,
) -> PlanReading:
    """Read a plan document; raise PlanDocError listing every line that cannot be placed.

    ``period`` is the plan period known apart from the text (the user's --period): the era of
    the years a document prints without one where it names none (see plandoc_eras).
    """
    profile = profile or Profile()
    lines, dropped = drop_noise(classified_lines(document, profile), profile)
    layout = infer_layout(lines, profile)
    resolved, repeats = _resolve(lines, layout)
    kinds = {r.level: r.kind for r in layout.rules.values() if r.level}
    builder = PlanBuilder(document.name, kinds)
    builder.head_titles = HeadTitles(head_titles(_page_heads(dropped + repeats)))
    for line in resolved:
        builder.feed(line)
    built = builder.finish()
    sections = {id(s): n for _, s, n in builder.watched}
    preamble_text = [p.raw for p in built.preamble]
    built.tree.warnings.extend(
        read_indicators(built.tree.nodes, sections | builder.block_lines, preamble_text, period)
    )
    built.tree.warnings.sort(key=lambda w: w.line)
    preamble = [Dropped(p.number, p.page, p.raw, "preamble") for p in built.preamble]
    everything_dropped = sorted(dropped + repeats + preamble, key=lambda d: d.line)
    heads = [d.text for d in dropped if d.reason == "running_head"]
    texts = [clean(line.text) for line in document.lines]
    return PlanReading(
        tree=built.tree,
        layout=layout,
        dropped=everything_dropped,
        title=find_title([p.raw for p in built.preamble], heads) or document.title,
        period=find_period(texts),
        notices=document.notices,
        lines=line_roles(resolved, built.placed, everything_dropped, built.preamble),
    )


_PAGE_HEADS = frozenset({"running_head", "repeat", "container"})


def _page_heads(dropped: list[Dropped]) -> list[tuple[int, str]]:
    """Return the lines set aside as page heads or parts, which may name a level above the
    page's headings (plandoc_headtitles)."""
    return [(d.line, d.text) for d in dropped if d.reason in _PAGE_HEADS]


def _role(line: Line, codes: dict[int, list[str]]) -> LineRole:
    """Return what a placed line became."""
    detail = ""
    if line.kind == "heading":
        detail = f"{line.level} 階層 {line.node_kind} {' '.join(codes.get(line.number, []))}"
    elif line.kind == "section":
        detail = line.key
    elif line.number in codes:
        detail = " ".join(codes[line.number])
    return LineRole(line.number, line.page, line.raw, line.kind, detail.strip())


def line_roles(
    resolved: list[Line],
    placed: list[tuple[int, str]],
    dropped: list[Dropped],
    preamble: list[Line],
) -> list[LineRole]:
    """Return every line with what the reader made of it, in the order of the document."""
    codes: dict[int, list[str]] = {}
    for number, code in placed:
        codes.setdefault(number, []).append(code)
    skipped = {id(p) for p in preamble}
    roles = [_role(line, codes) for line in resolved if id(line) not in skipped]
    roles += [LineRole(d.line, d.page, d.text, "dropped", REASONS_JA[d.reason]) for d in dropped]
    return sorted(roles, key=lambda r: r.line)


def parse_plan(text: str, *, source: str = "<text>") -> PlanTree:
    """Return the plan tree of a plan document in text; raise PlanDocError if it has none."""
    return read_plan(document_from_text(text, name=source)).tree


def warnings_of(reading: PlanReading) -> list[Warning]:
    """Return the reader's warnings in line order."""
    return reading.tree.warnings
