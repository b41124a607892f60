"""Read a plan PDF into source lines: its text in reading order, one visual line per line.

:func:`read_pdf` opens the file with pdfplumber and reads each page in turn (closing it after,
so that memory does not grow with the document):

- characters drawn over themselves (Word's "bold") are kept once and count as bold
  (:mod:`pdf_chars`); ruled tables become one line per row with its cells (:mod:`pdf_tables`);
  characters stacked vertically (side labels) become one line (:mod:`pdf_vertical`);
- the rest is ordered by blocks and columns (:mod:`pdf_layout`), and the head and foot margins
  lose their running heads and page numbers (:mod:`pdf_margins`);
- a line that matches a bookmark of the PDF gets its depth as ``outline``; radical characters
  that stand for ordinary kanji are replaced.  Nothing else of the text is changed.

A page without text, or whose text cannot be read, gives no lines and a notice; a PDF without
any text, an encrypted or a broken one raises :class:`DocumentError`.
"""

from __future__ import annotations

import math
import multiprocessing
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFNoOutlines, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from shisaku.documents import Progress
from shisaku.documents.errors import DocumentError
from shisaku.documents.pdf_chars import unify_radicals
from shisaku.documents.pdf_lines import PageLine
from shisaku.documents.pdf_margins import PageText, drop_margins
from shisaku.documents.pdf_page import PageFailure, read_open_pages, read_pages
from shisaku.domain.plandoc_source import SourceDocument, SourceLine

__all__ = ["NO_TEXT", "read_pdf"]

NO_TEXT = (
    "文字情報のない PDF です（画像だけの PDF は読めません。OCR（tesseract-ocr-jpn など）で"
    "文字を付けてからお試しください）"
)
UNREADABLE = (
    "どのページの文字も読み取れません（フォントに文字の対応表がない PDF です。"
    "PDF を作り直すか、OCR で文字を付けてからお試しください）"
)
# Reading in worker processes (``read_pdf(path, workers=2)``) pays only for a long PDF:
# starting a process and reopening the file costs about half a second.  By default a PDF is read
# in this process: 200 pages take 10-14 s on two shared cores, within the aim of 20 s, and two
# workers gain little unless the machine has a core to spare.
PARALLEL_PAGES = 24
# What a damaged file makes pdfplumber raise while walking its page tree (a page without a
# MediaBox gives a TypeError).
BROKEN = (PdfminerException, MalformedPDFException, TypeError, ValueError)


def _open_error(name: str, error: BaseException) -> DocumentError:
    """Return the error for a PDF that cannot be opened, saying why in Japanese."""
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(error, FileNotFoundError):
        reason = "ファイルが見つかりません"
    elif isinstance(cause, PDFPasswordIncorrect):
        reason = "パスワードで保護された PDF です（保護を外した PDF を用意してください）"
    elif "encrypt" in f"{type(cause).__name__} {cause}".lower():
        reason = (
            f"この暗号化方式の PDF は読めません（保護を外した PDF を用意してください）: {cause}"
        )
    else:
        reason = f"PDF として読めません（壊れているか、PDF ではないファイルです）: {cause}"
    return DocumentError(name, reason)


def _shares(count: int, workers: int) -> list[list[int]]:
    """Return the page numbers 1..count in consecutive shares, four for each worker."""
    size = max(4, math.ceil(count / (workers * 4)))
    return [list(range(start, min(start + size, count + 1))) for start in range(1, count + 1, size)]


def _read_parallel(
    path: Path, count: int, workers: int, progress: Progress | None = None
) -> list[PageText] | PageFailure:
    """Return every page's text read by ``workers`` new processes, in page order."""
    context = multiprocessing.get_context("spawn")  # no inherited threads, locks or sockets
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        texts: list[PageText] = []
        for share in pool.map(read_pages, repeat(path), _shares(count, workers)):
            if isinstance(share, PageFailure):
                return share
            texts += share
            if progress is not None:
                progress(len(texts), count)
    return texts


def _read_serial(pages: list[Any], progress: Progress | None) -> list[PageText] | PageFailure:
    """Return every page's text read here, one page at a time, telling ``progress`` each."""
    if progress is None:
        return read_open_pages(pages)
    texts: list[PageText] = []
    for page in pages:
        found = read_open_pages([page])
        if isinstance(found, PageFailure):
            return found
        texts += found
        progress(len(texts), len(pages))
    return texts


