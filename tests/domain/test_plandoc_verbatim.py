"""Nothing is lost or changed: the tree holds every sentence of the source, character for character.

The source side is computed here by its own simple rules (drop heading lines, page numbers and
the table header; strip bullet markers, group brackets and the ※ mark) — independent of the
parser — and compared with all text the tree holds, whitespace removed on both sides.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shisaku.domain.plandoc import parse_plan
from shisaku.domain.plantree import Node, PlanTree

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [
    ROOT / "shisaku" / "data" / "aomori-2019-2023.txt",
    *sorted((ROOT / "tests" / "fixtures" / "plandocs").glob("*.txt")),
]

CODE_HEADING = re.compile(
    r"^(第[0-9０-９一二三四五六七八九十]+章|[0-9０-９]+([-－‐ー―−][0-9０-９]+)*)"
)
SECTION_WORDS = {"現状と課題", "基本方向", "施策の体系", "主な取組", "目標とする指標"}
SECTION_PREFIX = re.compile(r"^(■|（[0-9０-９]+）)")
PAGE_NUMBER = re.compile(r"^[-－—―]?[0-9０-９]+[-－—―]?$|^[0-9]+/[0-9]+$")
GROUP = re.compile(r"^[《≪【〈＜〔](.*)[》≫】〉＞〕]$")
BULLET = re.compile(r"^(-|・|●|○|◆|◇|[①-⑳])")
FOOTNOTE = re.compile(r"^※[0-9０-９]*")


def squeeze(text: str) -> str:
    """Remove every whitespace character, including U+00A0 and U+3000."""
    return "".join(text.split())


def is_dropped(line: str, squeezed: str) -> bool:
    """Tell whether a source line is a heading, a page number or the table header."""
    return (
        SECTION_PREFIX.sub("", squeezed).strip("【】〈〉") in SECTION_WORDS
        or (bool(CODE_HEADING.match(squeezed)) and "。" not in squeezed)
        or bool(PAGE_NUMBER.match(squeezed))
        or ("\t" in line and "指標とその説明" in line)
    )


def source_text(text: str) -> tuple[str, str]:
    """Return (body, footnotes) of a source document with headings and markers removed."""
    body: list[str] = []
    notes: list[str] = []
    for line in text.splitlines():
        squeezed = squeeze(line)
        if not squeezed or is_dropped(line, squeezed):
            continue
        if squeezed.startswith("※") and re.search("[：:]", squeezed):
            notes.append(re.sub("[：:]", "：", FOOTNOTE.sub("", squeezed), count=1))
            continue
        group = GROUP.match(squeezed)
        body.append(group[1] if group else BULLET.sub("", squeezed))
    return "".join(body), "".join(notes)


def node_text(node: Node, body: list[str], notes: list[str]) -> None:
    """Collect a node's text in document order: sections, children, then the indicator table."""
    if node.kind in ("initiative", "action"):
        body.append(node.title)
        notes.extend(f"{f.term}：{f.text}" for f in node.footnotes)
    later = [s for s in node.sections if s.key == "indicators"]
    for section in [s for s in node.sections if s.key != "indicators"]:
        for block in section.blocks:
            body.append(block.text)
            notes.extend(f"{f.term}：{f.text}" for f in block.footnotes)
    for child in node.children:
        node_text(child, body, notes)
    for section in later:
        body.extend(block.text for block in section.blocks)


def tree_text(tree: PlanTree) -> tuple[str, str]:
    """Return (body, footnotes) of all text the tree holds, in document order."""
    body: list[str] = []
    notes: list[str] = []
    for node in tree.nodes:
        node_text(node, body, notes)
    return squeeze("".join(body)), squeeze("".join(notes))


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_the_tree_holds_every_sentence_of_the_source_verbatim(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    body, notes = tree_text(parse_plan(text, source=path.name))
    expected_body, expected_notes = source_text(text)
    assert body == expected_body
    assert notes == expected_notes
    assert len(body) > 200


def test_the_comparison_notices_a_changed_character() -> None:
    text = DOCUMENTS[0].read_text(encoding="utf-8")
    body, _ = tree_text(parse_plan(text.replace("一緒になたな", "一緒になった")))
    assert body != source_text(text)[0]
