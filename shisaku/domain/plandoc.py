"""Read a 総合計画 document in plain text (as PDF-to-text gives it) into a :class:`PlanTree`.

The reader is pure: it takes text (or bytes, through :func:`decode_plan_bytes`) and returns
a tree, or raises :class:`PlanDocError` naming the file, the line, what it found and what it
expected.  Line forms are in :mod:`shisaku.domain.plandoc_lines`, placement rules in
:mod:`shisaku.domain.plandoc_build`, footnote attachment in :mod:`shisaku.domain.plandoc_notes`.
"""

from __future__ import annotations

import codecs
import re

from shisaku.domain.plandoc_build import PlanBuilder
from shisaku.domain.plandoc_errors import PlanDocError
from shisaku.domain.plandoc_lines import classify
from shisaku.domain.plantree import PlanTree

__all__ = ["PlanDocError", "decode_plan_bytes", "parse_plan"]

# A byte order mark decides the encoding outright.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Without a BOM: UTF-8 is strict enough to recognise; CP932 is the Windows Shift_JIS superset.
_GUESSES = ("utf-8", "cp932")
# Characters no text file holds: C0 and C1 controls (tab, newlines, form feed and vertical tab
# are fine), and the private-use points CP932 gives the stray single bytes 0xA0, 0xFD-0xFF.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\uf8f0-\uf8f3]")
_EXPECTED_TEXT = "UTF-8、BOM付き UTF-16 または Shift_JIS のテキストファイル"


def _binary(source: str, data: bytes) -> PlanDocError:
    """Return the error for bytes that are not text."""
    head = " ".join(f"{b:02x}" for b in data[:8])
    return PlanDocError(source, 0, f"テキストではないバイト列（先頭 {head}）", _EXPECTED_TEXT)


def _decode_as(data: bytes, encodings: tuple[str, ...]) -> str | None:
    """Return ``data`` decoded with the first encoding that reads it strictly, or None."""
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _encodings(data: bytes) -> tuple[str, ...]:
    """Return the encodings worth trying on ``data``, most certain first."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return (encoding,)
    # No BOM: a NUL byte means binary (or BOM-less UTF-16, which we do not guess at).
    return () if b"\x00" in data else _GUESSES


def decode_plan_bytes(data: bytes, *, source: str) -> str:
    """Return the text of a plan file in UTF-8 (BOM or not), UTF-16 with BOM, or Shift_JIS."""
    text = _decode_as(data, _encodings(data))
    if text is None or _CONTROL_RE.search(text):
        raise _binary(source, data)
    return text


def parse_plan(text: str, *, source: str = "<text>") -> PlanTree:
    """Return the plan tree of a plan document; raise PlanDocError on a line it cannot place."""
    builder = PlanBuilder(source)
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        builder.feed(classify(raw, number))
    return builder.finish()
