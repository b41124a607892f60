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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice, repeat, zip_longest
from operator import add, methodcaller
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

# Characters an xlsx cannot hold (C0 controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKUP = re.compile("[&<>]")
_SPECIAL = re.compile(f"{_MARKUP.pattern}|{_ILLEGAL.pattern}")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_UTF8 = methodcaller("encode", "utf-8", "surrogatepass")  # a lone surrogate counts too
MAX_SHEET_NAME = 31  # Excel refuses longer sheet names
# A cell's markup before and after its text, and an empty cell: style 1 is text (format 「@」),
# style 2 bold text.  Cells go in column order, so they need no reference (r="B2").
_TEXT_CELL = ('<c s="1" t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>", '<c s="1"/>')
_HEADER_CELL = (
    '<c s="2" t="inlineStr"><is><t xml:space="preserve">',
    "</t></is></c>",
    '<c s="2"/>',
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
_NUMBER_CELL = ("<c><v>", "</v></c>")


@dataclass(frozen=True)
class Sheet:
    """One table of a workbook: its sheet name, header and rows of text cells, and the columns
    (by position from 0) whose plain numbers are written as numbers."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    numbers: frozenset[int] = frozenset()


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
    taken: set[str] = set()
    tables = list(sheets) or [Sheet("Sheet", [], [])]
    parts = dict(_package(tuple(sheet_name(sheet.name, taken) for sheet in tables)))
    for number, sheet in enumerate(tables, start=1):
        parts[f"xl/worksheets/sheet{number}.xml"] = _deflated(_worksheet(sheet))
    return _zip(parts)


class _Deflated(NamedTuple):
    """A part's data as a zip entry holds it: its CRC-32, size and raw deflated bytes."""

    crc: int
    size: int
    packed: bytes


def _deflated(data: str | bytes) -> _Deflated:
    """Return a part's text (UTF-8) or bytes deflated at level 1."""
    raw = data.encode() if isinstance(data, str) else data
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)  # raw deflate, as zip stores it
    return _Deflated(zlib.crc32(raw), len(raw), packer.compress(raw) + packer.flush())


@functools.lru_cache(maxsize=64)
def _package(names: tuple[str, ...]) -> tuple[tuple[str, _Deflated], ...]:
    """Return the parts around the worksheets, deflated: the same for every workbook whose
    sheets have these names, so made once."""
    count = len(names)
    parts = {
        "[Content_Types].xml": _content_types(count),
        "_rels/.rels": _relationships([("officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": _workbook(list(names)),
        "xl/_rels/workbook.xml.rels": _relationships(
            [("styles", "styles.xml")]
            + [("worksheet", f"worksheets/sheet{i}.xml") for i in range(1, count + 1)]
        ),
        "xl/styles.xml": _STYLES,
    }
    return tuple((name, _deflated(text)) for name, text in parts.items())


def _zip(parts: Mapping[str, str | _Deflated]) -> bytes:
    """Return the parts (texts, or parts already deflated) as a zip package (APPNOTE.TXT):
    each deflated at level 1, dated 1980-01-01 (no time stamp), marked as a Unix file readable
    by its owner, then the central directory; the bytes Python's zipfile writes for the same
    entries, without its per-entry bookkeeping."""
    entries: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, part in parts.items():
        crc, size, packed = part if isinstance(part, _Deflated) else _deflated(part)
        encoded = name.encode("ascii")  # the part names are ASCII: no UTF-8 flag
        sizes = (crc, len(packed), size, len(encoded))
        entries += [_LOCAL.pack(*_LOCAL_HEAD, *sizes, 0), encoded, packed]
        directory += [_CENTRAL.pack(*_CENTRAL_HEAD, *sizes, 0, 0, 0, 0, _MODE, offset), encoded]
        offset += _LOCAL.size + len(encoded) + len(packed)
    central = b"".join(directory)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central), offset, 0)
    return b"".join(entries) + central + end


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


def _worksheet(sheet: Sheet) -> bytes:
    """Return one worksheet: widths, frozen header, then the header and rows as text cells."""
    width = len(sheet.header)
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
        for i, w in enumerate(_widths(sheet), start=1)
    )
    body = sheet.rows
    if max(map(len, body), default=0) > width:  # a cell past the header is not written
        body = [row[:width] for row in body]
    head = (
        f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">{_FROZEN}'
        + (f"<cols>{cols}</cols>" if cols else "")
        + "<sheetData>"
    )
    rows = _header_row(tuple(sheet.header)) + _rows(2, body, _TEXT_CELL, sheet.numbers)
    return b"%s%s</sheetData></worksheet>" % (head.encode(), rows)


@functools.lru_cache(maxsize=256)
def _header_row(header: tuple[str, ...]) -> bytes:
    """Return a sheet's first row, its header in bold (the same in every table of a kind)."""
    return _rows(1, [header], _HEADER_CELL)


def _rows(
    first: int,
    rows: Sequence[Sequence[str]],
    cell: tuple[str, str, str],
    numbers: frozenset[int] = frozenset(),
) -> bytes:
    """Return rows of cells numbered from ``first``, in UTF-8, in column order (an empty cell
    holds nothing): text cells, but numbers in the columns of ``numbers``.

    The cells are built a column at a time, each distinct text of a column once (a column
    repeats its texts: a code, a unit, a source), then joined a row at a time; rows of unequal
    length are built a row at a time."""
    if len(set(map(len, rows))) > 1:
        return b"".join(_rows(n, [cells], cell, numbers) for n, cells in enumerate(rows, first))
    escape = _SPECIAL.search("".join(chain.from_iterable(rows))) is not None
    columns = [
        _column(texts, cell, i in numbers, escape)
        for i, texts in enumerate(zip(*rows, strict=True))
    ]
    joined = map(b"".join, zip(*columns, strict=True)) if columns else repeat(b"", len(rows))
    return b"".join([b'<row r="%d">%s</row>' % row for row in enumerate(joined, start=first)])


def _column(
    texts: Sequence[str], cell: tuple[str, str, str], numeric: bool, escape: bool
) -> list[bytes]:
    """Return a column's cells in UTF-8: text, or a number in a numeric column when the text
    is one (most tables need no escaping at all)."""
    start, end, empty = cell
    number, number_end = _NUMBER_CELL
    match = _NUMBER.fullmatch
    built = {}
    for text in set(texts):
        xml = _xml_text(text) if escape else text
        if not xml:
            built[text] = empty.encode()
        elif numeric and match(xml):
            built[text] = f"{number}{xml}{number_end}".encode()
        else:
            built[text] = f"{start}{xml}{end}".encode()
    return list(map(built.__getitem__, texts))


def _xml_text(text: str) -> str:
    """Return a cell's text as XML content: characters XML cannot hold become U+FFFD."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("\ufffd", text)
    return escape(text) if _MARKUP.search(text) else text


def _widths(sheet: Sheet) -> list[float]:
    """Return column widths fitting each column's longest first line (wide characters count
    two), from 8 to 60."""
    columns = zip_longest(sheet.header, *sheet.rows, fillvalue="")  # a missing cell is empty
    return [
        float(min(max(_columns(texts) + 2, 8), 60)) for texts in islice(columns, len(sheet.header))
    ]


def _columns(texts: Sequence[str]) -> int:
    """Return about how many half-width columns the longest first line of ``texts`` takes,
    quickly: a character of n bytes in UTF-8 counts (1 + n) / 2, so ASCII one column and the
    wide characters (CJK) two; the rare others (accented letters, half-width katakana) a little
    more than they take.  Each text is measured once (a column repeats its texts)."""
    distinct = set(texts)
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
