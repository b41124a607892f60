"""Every page's main table as CSV and xlsx, at ``index.csv`` / ``index.xlsx`` beside the page.

The files are written by :mod:`shisaku.tabular` (the one CSV and xlsx writer of the code base):
CSV in UTF-8 with a BOM so that Excel opens Japanese correctly; both guarded against formula
injection.  Rows are keyed by 全国地方公共団体コード and plan, numbers sit in their own column
beside the value as written, one value per cell.

The CSV's header is the columns' machine names (stable identifiers, documented in
docs/public-site.md).  The xlsx is for people: its columns are headed in the page's language,
the numbers of the numeric columns (:mod:`columns`) are numbers, and a second
sheet describes the data: the page it comes from, its licence, what the table is about (an
indicator's definition, unit and source) and each heading beside its machine name.  A table
without rows says why in a row of its own, in both formats, rather than arriving empty.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from shisaku.public.downloads import columns
from shisaku.tabular import Sheet, to_csv, to_xlsx
from shisaku.tabular.recent import KEPT_ROWS, Recent, snapshot

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


LICENCE = gettext_lazy(
    "Not chosen yet: to be set by the city (for example CC-BY-4.0); until then, ask the city."
)


@dataclass(frozen=True)
class Table:
    """A page's main table: the file name (no extension), sheet name, header (machine names)
    and text rows; why it may be empty, and what the metadata sheet adds about it."""

    name: str
    sheet: str
    header: list[str]
    rows: list[list[str]]
    empty: str = ""  # why there is no row (default: :func:`nothing_here`)
    about: tuple[tuple[str, str], ...] = ()  # (label, text): definition, unit, source…

    def shown_rows(self) -> list[list[str]]:
        """Return the rows, or one row saying why there are none."""
        if self.rows:
            return self.rows
        return [[self.empty or nothing_here(), *[""] * (len(self.header) - 1)]]


def nothing_here() -> str:
    """Return the default note of an empty table."""
    return gettext("No rows: nothing of this kind is published for this page yet.")


@dataclass(frozen=True)
class Format:
    """A download format: its media type and its writer (the table, the page's address)."""

    content_type: str
    write: Callable[[Table, str], bytes]


def to_workbook(table: Table, source: str) -> bytes:
    """Return the table as an xlsx workbook: headed in the active language, numbers as
    numbers, and a sheet describing the data."""
    heads = columns.headings(table.header)
    data = Sheet(table.sheet, heads, table.shown_rows(), columns.number_columns(table.header))
    return to_xlsx([data, about_sheet(table, source, heads)])


def about_sheet(table: Table, source: str, heads: list[str]) -> Sheet:
    """Return the sheet describing a table: source, licence, what it is about, its columns."""
    words = _about_words(translation.get_language())
    rows = [
        *([[words.published, source]] if source else []),
        [words.licence, words.licence_text],
        *([label, text] for label, text in table.about),
    ]
    listed = _columns_listed(words, tuple(table.header), tuple(heads))
    return Sheet(words.sheet, [words.item, words.content], rows, tail=listed)


@functools.lru_cache(maxsize=64)
def _columns_listed(
    words: _AboutWords, header: tuple[str, ...], heads: tuple[str, ...]
) -> tuple[tuple[str, ...], ...]:
    """Return the rows that end the sheet describing a table: a blank row, then each column's
    machine name beside its heading (the same for every table of a kind in a language)."""
    return (("", ""), (words.column, words.heading), *zip(header, heads, strict=True))


class _AboutWords(NamedTuple):
    """The words of the sheet describing a table, in one language."""

    published: str
    licence: str
    licence_text: str
    column: str
    heading: str
    sheet: str
    item: str
    content: str


@functools.lru_cache(maxsize=16)
def _about_words(language: str | None) -> _AboutWords:
    """Return the words of the sheet describing a table in ``language`` (looked up once per
    language: a publishing run writes hundreds of workbooks)."""
    with translation.override(language):
        return _AboutWords(
            gettext("Published at"),
            gettext("Licence"),
            str(LICENCE),
            gettext("Column (machine name)"),
            gettext("Heading"),
            gettext("About this data"),
            gettext("Item"),
            gettext("Content"),
        )


def to_csv_file(table: Table, source: str) -> bytes:
    """Return the table as CSV (machine names as its header, the same in every language):
    the one made last when its header and rows were equal (a page's file in the second
    language is the first's), else made anew."""
    rows = table.shown_rows()
    made = _LAST_CSV.get((table.header, rows))
    if made is None:
        made = to_csv(table.header, rows)
        if len(rows) <= KEPT_ROWS:
            _LAST_CSV.keep((list(table.header), snapshot(rows)), made)
    return made


_LAST_CSV: Recent[bytes] = Recent(1)


FORMATS: dict[str, Format] = {
    "csv": Format("text/csv; charset=utf-8", to_csv_file),
    "xlsx": Format(XLSX, to_workbook),
}


def content_disposition(filename: str) -> str:
    """Return an attachment header: an ASCII name, plus the UTF-8 name (RFC 5987) when needed."""
    fallback = _UNSAFE.sub("_", filename).strip("_") or "download"
    header = f'attachment; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def page_of(request: HttpRequest) -> str:
    """Return the address of the page whose table a download request asks for (its query
    kept)."""
    path = request.path.rpartition("index.")[0]
    query = request.META.get("QUERY_STRING", "")
    return request.build_absolute_uri(path + (f"?{query}" if query else ""))


def file_response(table: Table, extension: str, source: str = "") -> HttpResponse:
    """Return ``table`` as a file download in ``extension`` (csv or xlsx); ``source``: the
    address of the page it comes from."""
    how = FORMATS[extension]
    response = HttpResponse(how.write(table, source), content_type=how.content_type)
    response["Content-Disposition"] = content_disposition(f"{table.name}.{extension}")
    response["Access-Control-Allow-Origin"] = "*"
    return response
