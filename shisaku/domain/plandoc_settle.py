"""Settle the state of every section a plan document labelled, once the whole of it is read.

A section with blocks is present.  An empty one is reported: a 体系図 the text cannot carry is
missing, an indicator table with only its header is empty, and so is any other labelled
section with nothing under it, unless its items became the nodes below its owner (施策の方向
(1), (2) read as initiatives): then nothing is missing and the label is dropped.
"""

from __future__ import annotations

from shisaku.domain.plantree import SECTION_TITLES_JA, Node, Section, SourceState, Warning

# What an empty section means, by key: (state, warning code, message after the node code).
_EMPTY: dict[str, tuple[SourceState, str, str]] = {
    "diagram": ("missing", "missing_diagram", "の施策の体系（図）は本文にありません。"),
    "indicators": (
        "empty",
        "empty_indicators",
        "の目標とする指標は表の見出しだけで、行がありません。",
    ),
}


def warns_when_empty(key: str) -> bool:
    """Tell whether an empty section of ``key`` has a warning of its own (a table, a diagram)."""
    return key in _EMPTY


def _empty(node: Node, section: Section, number: int) -> Warning:
    """Mark an empty section with its state and return the warning it gives."""
    title = SECTION_TITLES_JA[section.key]
    state, code, tail = _EMPTY.get(section.key, ("empty", "empty_section", f"の{title}は空です。"))
    section.state = state
    return Warning(number, code, f"{node.code} {tail}")


def settle_sections(watched: list[tuple[Node, Section, int]], itemized: set[int]) -> list[Warning]:
    """Set each section's state from its content and return the warnings of the empty ones;
    drop an empty section whose items became nodes (``itemized`` holds their ids)."""
    warnings: list[Warning] = []
    for node, section, number in watched:
        if section.blocks:
            section.state = "present"
        elif id(section) in itemized:
            node.sections.remove(section)
        else:
            warnings.append(_empty(node, section, number))
    return warnings
