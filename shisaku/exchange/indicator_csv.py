"""Indicator files as CSV: bytes in any of the encodings Japanese offices use, and back.

Reading: UTF-8 (with or without BOM), UTF-16 (Excel's 「Unicode テキスト」: tab-separated
UTF-16LE with a BOM; without a BOM it is recognised by its NUL bytes) and Shift_JIS (read as
CP932, the Windows form, which adds ①, ㈱ and the like).  Comma or tab is taken from the header
line.  Writing: UTF-8, UTF-8 with BOM (for Excel), Shift_JIS or UTF-16 tab-separated.

Formula-injection guard (:mod:`shisaku.tabular`, shared with the public site's downloads): a
cell that a spreadsheet would run as a formula (starting with = + @ tab or CR, or with - when it
is not a number or a no-data mark such as 「-」) is written with an apostrophe in front, and
reading takes exactly that apostrophe away again.
"""

from __future__ import annotations

import codecs
import csv
import io
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

from shisaku.domain.indicatordata import InputError, Place
from shisaku.exchange.indicator_rows import Cell, RawRow, RawTable
from shisaku.tabular import csv_text, guard, needs_guard, unguard

__all__ = [  # guard, needs_guard and unguard live in shisaku.tabular; kept importable here
    "CSV_ENCODINGS",
    "CsvEncoding",
    "CsvWriteError",
    "DecodeError",
    "decode",
    "guard",
    "needs_guard",
    "read_csv",
    "sniff_delimiter",
    "unguard",
    "write_csv",
]


@dataclass(frozen=True)
class CsvEncoding:
    """How a CSV file is written: codec, delimiter and byte-order mark."""

    codec: str
    delimiter: str
    bom: bytes
    label: str


CSV_ENCODINGS: dict[str, CsvEncoding] = {
    "utf-8": CsvEncoding("utf-8", ",", b"", "UTF-8"),
    "utf-8-bom": CsvEncoding("utf-8", ",", codecs.BOM_UTF8, "UTF-8（BOM 付き）"),
    "shift_jis": CsvEncoding("cp932", ",", b"", "Shift_JIS"),
    "utf-16": CsvEncoding("utf-16-le", "\t", codecs.BOM_UTF16_LE, "UTF-16（タブ区切り）"),
}


_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


class CsvWriteError(ValueError):
    """A cell cannot be written in the chosen encoding; the message names the cell."""


class DecodeError(ValueError):
    """The bytes are in none of the accepted encodings; the message says where it failed."""


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the codec of UTF-16 text without a BOM, told by where its NUL bytes fall."""
    if len(data) < 4:
        return None
    if data[0] and not data[1] and data[2] and not data[3]:
        return "utf-16-le"
    if not data[0] and data[1] and not data[2] and data[3]:
        return "utf-16-be"
    return None


def decode(data: bytes) -> str:
    """Return the text of a CSV file in UTF-8 (BOM or not), UTF-16 or Shift_JIS, or raise."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "UTF-8（BOM 付き）", 3)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "UTF-16", 0)
    if codec := _utf16_without_bom(data):
        return _strict(data, codec, "UTF-16", 0)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as first:
        _refuse_mixed(data, first.start)
        try:
            return data.decode("cp932")
        except UnicodeDecodeError as second:
            raise DecodeError(
                f"文字コードを判別できません（UTF-8 としては {first.start + 1} バイト目、"
                f"Shift_JIS としては {second.start + 1} バイト目が読めません）。"
                "UTF-8、Shift_JIS、UTF-16 のいずれかで保存してください"
            ) from second


