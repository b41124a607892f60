"""Reading order of one PDF page: margins, blocks, columns, vertical labels.

The page's words and tables are *fragments* with boxes.  The order is found by cutting:

1. the head and foot margins (lines near the page edge, set apart by a gap) come first and
   last, each split into its pieces (a running head left, the chapter right);
2. the body is cut where an empty band at least 2.5 characters high crosses it;
3. a block that is not cut is split into columns at its widest *gutter*, a vertical strip that
   no fragment enters over most of the block's height (a heading crossing it stays whole and
   is read where it stands), and each column is read by itself, top to bottom;
4. a block with neither is read line by line.

Vertical runs (side labels) take no part in the cutting: each is put before the first line
to its right that it stands beside.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from shisaku.documents.pdf_lines import PageLine, Word, line_of, rows_of
from shisaku.documents.pdf_tables import TableBlock

BAND = 0.08  # share of the page height at its top and bottom where running heads sit
BLOCK_GAP = 2.5  # an empty band this many character sizes high separates blocks
GUTTER_WIDTH = 1.2  # a gutter is at least this many character sizes wide
GUTTER_OPEN = 0.2  # fragments crossing a gutter add up to at most this share of the height
GUTTER_SPAN = 0.5  # the columns beside a gutter fill at least this share of the block height
PIECE_GAP = 2.0  # a gap of this many sizes splits a margin line into pieces
MAX_DEPTH = 8


@dataclass(eq=False, slots=True)
class Frag:
    """A word or a table with its box, as the layout places it."""

    x0: float
    top: float
    x1: float
    bottom: float
    word: Word | None = None
    table: TableBlock | None = None

    @property
    def middle(self) -> float:
        """Return the vertical middle of the fragment."""
        return (self.top + self.bottom) / 2


def word_frag(word: Word) -> Frag:
    """Return a word as a fragment."""
    return Frag(word["x0"], word["top"], word["x1"], word["bottom"], word=word)


def table_frag(table: TableBlock) -> Frag:
    """Return a table as one fragment."""
    return Frag(*table.box, table=table)


# ---------------------------------------------------------------- margins


def _band_count(rows: Sequence[list[Word]], inside: float, sign: int) -> int:
    """Return how many rows from the page edge lie in the margin, set apart by a gap."""
    count = 0
    for i, row in enumerate(rows):
        near = min(w["top"] for w in row) if sign < 0 else max(w["bottom"] for w in row)
        if sign * (near - inside) > 0:
            break
        height = max(w["bottom"] - w["top"] for w in row)
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        gap = math.inf if nxt is None else _gap(row, nxt, sign)
        if gap >= max(height, 4.0):
            count = i + 1
    return count


def _gap(row: Sequence[Word], nxt: Sequence[Word], sign: int) -> float:
    """Return the empty height between a margin row and the next row inwards."""
    upper, lower = (row, nxt) if sign > 0 else (nxt, row)
    gap: float = min(w["top"] for w in lower) - max(w["bottom"] for w in upper)
    return gap


def _pieces(row: Sequence[Word], band: str) -> list[PageLine]:
    """Return a margin row split at wide gaps (running head left, chapter right)."""
    pieces: list[list[Word]] = []
    for word in row:
        size = max(c["size"] for c in word["chars"])
        if not pieces or word["x0"] - pieces[-1][-1]["x1"] > PIECE_GAP * size:
            pieces.append([])
        pieces[-1].append(word)
    return [line_of(piece, band=band) for piece in pieces]


def split_margins(
    words: Sequence[Word], height: float
) -> tuple[list[PageLine], list[Word], list[PageLine]]:
    """Return the head margin's lines, the body's words and the foot margin's lines."""
    rows = rows_of(words)
    n_top = _band_count(rows, height * BAND, +1)
    n_bottom = _band_count(rows[n_top:][::-1], height * (1 - BAND), -1)
    head = [p for row in rows[:n_top] for p in _pieces(row, "top")]
    foot_rows = rows[len(rows) - n_bottom :] if n_bottom else []
    foot = [p for row in foot_rows for p in _pieces(row, "bottom")]
    body = [w for row in rows[n_top : len(rows) - n_bottom] for w in row]
    return head, body, foot


