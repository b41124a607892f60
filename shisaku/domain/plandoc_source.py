"""The one input of the plan-document reader: a document as a stream of source lines.

Text files, PDFs and Word files all become a :class:`SourceDocument`, so that one reader serves
them all.  A text file gives one :class:`SourceLine` per physical line and nothing else; the PDF
and Word readers (:mod:`shisaku.documents`) add what their format knows: the page, the font size
and weight, the heading level the document itself declares (a Word heading style, a PDF
bookmark), and the cells of a table row.  What those readers drop on the way (running heads,
page numbers, a page without a text layer) is reported as :class:`SourceNotice` entries, so that
an import can list everything it left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

NoticeCode = Literal[
    "running_head",  # a header or footer line repeated across pages, dropped
    "page_number",  # a page number, dropped
    "garbage_text",  # a page whose text layer cannot be read ((cid:…) runs, Type3 glyphs)
    "no_text",  # a page with no text layer at all (scanned: needs OCR)
    "figure_text",  # text inside a drawing or chart, dropped
    "other",
]


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a plan document as its format gives it.

    ``number`` counts the lines of the stream from 1 (for a text file: the physical line).
    ``page`` is the 1-based page of a PDF (0 when the format has no pages); ``size`` the largest
    font size on the line in points and ``bold`` whether most of it is bold (0 and False when
    unknown).  ``outline`` is a heading level the document declares itself (Word's 見出し 1 → 1,
    a PDF bookmark's depth), 0 when it declares none.  ``cells`` holds the cells of a table row
    when the format knows them (``text`` is then the cells joined by tabs).
    """

    number: int
    text: str
    page: int = 0
    size: float = 0.0
    bold: bool = False
    outline: int = 0
    cells: tuple[str, ...] = ()

    def where(self) -> str:
        """Return the place of the line for a message: 「12 行目」 or 「3 ページ 12 行目」."""
        line = f"{self.number} 行目"
        return f"{self.page} ページ {line}" if self.page else line


@dataclass(frozen=True, slots=True)
class SourceNotice:
    """Something a format reader left out or could not read, with the page it was on."""

    page: int
    code: NoticeCode
    text: str

    def __str__(self) -> str:
        where = f"{self.page} ページ: " if self.page else ""
        return f"{where}{self.text}"


@dataclass(frozen=True)
class SourceDocument:
    """A whole plan document as source lines, with what its format reader had to say."""

    name: str
    lines: tuple[SourceLine, ...]
    pages: int = 0
    notices: tuple[SourceNotice, ...] = field(default=())
    title: str = ""  # the title the file's metadata gives, if any (PDF Title, Word core title)


def lines_from_text(text: str) -> tuple[SourceLine, ...]:
    """Return one source line per physical line of ``text`` (any line ending)."""
    body = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return tuple(SourceLine(n, raw) for n, raw in enumerate(body.split("\n"), start=1))


def document_from_text(text: str, *, name: str) -> SourceDocument:
    """Return a text file as a source document."""
    return SourceDocument(name=name, lines=lines_from_text(text))
