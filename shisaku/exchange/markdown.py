"""Render the plan exchange document as readable Markdown (for review and diffs)."""

from __future__ import annotations

from typing import Any

from shisaku.domain.plantree import SECTION_TITLES_JA

STATE_NOTES = {
    "missing": "（原文に収録されていません）",
    "empty": "（原文では未記載です）",
}
UNKNOWN_TITLE = "（名称は原文に記載がありません）"


def render_markdown(document: dict[str, Any]) -> str:
    """Return the whole plan as Markdown: headings by depth, sections, bullets, footnotes."""
    plan, town = document["plan"], document["municipality"]
    period = plan["period"]
    lines = [
        f"# {town['name']} {plan['title']}",
        "",
        f"計画期間: {period['start']}年度〜{period['end']}年度",
        "",
    ]
    for node in document["nodes"]:
        lines += _node(node, 2)
    return "\n".join(lines).rstrip() + "\n"


def _node(node: dict[str, Any], depth: int) -> list[str]:
    """Render one node and its subtree; actions become list items."""
    if node["kind"] == "action":
        return [f"- {node['title']}", *_notes(node.get("footnotes", []))]
    title = node["title"] if node["title_known"] else UNKNOWN_TITLE
    lines = [f"{'#' * min(depth, 6)} {node['code']} {title}", ""]
    for section in node["sections"]:
        lines += _section(section, depth + 1)
    for child in node["children"]:
        lines += _node(child, depth + 1)
    if node["children"] and node["children"][-1]["kind"] == "action":
        lines.append("")
    return lines


def _section(section: dict[str, Any], depth: int) -> list[str]:
    """Render one section with its blocks."""
    heading = f"{'#' * min(depth, 6)} {SECTION_TITLES_JA[section['key']]}"
    lines = [heading + STATE_NOTES.get(section["state"], ""), ""]
    if section.get("columns"):
        lines += [
            "| " + " | ".join(section["columns"]) + " |",
            "|" + "---|" * len(section["columns"]),
            "",
        ]
    for block in section["blocks"]:
        lines += _block(block)
    return lines


def _block(block: dict[str, Any]) -> list[str]:
    """Render one block."""
    text = block["text"]
    rendered = {
        "subheading": [f"**《{text}》**", ""],
        "bullet": [f"- {text}"],
        "paragraph": [text, ""],
        "row": ["| " + " | ".join(text.split("\t")) + " |"],
    }[block["kind"]]
    return rendered + _notes(block.get("footnotes", []))


def _notes(notes: list[dict[str, Any]]) -> list[str]:
    """Render footnotes as indented ※ lines."""
    return [f"  ※{n['term']}：{n['text']}" for n in notes]
