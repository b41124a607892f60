"""Find text printed vertically: characters stacked one under another, alone on their rows.

A side label such as 「現状と課題」 is drawn either with a vertical CID font or one character
per line; either way each character stands alone horizontally (no neighbour within a third of
its size on its row) and the next one sits right under it (same middle, gap under a third of
its size).  Two or more such characters make one vertical run, read top to bottom.
"""

from __future__ import annotations

from collections.abc import Sequence

from shisaku.documents.pdf_chars import Char

# Shares of the character size.
LONE_GAP = 0.35  # a character with no neighbour this close on its row stands alone
STACK_GAP = 0.35  # the next character of a vertical run starts within this much below
STACK_SHIFT = 0.25  # ... and its middle is within this much to the side
ROW_TOLERANCE = 2.0  # points: characters whose tops are this close share a row


def _rows(chars: Sequence[Char]) -> list[list[Char]]:
    """Return the characters grouped into rows of nearly equal top, each left to right."""
    rows: list[list[Char]] = []
    last = float("-inf")
    for char in sorted(chars, key=lambda c: c["top"]):
        if char["top"] - last > ROW_TOLERANCE:
            rows.append([])
        rows[-1].append(char)
        last = char["top"]
    return [sorted(row, key=lambda c: c["x0"]) for row in rows]


def _lone(chars: Sequence[Char]) -> list[Char]:
    """Return the upright characters that have no close neighbour on their row."""
    lone: list[Char] = []
    for row in _rows([c for c in chars if c["upright"] and not c["text"].isspace()]):
        for i, char in enumerate(row):
            gap = LONE_GAP * char["size"]
            left = i == 0 or char["x0"] - row[i - 1]["x1"] > gap
            right = i == len(row) - 1 or row[i + 1]["x0"] - char["x1"] > gap
            if left and right:
                lone.append(char)
    return lone


def _follows(upper: Char, lower: Char) -> bool:
    """Return whether ``lower`` continues a vertical run right under ``upper``."""
    size = upper["size"]
    shift = abs((upper["x0"] + upper["x1"]) - (lower["x0"] + lower["x1"])) / 2
    gap = lower["top"] - upper["bottom"]
    similar = 0.8 <= lower["size"] / size <= 1.25 if size else False
    return similar and shift <= STACK_SHIFT * size and -0.2 * size <= gap <= STACK_GAP * size


def vertical_runs(chars: Sequence[Char]) -> list[list[Char]]:
    """Return the runs of two or more characters stacked vertically, each top to bottom."""
    runs: list[list[Char]] = []
    open_runs: list[list[Char]] = []
    for char in sorted(_lone(chars), key=lambda c: c["top"]):
        run = next((r for r in open_runs if _follows(r[-1], char)), None)
        if run is None:
            run = [char]
            open_runs.append(run)
            runs.append(run)
        else:
            run.append(char)
    return [run for run in runs if len(run) >= 2]


def split_vertical(chars: Sequence[Char]) -> tuple[list[list[Char]], list[Char]]:
    """Return the vertical runs among ``chars`` and the characters left for horizontal lines."""
    runs = vertical_runs(chars)
    taken = {id(c) for run in runs for c in run}
    return runs, [c for c in chars if id(c) not in taken]
