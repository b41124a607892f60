"""xlsx workbooks: one sheet per table, a bold frozen header, widths to fit, cells as text.

Every cell is written as a string (format 「@」), so 「=1+1」 is never a formula and 「△10」 or
「-」 never become numbers: what the reader sees is what the source wrote.  The one exception is
a column the sheet names in ``numbers`` (a value, a year, a count): there a cell holding a plain
decimal number (「-12.5」, 「2019」: digits, an optional sign and point, nothing else) is written
as a number a spreadsheet can sum and chart; any other text in it stays text.

The workbook is written directly as the few XML parts a spreadsheet needs (Office Open XML,
ECMA-376: content types, workbook, styles, one worksheet per table with inline strings), not
through a spreadsheet library: publishing writes thousands of them (benchmarks/README.md).
The result carries no time stamp, so the same tables always give the same bytes.
"""

from __future__ import annotations

import functools
import re
import struct
import unicodedata
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, repeat, zip_longest
from operator import add, methodcaller
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from shisaku.tabular.recent import KEPT_ROWS, Recent, snapshot

# Characters an xlsx cannot hold (C0 controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKUP = re.compile("[&<>]")
_SPECIAL = re.compile(f"{_MARKUP.pattern}|{_ILLEGAL.pattern}")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_UTF8 = methodcaller("encode", "utf-8", "surrogatepass")  # a lone surrogate counts too
MAX_SHEET_NAME = 31  # Excel refuses longer sheet names


# A cell's markup before and after its text, and an empty cell: style 1 is text (format 「@」),
# style 2 bold text.  Cells go in column order, so they need no reference (r="B2").
class _Cell(NamedTuple):
    """A kind of cell's markup: before and after its text, and when it is empty."""

    start: str
    end: str
    empty: bytes


_TEXT_CELL = _Cell(
    '<c s="1" t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>", b'<c s="1"/>'
)
_HEADER_CELL = _Cell(
    '<c s="2" t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>", b'<c s="2"/>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_ML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    'applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_FROZEN = (
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
    'sqref="A2"/></sheetView></sheetViews>'
)


# The zip records of a package: local header, central directory entry, end of the directory;
# version 2.0 (deflate), made on Unix, no flags, deflated, dated 1980-01-01 00:00 (DOS date 33).
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DEFLATED, _DOS_DATE = 8, 33
_LOCAL_HEAD = (b"PK\x03\x04", 20, 0, 0, _DEFLATED, 0, _DOS_DATE)
_CENTRAL_HEAD = (b"PK\x01\x02", 20, 3, 20, 0, 0, _DEFLATED, 0, _DOS_DATE)
_MODE = 0o600 << 16  # external attributes: a regular file, rw-------

_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class Sheet:
    """One table of a workbook: its sheet name, header and rows of text cells, and the columns
    (by position from 0) whose plain numbers are written as numbers; ``tail``: rows after
    ``rows`` that many sheets end with (a listing of a table's columns), written once for
    each row they start at."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    numbers: frozenset[int] = frozenset()
    tail: tuple[tuple[str, ...], ...] = ()


def sheet_name(name: str, taken: set[str]) -> str:
    """Return ``name`` as Excel accepts it: no []:*?/\\, 31 characters at most, not yet used."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip("'") or "Sheet"
    candidate, number = base[:MAX_SHEET_NAME], 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """Return a workbook with one sheet per table (a workbook needs at least one sheet)."""
    tables = list(sheets) or [Sheet("Sheet", [], [])]
    worksheets = {
        f"xl/worksheets/sheet{number}.xml": _deflated(_worksheet(sheet))
        for number, sheet in enumerate(tables, start=1)
    }
    return _zip(worksheets, _package(tuple(sheet.name for sheet in tables)))


class _Deflated(NamedTuple):
    """A part's data as a zip entry holds it: its CRC-32, size and raw deflated bytes."""

    crc: int
    size: int
    packed: bytes


