"""Byte builders for the bad-input corpus: plan documents, exchange JSON/YAML, CSV, xlsx, zips.

Every builder is deterministic (fixed zip dates, sorted keys where order is free), so that
``make_corpus.py`` writes the same bytes each time and a test can check the committed corpus
against it.  The xlsx writer is written by hand, not with openpyxl, so that it can also write
what Excel never would: dimension claims, error cells, control characters, stray far cells.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

import yaml

TOWN, SLUG = "999997", "2024-2028"  # 試験市 and its plan (tests/conftest.py: small_plan)
FIGURE_HEADER = ("municipality_code", "plan", "indicator_code", "kind", "period", "value", "note")
DEFINITION_HEADER = (
    "municipality_code",
    "plan",
    "indicator_code",
    "name",
    "direction",
    "unit",
    "weight",
)
_ZIP_DATE = (2024, 4, 1, 0, 0, 0)


# --- plan documents and plan exchange files -------------------------------------------------


def lines(*text: str, newline: str = "\n", encoding: str = "utf-8") -> bytes:
    """Return a plan document of ``text`` lines."""
    return newline.join(text).encode(encoding)


def plan_document() -> dict[str, Any]:
    """Return a valid exchange document (docs/plan-json.md) of a fictional 試験市 plan."""
    measure = {
        "kind": "measure",
        "code": "1-1-1",
        "title": "相談支援の充実",
        "sections": [
            {"key": "situation", "state": "present", "blocks": [{"kind": "bullet", "text": "a"}]}
        ],
        "children": [],
    }
    policy = {"kind": "policy", "code": "1-1", "title": "暮らしの安心", "children": [measure]}
    return {
        "schema": "shisaku.plan/1",
        "municipality": {"code": TOWN, "name": "試験市", "name_en": "Testville"},
        "plan": {
            "slug": "2030-2034",
            "title": "試験市総合計画（試案）",
            "title_en": "",
            "period": {"start": 2030, "end": 2034},
            "status": "draft",
            "version": 1,
        },
        "nodes": [{"kind": "field", "code": "1", "title": "くらし", "children": [policy]}],
    }


def _step(obj: Any, key: str) -> Any:
    """Return ``obj[key]`` for a dict key or a list index written as digits."""
    return obj[int(key)] if isinstance(obj, list) else obj[key]


def changed(path: str, value: Any, *, delete: bool = False) -> dict[str, Any]:
    """Return the valid plan document with the value at dotted ``path`` replaced or deleted."""
    doc = plan_document()
    *parents, last = path.split(".")
    target: Any = doc
    for key in parents:
        target = _step(target, key)
    if delete:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return doc


def as_json(doc: Any) -> bytes:
    """Return ``doc`` as JSON text (UTF-8, Japanese as is)."""
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def as_yaml(doc: Any) -> bytes:
    """Return ``doc`` as YAML text."""
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8")


def nested_children(depth: int) -> bytes:
    """Return the valid document, as JSON, whose only node has ``depth`` generations of children.

    The text is put together by hand: ``json.dumps`` itself recurses too deep for the huge case.
    """
    head = as_json({**plan_document(), "nodes": []})[: -len(b"[]\n}")]
    opening = b"".join(
        b'{"kind": "action", "code": "1.%d", "title": "x", "children": [' % level
        for level in range(depth)
    )
    return head + b"[" + opening + b"]}" * depth + b"]}"


# --- CSV ------------------------------------------------------------------------------------


def csv_bytes(
    header: Sequence[str], *rows: Sequence[str], encoding: str = "utf-8", sep: str = ","
) -> bytes:
    """Return a CSV file; cells are written as given (quote them in the cell when needed)."""
    text = "".join(sep.join(r) + "\n" for r in (header, *rows))
    return text.encode(encoding)


def figure_row(
    indicator: str = "K3",
    *,
    kind: str = "actual",
    period: str = "2024年度",
    value: str = "25人",
    note: str = "",
    plan: str = SLUG,
    town: str = TOWN,
) -> tuple[str, ...]:
    """Return one figures row of the fictional plan (K3 has no FY2024 actual yet)."""
    return (town, plan, indicator, kind, period, value, note)


def figures(*rows: Sequence[str], encoding: str = "utf-8") -> bytes:
    """Return a figures CSV with the standard header."""
    return csv_bytes(FIGURE_HEADER, *rows, encoding=encoding)


def definition_row(
    code: str = "K9",
    *,
    name: str = "新しい指標",
    direction: str = "increase",
    unit: str = "件",
    weight: str = "",
) -> tuple[str, ...]:
    """Return one definitions row of the fictional plan."""
    return (TOWN, SLUG, code, name, direction, unit, weight)


def definitions(*rows: Sequence[str]) -> bytes:
    """Return a definitions CSV with the standard header."""
    return csv_bytes(DEFINITION_HEADER, *rows)


# --- zip and xlsx ---------------------------------------------------------------------------


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    """Return a zip archive of ``members`` with fixed dates (byte-for-byte reproducible)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def column_letter(index: int) -> str:
    """Return the column letters of a 1-based column index (1 → A, 16384 → XFD)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


Value = str | int | float | bool | None | tuple[str, str]  # ("f", formula) or ("e", "#DIV/0!")


def _cell_xml(ref: str, value: Value) -> str:
    """Return one <c> element: inline string, number, boolean, formula or error value."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        kind, text = value
        if kind == "f":
            return f'<c r="{ref}"><f>{escape(text)}</f><v>0</v></c>'
        return f'<c r="{ref}" t="e"><v>{escape(text)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def sheet_xml(
    rows: Sequence[Sequence[Value]],
    *,
    merged: Sequence[str] = (),
    dimension: str = "",
    extra: str = "",
) -> str:
    """Return a worksheet: ``rows`` from A1, merged ranges, a dimension claim, raw extra rows."""
    body = "".join(
        f'<row r="{r}">'
        + "".join(_cell_xml(f"{column_letter(c)}{r}", v) for c, v in enumerate(row, start=1))
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    merges = "".join(f'<mergeCell ref="{m}"/>' for m in merged)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + f"<sheetData>{body}{extra}</sheetData>"
        + (f'<mergeCells count="{len(merged)}">{merges}</mergeCells>' if merged else "")
        + "</worksheet>"
    )


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _workbook_parts(names: Sequence[str]) -> dict[str, bytes | str]:
    """Return the package parts around the sheets: content types, relations, workbook."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, len(names) + 1)
    )
    sheets = "".join(
        f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, n in enumerate(names, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Target="worksheets/sheet{i}.xml" Type="{_REL}/worksheet"/>'
        for i in range(1, len(names) + 1)
    )
    return {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{sheets}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<Relationships xmlns="{_PKG}">{rels}</Relationships>',
    }


def xlsx(*sheets: tuple[str, str]) -> bytes:
    """Return a workbook of (sheet name, worksheet XML) pairs."""
    parts = _workbook_parts([name for name, _ in sheets])
    for i, (_, xml) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    return zip_bytes(parts)


def figures_xlsx(*rows: Sequence[Value], name: str = "figures", **sheet: Any) -> bytes:
    """Return a one-sheet workbook: the figures header, then ``rows``."""
    return xlsx((name, sheet_xml([FIGURE_HEADER, *rows], **sheet)))


def forged_zip_size(data: bytes, size: int) -> bytes:
    """Return a zip whose central directory claims every member unpacks to ``size`` bytes."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        out[at + 24 : at + 28] = size.to_bytes(4, "little")  # uncompressed size
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def compound_file(*streams: str) -> bytes:
    """Return the head of an OLE compound file (.xls, or an encrypted xlsx) naming ``streams``."""
    head = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + bytes.fromhex("3e000300feff0900")
    names = b"".join(s.encode("utf-16-le") + bytes(64 - 2 * len(s)) for s in streams)
    return head + bytes(512 - len(head)) + names + bytes(512)