def _page_list(name: str, pdf: Any) -> list[Any]:
    """Return the pages of an open PDF; raise DocumentError when its page tree is broken."""
    try:
        return list(pdf.pages)
    except BROKEN as error:
        raise DocumentError(name, f"PDF のページ構成が壊れています: {error}") from error


def _parallel(count: int, workers: int) -> bool:
    """Return whether ``count`` pages are worth reading in ``workers`` processes here."""
    # A daemonic process (a multiprocessing pool's worker) may not start processes of its own.
    daemon = multiprocessing.current_process().daemon
    return workers > 1 and count >= PARALLEL_PAGES and not daemon


def _read_all(
    path: Path, pages: list[Any], workers: int, progress: Progress | None = None
) -> list[PageText] | PageFailure:
    """Return every page's text, in ``workers`` processes when the PDF is long enough."""
    if progress is not None:
        progress(0, len(pages))
    if _parallel(len(pages), workers):
        try:
            return _read_parallel(path, len(pages), workers, progress)
        except (OSError, BrokenProcessPool):  # no processes to be had here: read in this one
            pass
    return _read_serial(pages, progress)


def _folded(text: str) -> str:
    """Return ``text`` as bookmarks are compared: NFKC, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def outline_depths(pdf: Any) -> dict[str, int]:
    """Return the PDF's bookmark titles (folded) with their depth from 1, shallowest first."""
    depths: dict[str, int] = {}
    try:
        for level, title, *_ in pdf.doc.get_outlines():
            key = _folded(str(title))
            depths[key] = min(level, depths.get(key, level))
    except PDFNoOutlines:
        return {}
    except Exception:  # a broken outline only loses the hint, not the document
        return depths
    return depths


def _source_line(number: int, page: int, line: PageLine, depths: dict[str, int]) -> SourceLine:
    """Return a page line as a source line of the stream."""
    outline = 0 if line.cells else depths.get(_folded(line.text), 0)
    return SourceLine(
        number=number,
        text=unify_radicals(line.text),
        page=page,
        size=line.size,
        bold=line.bold,
        outline=outline,
        cells=tuple(unify_radicals(cell) for cell in line.cells),
    )


def _title(pdf: Any) -> str:
    """Return the Title of the PDF's metadata, or an empty string."""
    title = pdf.metadata.get("Title", "")
    return title.strip() if isinstance(title, str) else ""


def _document(name: str, pdf: Any, pages: list[PageText]) -> SourceDocument:
    """Return the source document of the read pages (margins dropped, lines numbered)."""
    if pages and all(p.notice is not None and p.notice.code == "no_text" for p in pages):
        raise DocumentError(name, NO_TEXT)
    if pages and all(p.notice is not None for p in pages):
        raise DocumentError(name, UNREADABLE)
    kept, dropped = drop_margins(pages)
    depths = outline_depths(pdf)
    placed = [(p.number, line) for p in kept for line in p.lines]
    lines = tuple(_source_line(n, page, line, depths) for n, (page, line) in enumerate(placed, 1))
    notices = [p.notice for p in pages if p.notice is not None] + dropped
    notices.sort(key=lambda notice: notice.page)
    return SourceDocument(name, lines, pages=len(pages), notices=tuple(notices), title=_title(pdf))


def _close(pdf: Any) -> None:
    """Close an open PDF even when its page tree is broken (pdfplumber walks it to close)."""
    try:
        pdf.close()
    except BROKEN:
        pdf.stream.close()


def _read_open(
    name: str, path: Path, pdf: Any, workers: int, progress: Progress | None = None
) -> SourceDocument:
    """Return the source document of an open PDF; raise DocumentError."""
    pages = _read_all(path, _page_list(name, pdf), workers, progress)
    if isinstance(pages, PageFailure):
        raise DocumentError(name, pages.reason, page=pages.page)
    if not pages:
        raise DocumentError(name, "ページのない PDF です")
    return _document(name, pdf, pages)


def read_pdf(path: Path, *, workers: int = 1, progress: Progress | None = None) -> SourceDocument:
    """Return the text of a plan PDF as source lines in reading order; raise DocumentError.

    ``workers`` above 1 reads a PDF of 24 pages or more in that many new processes, each
    taking its share of the pages; the result is the same.  ``progress(done, pages)`` is
    called with 0 once the pages are counted, then as pages are read (after each page, or
    each worker's share); the result is the same with it or without.
    """
    name = path.name
    try:
        pdf = pdfplumber.open(path)
    except (PdfminerException, OSError) as error:
        raise _open_error(name, error) from error
    try:
        return _read_open(name, path, pdf, workers, progress)
    finally:
        _close(pdf)