def _deflated(data: str | bytes | Sequence[bytes]) -> _Deflated:
    """Return a part's text (UTF-8), bytes or bytes in pieces deflated at level 1: pieces
    joined first when they are small (one call to zlib instead of one a piece), else in turn,
    which deflates them as it would their concatenation (zlib's output does not depend on how
    its input is cut; a test checks it), without a copy of a large part."""
    pieces = (
        [data.encode()] if isinstance(data, str) else [data] if isinstance(data, bytes) else data
    )
    if len(pieces) > 1 and sum(map(len, pieces)) <= _JOINED:
        pieces = [b"".join(pieces)]
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)  # raw deflate, as zip stores it
    crc = size = 0
    packed = []
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
        size += len(piece)
        packed.append(packer.compress(piece))
    packed.append(packer.flush())
    return _Deflated(crc, size, b"".join(packed))


_JOINED = 1 << 20  # a part in pieces up to this size (1 MiB) is joined before it is deflated


class _Begun(NamedTuple):
    """A zip package's first entries, as the package begins (from offset 0): their local
    headers and data, their records in the central directory, and how many they are."""

    entries: bytes
    directory: bytes
    parts: int


_NOTHING_YET = _Begun(b"", b"", 0)


@functools.lru_cache(maxsize=64)
def _package(names: tuple[str, ...]) -> _Begun:
    """Return the parts around the worksheets of sheets named ``names`` (as Excel accepts
    them, :func:`sheet_name`), deflated and zipped as a package begins: the same for every
    workbook whose sheets have these names, so made once."""
    taken: set[str] = set()
    count = len(names)
    parts = {
        "[Content_Types].xml": _content_types(count),
        "_rels/.rels": _relationships([("officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": _workbook([sheet_name(name, taken) for name in names]),
        "xl/_rels/workbook.xml.rels": _relationships(
            [("styles", "styles.xml")]
            + [("worksheet", f"worksheets/sheet{i}.xml") for i in range(1, count + 1)]
        ),
        "xl/styles.xml": _STYLES,
    }
    entries, directory, _ = _zipped(parts, _NOTHING_YET)
    return _Begun(b"".join(entries), b"".join(directory), len(parts))


def _zip(parts: Mapping[str, str | _Deflated], begun: _Begun = _NOTHING_YET) -> bytes:
    """Return the parts (texts, or parts already deflated) as a zip package (APPNOTE.TXT),
    after the entries the package ``begun`` with: each deflated at level 1, dated 1980-01-01
    (no time stamp), marked as a Unix file readable by its owner, then the central directory;
    the bytes Python's zipfile writes for the same entries, without its per-entry
    bookkeeping."""
    entries, directory, offset = _zipped(parts, begun)
    central = b"".join(directory)
    count = begun.parts + len(parts)
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), offset, 0)
    return b"".join(entries) + central + end


def _zipped(
    parts: Mapping[str, str | _Deflated], begun: _Begun
) -> tuple[list[bytes], list[bytes], int]:
    """Return the package ``begun`` with ``parts`` added, in pieces: the entries (local
    headers and data), the central directory's records, and the offset where the directory
    goes."""
    entries, directory = [begun.entries], [begun.directory]
    offset = len(begun.entries)
    for name, part in parts.items():
        crc, size, packed = part if isinstance(part, _Deflated) else _deflated(part)
        encoded = name.encode("ascii")  # the part names are ASCII: no UTF-8 flag
        sizes = (crc, len(packed), size, len(encoded))
        entries += [_LOCAL.pack(*_LOCAL_HEAD, *sizes, 0), encoded, packed]
        directory += [_CENTRAL.pack(*_CENTRAL_HEAD, *sizes, 0, 0, 0, 0, _MODE, offset), encoded]
        offset += _LOCAL.size + len(encoded) + len(packed)
    return entries, directory, offset


def _content_types(sheets: int) -> str:
    """Return ``[Content_Types].xml``: what each part of the package is."""
    overrides = [("/xl/workbook.xml", "sheet.main"), ("/xl/styles.xml", "styles")]
    overrides += [(f"/xl/worksheets/sheet{i}.xml", "worksheet") for i in range(1, sheets + 1)]
    return (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{_RELS_TYPE}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{_ML}.{t}+xml"/>' for p, t in overrides)
        + "</Types>"
    )


def _relationships(targets: list[tuple[str, str]]) -> str:
    """Return a relationships part linking to ``targets`` (kind, path), rId1 first."""
    links = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(targets, start=1)
    )
    return f'{_XML}<Relationships xmlns="{_PKG_REL}">{links}</Relationships>'