# ---------------------------------------------------------------- blocks and columns


def _blocks(frags: Sequence[Frag], gap: float) -> list[list[Frag]]:
    """Return ``frags`` cut where an empty band at least ``gap`` high crosses them all."""
    blocks: list[list[Frag]] = []
    bottom = -math.inf
    for frag in sorted(frags, key=lambda f: f.top):
        if frag.top - bottom >= gap:
            blocks.append([])
        blocks[-1].append(frag)
        bottom = max(bottom, frag.bottom)
    return blocks


def _coverage(frags: Sequence[Frag], left: float, width: int) -> list[float]:
    """Return, for each point across the block, the height of the fragments covering it."""
    steps = [0.0] * (width + 2)
    for f in frags:
        steps[max(0, math.floor(f.x0 - left))] += f.bottom - f.top
        steps[min(width + 1, math.ceil(f.x1 - left))] -= f.bottom - f.top
    cover, total = [], 0.0
    for step in steps[: width + 1]:
        total += step
        cover.append(total)
    return cover


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """Return the (start, end) runs of true flags."""
    runs: list[tuple[int, int]] = []
    start = None
    for x, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = x
        elif not flag and start is not None:
            runs.append((start, x))
            start = None
    return runs


def _open_runs(cover: Sequence[float], limit: float) -> list[tuple[int, int]]:
    """Return the gutter candidates: in each run covered by at most ``limit``, its least covered
    stretch (the widest), when that stretch touches neither edge of the block."""
    cores: list[tuple[int, int]] = []
    for start, end in _runs([value <= limit for value in cover]):
        least = min(cover[start:end]) + 0.01
        stretches = _runs([value <= least for value in cover[start:end]])
        a, b = max(stretches, key=lambda r: r[1] - r[0])
        if start + a > 0 and start + b < len(cover):
            cores.append((start + a, start + b))
    return cores


def _line_middles(frags: Sequence[Frag], tolerance: float) -> list[float]:
    """Return the middles of the lines the fragments make (a table counts its rows)."""
    middles: list[float] = []
    for frag in sorted(frags, key=lambda f: f.middle):
        if frag.table is not None:
            middles += [(r.top + r.bottom) / 2 for r in frag.table.rows]
        elif not middles or frag.middle - middles[-1] > tolerance:
            middles.append(frag.middle)
    return middles


def _like_a_table(left: Sequence[float], right: Sequence[float]) -> bool:
    """Return whether two sides are few lines, every one level with one across: a table."""

    def matched(a: Sequence[float], b: Sequence[float]) -> bool:
        return all(any(abs(x - y) <= 1.5 for y in b) for x in a)

    return max(len(left), len(right)) <= 15 and matched(left, right) and matched(right, left)


def _extent(frags: Sequence[Frag]) -> float:
    """Return the height the fragments cover, overlaps counted once."""
    total, top, bottom = 0.0, -math.inf, -math.inf
    for f in sorted(frags, key=lambda f: f.top):
        if f.top > bottom:
            total += max(0.0, bottom - top) if bottom > -math.inf else 0.0
            top, bottom = f.top, f.bottom
        else:
            bottom = max(bottom, f.bottom)
    return total + (bottom - top if bottom > -math.inf else 0.0)


def _columns(
    frags: Sequence[Frag], cut: tuple[float, float], size: float
) -> list[list[Frag]] | None:
    """Return the parts of a block split at the gutter ``cut`` (x0, x1), or None if no gutter."""
    g0, g1 = cut
    left = [f for f in frags if f.x1 <= g0 + 0.5]
    right = [f for f in frags if f.x0 >= g1 - 0.5]
    lm, rm = _line_middles(left, size / 2), _line_middles(right, size / 2)
    height = max(f.bottom for f in frags) - min(f.top for f in frags)
    if min(len(lm), len(rm)) < 2 or _extent([*left, *right]) < GUTTER_SPAN * height:
        return None
    if _like_a_table(lm, rm):
        return None
    return _around_spanners(frags, left, right)


