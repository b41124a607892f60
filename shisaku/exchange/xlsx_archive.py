"""Check an xlsx archive before openpyxl reads it: sizes, ratios, and each sheet's extent.

openpyxl builds every cell of a sheet in memory, and even its read-only mode builds a whole
row at once; a cell written without its ``r=`` address takes the next column, so a few
hundred kilobytes of ``<c/>`` make a row of millions of cells.  So the archive is checked
first, keeping nothing but counters: the unpacked size of all members and the ratio of each
(an xlsx part unpacks 5–30 times; a crafted one 1000 times), then every XML part is read as a
stream of tags, counting rows, cells and shared strings and tracking the highest row and
column, until a limit is passed.  Only then does openpyxl read the sheets (read-only, row by
row), and the ranges of merged cells come from this scan (read-only mode does not read them).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any
from xml.parsers import expat

MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a sheet of 2,500,000 cells is about 90 MB of XML
MAX_RATIO = 100  # as Apache POI: a part that unpacks over 100 times is refused
RATIO_FROM_BYTES = 1024 * 1024  # tiny parts unpack far less; only larger ones are judged
_CHUNK = 64 * 1024
NOT_XLSX = (
    "xlsx（Excel ブック）として読めません。Excel で「Excel ブック (*.xlsx)」として保存してください"
)
_ADDRESS = re.compile(r"([A-Z]{1,3})([0-9]+)")


class ArchiveProblem(Exception):
    """The archive cannot be read safely; the message says why and what is accepted."""


@dataclass
class SheetExtent:
    """What the scan of one XML part found: counts, the used range, merged ranges."""

    max_rows: int
    max_cells: int
    cells: int = 0
    strings: int = 0
    max_row: int = 0
    max_col: int = 0
    merged: list[str] = field(default_factory=list)
    over: bool = False  # a limit was passed: the scan stopped there
    _row: int = 0
    _col: int = 0

    @property
    def span(self) -> int:
        """Return the number of cells of the used range A1 to the last row and column."""
        return self.max_row * self.max_col


class _Over(Exception):
    """A part passed a limit: stop reading it."""


def column_number(letters: str) -> int:
    """Return the number of a column: A → 1, Z → 26, AA → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_archive(
    archive: zipfile.ZipFile, max_rows: int, max_cells: int
) -> dict[str, SheetExtent]:
    """Return the extent of every XML part (``over`` when past a limit), or raise
    ArchiveProblem for an archive too big, too compressed or not XML."""
    infos = archive.infolist()
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise ArchiveProblem(
            f"ブックの中身が大きすぎます（展開すると {MAX_UNPACKED_BYTES // 2**20} MB を超えます）"
        )
    for info in infos:
        _check_ratio(info)
    xml = [info for info in infos if info.filename.lower().endswith(".xml")]
    return {info.filename: _scan(archive, info, max_rows, max_cells) for info in xml}


def _check_ratio(info: zipfile.ZipInfo) -> None:
    """Refuse a part that unpacks far more than any workbook's part does."""
    if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * info.compress_size:
        ratio = info.file_size // max(info.compress_size, 1)
        raise ArchiveProblem(
            f"ブックの中の {info.filename} が異常に圧縮されています（{ratio:,} 倍。"
            f"{MAX_RATIO} 倍まで）。Excel で開いて保存し直したファイルを使ってください"
        )


def _scan(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_rows: int, max_cells: int
) -> SheetExtent:
    """Read one XML part as a stream of tags, counting until a limit is passed."""
    extent = SheetExtent(max_rows, max_cells)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = lambda name, attrs: _tag(extent, name, attrs)
    parser.StartDoctypeDeclHandler = _no_doctype  # no entities: no "billion laughs" in XML
    try:
        with archive.open(info) as stream:
            _feed(parser, stream, info.filename)
    except _Over:
        extent.over = True
    return extent


def _feed(parser: Any, stream: IO[bytes], name: str) -> None:
    """Feed a part to the parser chunk by chunk."""
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise ArchiveProblem(f"{NOT_XLSX}（ParseError）") from error


def _no_doctype(*_: Any) -> None:
    """Refuse a DOCTYPE (xlsx parts have none; it is how entity bombs begin)."""
    raise ArchiveProblem("ブックの中に DOCTYPE 宣言があります（xlsx には使われません）")


def _tag(extent: SheetExtent, name: str, attrs: dict[str, str]) -> None:
    """Count one start tag of a part; stop as soon as a limit is passed."""
    local = name.rpartition(" ")[2]
    if local == "row":
        extent._row = _number(attrs.get("r")) or extent._row + 1
        extent.max_row = max(extent.max_row, extent._row)
        extent._col = 0
    elif local == "c":
        extent.cells += 1
        extent._col = _column(attrs.get("r"), extent._col + 1)
        extent.max_col = max(extent.max_col, extent._col)
    elif local == "si":
        extent.strings += 1
    elif local == "mergeCell":
        extent.merged.append(attrs.get("ref", ""))
    counts = (extent.cells, extent.strings, len(extent.merged), extent.span)
    if extent.max_row > extent.max_rows or max(counts) > extent.max_cells:
        raise _Over


def _number(text: str | None) -> int:
    """Return a row number attribute (0 when absent or not a number)."""
    return int(text) if text and text.isdigit() else 0


def _column(address: str | None, following: int) -> int:
    """Return the column of a cell address, or the one after the previous cell's."""
    found = _ADDRESS.fullmatch(address or "")
    return column_number(found.group(1)) if found else following