def _workbook(names: list[str]) -> str:
    """Return ``xl/workbook.xml``: the sheets in order (relationship 1 is the styles)."""
    sheets = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i + 1}"/>'
        for i, name in enumerate(names, start=1)
    )
    return f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{sheets}</sheets></workbook>'


def _worksheet(sheet: Sheet) -> list[bytes]:
    """Return one worksheet, in pieces: widths, frozen header, then the header, rows and tail
    as text cells (each row's cells are its own, so the rows can be made apart)."""
    header = _header_row(tuple(sheet.header))
    width = len(header.widths)
    body = _recent_body(sheet.rows, width, sheet.numbers)
    tail = _tail(2 + len(sheet.rows), width, sheet.numbers, sheet.tail)
    widths = zip_longest(header.widths, body.widths, tail.widths, fillvalue=0)
    return [_sheet_head(tuple(map(max, widths))), header.xml, body.xml, tail.xml, _SHEET_END]


@functools.lru_cache(maxsize=256)
def _sheet_head(widths: tuple[int, ...]) -> bytes:
    """Return a worksheet's start: each column as wide as its widest text, from 8 to 60 (the
    same for many tables of a kind)."""
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{float(min(max(w + 2, 8), 60)):g}" customWidth="1"/>'
        for i, w in enumerate(widths, start=1)
    )
    return (
        f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">{_FROZEN}'
        + (f"<cols>{cols}</cols>" if cols else "")
        + "<sheetData>"
    ).encode()


_SHEET_END = b"</sheetData></worksheet>"


class _Rows(NamedTuple):
    """Rows as a worksheet holds them (UTF-8 XML), and how many half-width columns each
    column's longest first line takes (:func:`_fit`)."""

    xml: bytes
    widths: list[int]


@functools.lru_cache(maxsize=256)
def _header_row(header: tuple[str, ...]) -> _Rows:
    """Return a sheet's first row, its header in bold (the same in every table of a kind)."""
    return _rows(1, [header], _HEADER_CELL)


def _body(
    rows: Sequence[Sequence[str]], width: int, numbers: frozenset[int], first: int = 2
) -> _Rows:
    """Return the rows below a header of ``width`` columns (a cell past it is not written),
    numbered from ``first``."""
    if max(map(len, rows), default=0) > width:
        rows = [row[:width] for row in rows]
    return _rows(first, rows, _TEXT_CELL, numbers)


@functools.lru_cache(maxsize=64)
def _tail(
    first: int, width: int, numbers: frozenset[int], rows: tuple[tuple[str, ...], ...]
) -> _Rows:
    """Return a sheet's tail from row ``first`` (:func:`_body`): the same in many sheets, so
    made once."""
    return _body(rows, width, numbers, first)


def _recent_body(rows: Sequence[Sequence[str]], width: int, numbers: frozenset[int]) -> _Rows:
    """Return :func:`_body`, or the body made last time or the time before for equal rows:
    the workbooks of a page in each language hold the same rows under headings in that
    language, written one after the other."""
    found = _BODIES.get((width, numbers, rows))
    if found is None:
        found = _body(rows, width, numbers)
        if len(rows) <= KEPT_ROWS:
            _BODIES.keep((width, numbers, snapshot(rows)), found)
    return found


_BODIES: Recent[_Rows] = Recent(2)


