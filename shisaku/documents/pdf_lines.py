"""Words and lines of a PDF page: the pieces the layout orders.

A *word* is pdfplumber's: characters that follow each other on one line with no gap wider than
a fifth of their size (Japanese runs whole phrases together; a space or a wide gap ends a
word).  A *line* is words whose vertical middles meet, joined with one space where a real gap
separates them and with nothing where they touch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pdfplumber.utils.text import extract_words

from shisaku.documents.pdf_chars import Char, is_bold

Word = dict[str, Any]

# A gap wider than this share of the character size separates two words (a space).
WORD_GAP = 0.2
_ASCII_WORD = re.compile(r"[0-9A-Za-z]")


@dataclass(slots=True)
class PageLine:
    """One line of a page as read, with its box (points from the page's top left)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    cells: tuple[str, ...] = ()
    band: str = ""  # "top" or "bottom" for a line in the page's head or foot margin
    vertical: bool = False


def words_of(chars: Sequence[Char]) -> list[Word]:
    """Return the words of ``chars``, each with its characters under ``chars``."""
    if not chars:
        return []
    return list(extract_words(list(chars), return_chars=True, x_tolerance_ratio=WORD_GAP))


def rows_of(words: Iterable[Word]) -> list[list[Word]]:
    """Return words grouped into visual lines, top to bottom (a line's words left to right)."""
    rows: list[list[Word]] = []
    top = bottom = 0.0
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        if rows and (
            top <= middle <= bottom or word["top"] <= (top + bottom) / 2 <= word["bottom"]
        ):
            rows[-1].append(word)
            top, bottom = min(top, word["top"]), max(bottom, word["bottom"])
        else:
            rows.append([word])
            top, bottom = word["top"], word["bottom"]
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def join_words(words: Sequence[Word]) -> str:
    """Return the text of one line's words: a space only where a real gap separates them."""
    text = ""
    previous: Word | None = None
    for word in words:
        if previous is not None:
            size = max(c["size"] for c in previous["chars"])
            text += " " if word["x0"] - previous["x1"] > WORD_GAP * size else ""
        text += word["text"]
        previous = word
    return text


def join_cell_lines(lines: Sequence[str]) -> str:
    """Return a table cell's lines as one text: Japanese runs on; ASCII words keep a space."""
    text = ""
    for line in (part.strip() for part in lines):
        if text and line and _ASCII_WORD.match(text[-1]) and _ASCII_WORD.match(line[0]):
            text += " "
        text += line
    return text


def line_of(words: Sequence[Word], *, band: str = "") -> PageLine:
    """Return one line from its words (left to right): text, box, largest size, bold."""
    chars = [c for w in words for c in w["chars"] if not c["text"].isspace()]
    bold = sum(1 for c in chars if is_bold(c)) * 2 > len(chars)
    return PageLine(
        text=join_words(words),
        x0=min(w["x0"] for w in words),
        top=min(w["top"] for w in words),
        x1=max(w["x1"] for w in words),
        bottom=max(w["bottom"] for w in words),
        size=round(max((c["size"] for c in chars), default=0.0), 2),
        bold=bold,
        band=band,
    )


def vertical_line(chars: Sequence[Char]) -> PageLine:
    """Return a run of characters printed one under another as one line, read top to bottom."""
    ordered = sorted(chars, key=lambda c: c["top"])
    word = {
        "text": "".join(c["text"] for c in ordered),
        "chars": ordered,
        "x0": min(c["x0"] for c in ordered),
        "x1": max(c["x1"] for c in ordered),
        "top": ordered[0]["top"],
        "bottom": max(c["bottom"] for c in ordered),
    }
    line = line_of([word])
    line.vertical = True
    return line
