"""Compare two plan trees (what a re-import would change) and carry translations across."""

from __future__ import annotations

from dataclasses import dataclass

from shisaku.domain.plantree import (
    SECTION_TITLES_JA,
    Footnote,
    Node,
    Section,
    section_to_dict,
    walk,
)


@dataclass(frozen=True)
class Change:
    """One difference: ``+`` added, ``-`` removed, ``~`` changed, at node ``code``."""

    sign: str
    code: str
    what: str

    def __str__(self) -> str:
        return f"{self.sign} {self.code} {self.what}"


def _by_code(nodes: list[Node]) -> dict[str, Node]:
    """Index every node of a forest by its code."""
    return {n.code: n for n in walk(nodes)}


def _parents(nodes: list[Node], parent: str = "") -> dict[str, str]:
    """Map each node code to its parent's code ("" for roots)."""
    out: dict[str, str] = {}
    for node in nodes:
        out[node.code] = parent
        out.update(_parents(node.children, node.code))
    return out


def _section_changes(old: Node, new: Node) -> list[Change]:
    """List the sections whose content differs between two versions of a node."""
    keys = [s.key for s in old.sections] + [s.key for s in new.sections if not old.section(s.key)]
    changes = []
    for key in keys:
        before, after = old.section(key), new.section(key)
        if _plain(before) != _plain(after):
            changes.append(
                Change("~", new.code, f"{SECTION_TITLES_JA[key]}: {_describe(before, after)}")
            )
    return changes


def _plain(section: Section | None) -> object:
    """Return a comparable form of a section, ignoring translations."""
    if section is None:
        return None
    data = section_to_dict(section)
    return [data["state"], data.get("columns"), [(b["kind"], b["text"]) for b in data["blocks"]]]


def _describe(before: Section | None, after: Section | None) -> str:
    """Say briefly how a section changed."""
    if before is None:
        return "追加"
    if after is None:
        return "削除"
    old, new = len(before.blocks), len(after.blocks)
    return f"{old} → {new} 件" if old != new else "本文の変更"


def _node_changes(old: Node, new: Node, moved: bool) -> list[Change]:
    """List how one node changed (kind, title, place, sections, footnotes)."""
    changes = []
    if old.kind != new.kind:
        changes.append(Change("~", new.code, f"種別: {old.kind} → {new.kind}"))
    if (old.title, old.title_known) != (new.title, new.title_known):
        changes.append(Change("~", new.code, f"名称: 「{old.title}」 → 「{new.title}」"))
    if moved:
        changes.append(Change("~", new.code, "位置の変更"))
    if old.department != new.department:
        changes.append(Change("~", new.code, f"主管課: {old.department} → {new.department}"))
    if old.education != new.education:
        changes.append(
            Change(
                "~", new.code, f"教育の点検・評価: {_yes(old.education)} → {_yes(new.education)}"
            )
        )
    if _notes(old.footnotes) != _notes(new.footnotes):
        changes.append(Change("~", new.code, "注記の変更"))
    return changes + _section_changes(old, new)


def _yes(flag: bool) -> str:
    """Return 対象 or 対象外 for a marker."""
    return "対象" if flag else "対象外"


def _notes(notes: list[Footnote]) -> list[tuple[str, str]]:
    """Return a comparable form of footnotes, ignoring translations."""
    return [(n.term, n.text) for n in notes]


def diff_trees(old: list[Node], new: list[Node]) -> list[Change]:
    """List what changes from ``old`` to ``new``, in the new document order, removals last."""
    before, after = _by_code(old), _by_code(new)
    old_parent, new_parent = _parents(old), _parents(new)
    old_order = [c for c in before if c in after]
    new_order = [c for c in after if c in before]
    changes: list[Change] = []
    for code, node in after.items():
        if code not in before:
            changes.append(Change("+", code, f"{node.kind} 「{node.title}」"))
            continue
        moved = old_parent[code] != new_parent[code]
        changes += _node_changes(before[code], node, moved)
    if old_order != new_order:
        changes.append(Change("~", "*", "並び順の変更"))
    changes += [
        Change("-", c, f"{n.kind} 「{n.title}」") for c, n in before.items() if c not in after
    ]
    return changes


def carry_translations(old: list[Node], new: list[Node]) -> None:
    """Copy English texts from ``old`` onto ``new`` wherever the Japanese text is unchanged."""
    before = _by_code(old)
    for node in walk(new):
        previous = before.get(node.code)
        if previous is None:
            continue
        if not node.title_en and previous.title == node.title:
            node.title_en = previous.title_en
        node.department = node.department or previous.department
        node.education = node.education or previous.education
        _carry_notes(previous.footnotes, node.footnotes)
        for section in node.sections:
            _carry_section(previous.section(section.key), section)


def _carry_section(old: Section | None, new: Section) -> None:
    """Copy block translations whose Japanese text is unchanged."""
    if old is None:
        return
    english = {b.text: b.text_en for b in old.blocks if b.text_en}
    notes = [n for b in old.blocks for n in b.footnotes]
    for block in new.blocks:
        block.text_en = block.text_en or english.get(block.text, "")
        _carry_notes(notes, block.footnotes)


def _carry_notes(old: list[Footnote], new: list[Footnote]) -> None:
    """Copy footnote translations whose Japanese text is unchanged."""
    english = {(n.term, n.text): n.text_en for n in old if n.text_en}
    for note in new:
        note.text_en = note.text_en or english.get((note.term, note.text), "")