def _rows(
    first: int,
    rows: Sequence[Sequence[str]],
    cell: _Cell,
    numbers: frozenset[int] = frozenset(),
) -> _Rows:
    """Return rows of cells numbered from ``first``, in UTF-8, in column order (an empty cell
    holds nothing): text cells, but numbers in the columns of ``numbers``; and the columns'
    widths.

    Each distinct text of the table is made a cell once (columns share texts: a year, an
    empty cell), then the cells are laid out a column at a time and joined in one go, the
    cells of neighbouring columns that hold one text throughout joined once for every row;
    rows of unequal length are built a row at a time."""
    if len(set(map(len, rows))) > 1:
        xml = b"".join(_rows(n, [cells], cell, numbers).xml for n, cells in enumerate(rows, first))
        padded = zip_longest(*rows, fillvalue="")  # a missing cell is empty
        return _Rows(xml, [_fit(set(texts)) for texts in padded])
    columns = list(zip(*rows, strict=True))
    distinct = list(map(set, columns))
    joined = "".join(set().union(*distinct))
    texts = _cells(distinct, cell, _SPECIAL.search(joined) is not None)
    numeric = _numbers(texts, [distinct[i] for i in numbers if i < len(distinct)])
    count = len(rows)
    pieces: list[Iterator[bytes]] = [map(b'<row r="%d">'.__mod__, range(first, first + count))]
    same = b""  # the cells of the columns just before that hold one text throughout
    for i, (column, kinds) in enumerate(zip(columns, distinct, strict=True)):
        built = numeric if i in numbers else texts
        if len(kinds) == 1:
            same += built[column[0]]
            continue
        if same:
            pieces.append(repeat(same, count))
            same = b""
        pieces.append(map(built.__getitem__, column))
    pieces.append(repeat(same + b"</row>", count))
    xml = b"".join(chain.from_iterable(zip(*pieces, strict=True)))
    fit = _fit_plain if joined.isascii() and "\n" not in joined else _fit
    return _Rows(xml, list(map(fit, distinct)))


def _cells(distinct: list[set[str]], cell: _Cell, escape: bool) -> dict[str, bytes]:
    """Return each text of the columns (``distinct``: each column's texts) as a text cell in
    UTF-8, an empty text as an empty cell (most tables need no escaping at all)."""
    start, end = cell.start, cell.end
    texts = set().union(*distinct)
    if escape:
        built = {text: f"{start}{_xml_text(text)}{end}".encode() for text in texts}
    else:
        built = {text: f"{start}{text}{end}".encode() for text in texts}
    if "" in built:
        built[""] = cell.empty
    return built


def _numbers(cells: dict[str, bytes], distinct: list[set[str]]) -> dict[str, bytes]:
    """Return ``cells`` with the plain numbers of the numeric columns (``distinct``: their
    texts) as number cells (escaping leaves a number as it is, and makes nothing else one)."""
    if not distinct:
        return cells
    match = _NUMBER.fullmatch
    found = (text for text in set().union(*distinct) if match(text))
    return cells | {text: f"<c><v>{text}</v></c>".encode() for text in found}


def _xml_text(text: str) -> str:
    """Return a cell's text as XML content: characters XML cannot hold become U+FFFD."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("\ufffd", text)
    return escape(text) if _MARKUP.search(text) else text


def _fit_plain(distinct: set[str]) -> int:
    """Return :func:`_fit` of texts all ASCII on one line: the longest's length."""
    return max(map(len, distinct))


def _fit(distinct: set[str]) -> int:
    """Return about how many half-width columns the longest first line of the ``distinct``
    texts of a column takes, quickly: a character of n bytes in UTF-8 counts (1 + n) / 2, so
    ASCII one column and the wide characters (CJK) two; the rare others (accented letters,
    half-width katakana) a little more than they take.  A column's width is its heading's and
    its rows' widest, from 8 to 60 (:func:`_worksheet`)."""
    joined = "".join(distinct)
    if "\n" in joined:
        distinct = {text.partition("\n")[0] for text in distinct}
    if joined.isascii():
        return max(map(len, distinct))
    halves: int = max(map(add, map(len, distinct), map(len, map(_UTF8, distinct))))
    return -(-halves // 2)


def display_width(text: str) -> int:
    """Return how many half-width columns ``text`` takes."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


@functools.cache
def _char_width(ch: str) -> int:
    """Return how many half-width columns a character takes (wide and full-width: two)."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
