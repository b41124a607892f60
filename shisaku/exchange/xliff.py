"""Translation units as XLIFF 2.1, the exchange format of translation tools (OASIS).

Written: ``<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ja"
trgLang="en">`` with one ``<file>`` per plan and one ``<unit>`` per text; the unit's id names
the record and field (:mod:`shisaku.exchange.translation`), a note says what the text is, and
its segment holds ``<source xml:lang="ja">``, ``<target xml:lang="en">`` when English exists,
and ``state`` (``translated``; ``initial`` without English or when the Japanese changed since).

Read safely: files over :data:`MAX_BYTES` are refused before parsing, and so is any document
type declaration or entity declaration (the XML bombs and external entities of untrusted
files); ``defusedxml`` is not installed here, so the refusal is explicit (expat handlers, in a
first pass before the tree is built).
Inline markup inside a source or target is refused too: the texts are plain.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any, cast
from xml.parsers import expat

from shisaku.exchange.translation import BadTranslationFile, Slot, Unit

NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_BYTES = 20 * 1024 * 1024
ET.register_namespace("", NS)


def _q(name: str) -> str:
    """Return an element name in the XLIFF 2 namespace."""
    return f"{{{NS}}}{name}"


def state(slot: Slot) -> str:
    """Return a unit's state: ``translated``, or ``initial`` (no English, or English made for
    Japanese that has changed since, given as the target to start from)."""
    return "translated" if slot.translated else "initial"


def _unit(parent: ET.Element, slot: Slot) -> None:
    """Append one unit for a slot."""
    unit = ET.SubElement(parent, _q("unit"), id=slot.id)
    notes = ET.SubElement(unit, _q("notes"))
    ET.SubElement(notes, _q("note"), category="field").text = f"{slot.kind} {slot.field}"
    segment = ET.SubElement(unit, _q("segment"), state=state(slot))
    ET.SubElement(segment, _q("source"), {XML_LANG: "ja"}).text = slot.ja
    if slot.en:
        ET.SubElement(segment, _q("target"), {XML_LANG: "en"}).text = slot.en


def write_xliff(file_id: str, slots: Sequence[Slot]) -> bytes:
    """Return the slots as an XLIFF 2.1 document (UTF-8)."""
    root = ET.Element(_q("xliff"), version="2.1", srcLang="ja", trgLang="en")
    file = ET.SubElement(root, _q("file"), id=file_id)
    for slot in slots:
        _unit(file, slot)
    ET.indent(root)
    return cast(bytes, ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def _refuse_declaration(*_: Any) -> None:
    """Refuse a DTD or an entity declaration (expat handler)."""
    raise BadTranslationFile(
        "XLIFF ファイルに DTD（<!DOCTYPE>）または実体宣言があります。安全のため読みません"
    )


def _parse(data: bytes) -> ET.Element:
    """Return the root of an XML document without DTDs or entities, or raise.

    expat reads the whole document first with handlers that refuse a DTD or an entity
    declaration the moment one starts (before anything is expanded); only then is the tree
    built.
    """
    if len(data) > MAX_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f} MB"
        raise BadTranslationFile(f"ファイルが大きすぎます（{size}。20 MB までです）")
    scan = expat.ParserCreate()
    scan.StartDoctypeDeclHandler = _refuse_declaration
    scan.EntityDeclHandler = _refuse_declaration
    try:
        scan.Parse(data, True)
    except expat.ExpatError as error:
        raise BadTranslationFile(f"XML として読めません（{error}）") from error
    return ET.fromstring(data)


def _text(element: ET.Element | None, unit_id: str) -> str:
    """Return the plain text of a source or target (empty when absent)."""
    if element is None:
        return ""
    if len(element):
        raise BadTranslationFile(f"unit {unit_id}: 書式タグ（<{element[0].tag}>）は使えません")
    return element.text or ""


def _read_unit(unit: ET.Element) -> Unit:
    """Return one unit's id, source and target (its segments joined)."""
    unit_id = unit.get("id", "")
    if not unit_id:
        raise BadTranslationFile("id のない <unit> があります")
    segments = unit.findall(_q("segment"))
    source = "".join(_text(s.find(_q("source")), unit_id) for s in segments)
    target = "".join(_text(s.find(_q("target")), unit_id) for s in segments)
    return Unit(unit_id, source, target, f"unit {unit_id}")


def read_xliff(data: bytes) -> list[Unit]:
    """Return the units of an XLIFF 2.x document, or raise BadTranslationFile saying why."""
    root = _parse(data)
    if root.tag != _q("xliff") or not root.get("version", "").startswith("2."):
        raise BadTranslationFile(
            f"XLIFF 2 の文書ではありません（ルート要素 {root.tag}、名前空間 {NS} を期待）"
        )
    return [_read_unit(unit) for unit in root.iter(_q("unit"))]
