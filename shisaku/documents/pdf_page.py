"""Read the pages of a PDF: each page's lines in reading order, margins still in.

:func:`read_pages` reads some pages of a file in turn, closing each page after it, so that it
can run in a worker process on its share of a long document (see :mod:`shisaku.documents.pdf`).
A page that cannot be read comes back as a :class:`PageFailure` rather than an exception, so
that the reason crosses a process boundary intact.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from shisaku.documents.pdf_chars import Char, dedupe, unreadable_share
from shisaku.documents.pdf_layout import (
    order,
    place_verticals,
    split_margins,
    table_frag,
    word_frag,
)
from shisaku.documents.pdf_lines import vertical_line, words_of
from shisaku.documents.pdf_margins import PageText
from shisaku.documents.pdf_objects import load_objects
from shisaku.documents.pdf_tables import find_tables
from shisaku.documents.pdf_vertical import split_vertical
from shisaku.domain.plandoc_source import SourceNotice

GARBAGE_SHARE = 0.3  # a page with more unreadable characters than this gives no lines
NO_TEXT_PAGE = "文字情報のないページです（画像だけのページは OCR が必要です）"
GARBAGE_PAGE = (
    "文字を読み取れないページです（フォントに文字の対応表がありません）。"
    "このページは取り込んでいません"
)


@dataclass(frozen=True, slots=True)
class PageFailure:
    """A page that could not be read at all, and why."""

    page: int
    reason: str


def page_notice(number: int, chars: Sequence[Char]) -> SourceNotice | None:
    """Return why a page gives no lines (no text layer, unreadable text), or None."""
    if not any(not c["text"].isspace() for c in chars):
        return SourceNotice(number, "no_text", NO_TEXT_PAGE)
    if unreadable_share(chars) > GARBAGE_SHARE:
        return SourceNotice(number, "garbage_text", GARBAGE_PAGE)
    return None


def on_page(chars: Sequence[Char], bbox: Sequence[float]) -> list[Char]:
    """Return the characters whose middle lies on the page (text drawn off the page is unseen)."""
    x0, top, x1, bottom = (float(v) for v in bbox)
    return [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]


def read_page(page: Any) -> PageText:
    """Return one page's lines in reading order, margins still in (or the notice why none)."""
    chars = on_page(load_objects(page).get("char", []), page.bbox)
    notice = page_notice(page.page_number, chars)
    if notice is not None:
        return PageText(page.page_number, [], notice)
    chars = dedupe(chars)
    tables, chars = find_tables(page, chars)
    runs, chars = split_vertical(chars)
    head, body, foot = split_margins(words_of(chars), float(page.height))
    size = statistics.median(c["size"] for c in chars) if chars else 10.0
    lines = order([*map(word_frag, body), *map(table_frag, tables)], size)
    lines = place_verticals(lines, [vertical_line(run) for run in runs])
    return PageText(page.page_number, [*head, *lines, *foot])


def read_open_pages(pages: Sequence[Any]) -> list[PageText] | PageFailure:
    """Return the text of open pages, closing each after it, or the first page that failed."""
    texts: list[PageText] = []
    for page in pages:
        try:
            texts.append(read_page(page))
        except (PdfminerException, MalformedPDFException) as error:
            return PageFailure(page.page_number, f"ページを読めません（壊れています）: {error}")
        finally:
            page.close()
    return texts


def read_pages(path: Path, numbers: Sequence[int]) -> list[PageText] | PageFailure:
    """Return the text of the pages ``numbers`` (1-based) of the PDF at ``path``."""
    with pdfplumber.open(path, pages=list(numbers)) as pdf:
        return read_open_pages(pdf.pages)