def _around_spanners(
    frags: Sequence[Frag], left: list[Frag], right: list[Frag]
) -> list[list[Frag]]:
    """Return the parts in reading order: columns between the fragments that cross the gutter."""
    on_left = {id(f) for f in left}
    on_side = on_left | {id(f) for f in right}
    sides = sorted((*left, *right), key=lambda f: f.middle)
    taken: set[int] = set()
    parts: list[list[Frag]] = []
    spanners = [f for f in frags if id(f) not in on_side]
    for span in sorted(spanners, key=lambda f: f.top):
        above = [f for f in sides if id(f) not in taken and f.middle < span.top]
        level = [f for f in sides if id(f) not in taken and span.top <= f.middle <= span.bottom]
        parts += [
            [f for f in above if id(f) in on_left],
            [f for f in above if id(f) not in on_left],
        ]
        parts.append([span, *level])
        taken |= {id(f) for f in (*above, *level)}
    rest = [f for f in sides if id(f) not in taken]
    parts += [[f for f in rest if id(f) in on_left], [f for f in rest if id(f) not in on_left]]
    return [part for part in parts if part]


def _gutter_parts(frags: Sequence[Frag], size: float) -> list[list[Frag]] | None:
    """Return the block split at its widest gutter, or None when it has no gutter."""
    left = min(f.x0 for f in frags)
    width = math.ceil(max(f.x1 for f in frags) - left)
    cover = _coverage(frags, left, width)
    limit = GUTTER_OPEN * sum(f.bottom - f.top for f in frags)
    runs = sorted(_open_runs(cover, limit), key=lambda r: r[0] - r[1])
    for start, end in runs:
        if end - start < GUTTER_WIDTH * size:
            break
        parts = _columns(frags, (left + start, left + end), size)
        if parts is not None:
            return parts
    return None


def _leaf(frags: Sequence[Frag]) -> list[PageLine]:
    """Return the lines of a block read top to bottom (a table as its rows)."""
    words = [f.word for f in frags if f.word is not None]
    lines = [line_of(row) for row in rows_of(words)]
    for frag in frags:
        if frag.table is not None:
            lines += frag.table.rows
    return sorted(lines, key=lambda line: line.top)


def order(frags: Sequence[Frag], size: float, depth: int = 0) -> list[PageLine]:
    """Return the lines of the body's fragments in reading order."""
    if not frags:
        return []
    blocks = _blocks(frags, BLOCK_GAP * size)
    if len(blocks) > 1:
        return [line for block in blocks for line in order(block, size, depth + 1)]
    parts = _gutter_parts(frags, size) if depth < MAX_DEPTH else None
    if parts is None or len(parts) < 2:
        return _leaf(frags)
    return [line for part in parts for line in order(part, size, depth + 1)]


# ---------------------------------------------------------------- vertical labels


def _beside(label: PageLine, line: PageLine) -> bool:
    """Return whether ``line`` stands to the right of ``label`` at the same height."""
    return line.x0 >= label.x1 - 1 and line.bottom > label.top and line.top < label.bottom


def place_verticals(lines: list[PageLine], labels: Sequence[PageLine]) -> list[PageLine]:
    """Return ``lines`` with each vertical label before the first line it stands beside."""
    placed = list(lines)
    for label in sorted(labels, key=lambda v: (v.top, v.x0)):
        body = [(i, line) for i, line in enumerate(placed) if not line.vertical]
        at = next((i for i, line in body if _beside(label, line)), None)
        if at is None:
            at = next((i for i, line in body if line.top >= label.top), len(placed))
        placed.insert(at, label)
    return placed