def _refuse_mixed(data: bytes, bad: int) -> None:
    """Refuse a file that is UTF-8 Japanese up to byte ``bad`` and something else after it.

    Read as Shift_JIS, its UTF-8 part would turn into other characters (「年度」→「蟷ｴ蠎ｦ」)
    and the error would point at a garbled cell instead of at the encoding.  Two kana or kanji
    before the first bad byte tell UTF-8: Shift_JIS kana and most kanji are never valid UTF-8.
    """
    if len(_JAPANESE.findall(data[:bad].decode("utf-8"))) < 2:
        return
    line = data[:bad].count(b"\n") + 1
    raise DecodeError(
        f"文字コードが混ざっています（{bad} バイト目までは UTF-8 ですが、{line} 行目の "
        f"{bad + 1} バイト目からはそうではありません）。ファイル全体を UTF-8 か Shift_JIS の"
        "どちらか一つで保存し直してください"
    )


def _strict(data: bytes, codec: str, label: str, offset: int) -> str:
    """Decode ``data`` as ``codec``, naming the first byte that is not ``label``."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"{label} として読めません（{error.start + offset + 1} バイト目）"
        ) from error


def sniff_delimiter(text: str) -> str:
    """Return tab or comma, whichever the header line holds more of."""
    header = text.split("\n", 1)[0]
    return "\t" if header.count("\t") > header.count(",") else ","


def read_csv(data: bytes, source: str, errors: list[InputError]) -> RawTable | None:
    """Return the table of a CSV file, or None after reporting why it cannot be read."""
    try:
        text = decode(data)
    except DecodeError as error:
        errors.append(InputError(Place(source), str(error)))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as error:
        message = f'CSV として読めません（{error}）。引用符 " の閉じ忘れなどを確かめてください'
        errors.append(InputError(Place(source, len(records) + 1), message))
        return None
    if not records:
        errors.append(InputError(Place(source), "空のファイルです（見出しの行がありません）"))
        return None
    header = tuple(Cell(text) for text in records[0])
    rows = [
        RawRow(number, tuple(Cell(unguard(text)) for text in record))
        for number, record in enumerate(records[1:], start=2)
    ]
    return RawTable(source, header, rows)


def write_csv(
    columns: Sequence[str], rows: Sequence[dict[str, str]], *, encoding: str, name: str
) -> bytes:
    """Return the CSV bytes of ``rows`` (header first), every cell guarded against formulas."""
    return write_csv_cells(columns, _cells(columns, rows), encoding=encoding, name=name)


def write_csv_cells(
    columns: Sequence[str], table: Sequence[Sequence[str]], *, encoding: str, name: str
) -> bytes:
    """Return the CSV bytes of rows given as their cells in the order of ``columns``, as
    :func:`write_csv` writes them."""
    how = CSV_ENCODINGS[encoding]
    try:
        return how.bom + csv_text(columns, table, delimiter=how.delimiter).encode(how.codec)
    except UnicodeEncodeError:
        _check_encodable(table, columns, how, name)  # names the first cell that cannot be held
        raise


def _cells(columns: Sequence[str], rows: Sequence[dict[str, str]]) -> list[Sequence[str]]:
    """Return each row's cells in the columns' order, blank where a row has no such column
    (picked by one :func:`operator.itemgetter`: an export has tens of thousands of rows)."""
    if len(columns) > 1:
        try:
            return list(map(operator.itemgetter(*columns), rows))
        except KeyError:  # a row without one of the columns
            pass
    blanks = [""] * len(columns)
    return [list(map(row.get, columns, blanks)) for row in rows]


def _check_encodable(
    table: Sequence[Sequence[str]], columns: Sequence[str], how: CsvEncoding, name: str
) -> None:
    """Raise CsvWriteError naming the first cell (by row and column) that ``how`` cannot hold."""
    for number, cells in enumerate(table, start=2):
        for column, text in zip(columns, cells, strict=True):
            try:
                text.encode(how.codec)
            except UnicodeEncodeError as error:
                char, where = text[error.start], f"{name} の {number} 行目"
                raise CsvWriteError(
                    f"{where} の {column} 列の文字「{char}」（U+{ord(char):04X}）は {how.label} で"
                    "表せません。UTF-8 で書き出してください"
                ) from error
