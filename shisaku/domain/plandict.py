"""Read the plain-dict exchange form of a plan tree back into dataclasses, with exact errors.

The form is documented in docs/plan-json.md.  Every error names the JSON path of the value
that is wrong and what would be accepted.
"""

from __future__ import annotations

from typing import Any, cast

from shisaku.domain.plantree import (
    NODE_KINDS,
    SECTION_KEYS,
    Block,
    Footnote,
    Node,
    Section,
)

BLOCK_KINDS = ("subheading", "paragraph", "bullet", "row")
SOURCE_STATES = ("present", "missing", "empty")


class PlanDictError(ValueError):
    """A value in a plan dict is missing or not of the accepted form."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def _get(obj: dict[str, Any], key: str, path: str, kind: type, default: Any = None) -> Any:
    """Return ``obj[key]`` checked against ``kind``; a missing key gives ``default`` if set."""
    if key not in obj:
        if default is not None:
            return default
        raise PlanDictError(f"{path}.{key}", "is missing")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise PlanDictError(f"{path}.{key}", f"expected {kind.__name__}, found {value!r}")
    return value


def _choice(obj: dict[str, Any], key: str, path: str, choices: tuple[str, ...]) -> str:
    """Return ``obj[key]`` if it is one of ``choices``."""
    value = _get(obj, key, path, str)
    if value not in choices:
        raise PlanDictError(f"{path}.{key}", f"{value!r} is not one of {', '.join(choices)}")
    return cast(str, value)


def _dicts(obj: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
    """Return the list of objects under ``key`` (missing means empty)."""
    items = _get(obj, key, path, list, default=[])
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise PlanDictError(f"{path}.{key}[{i}]", f"expected an object, found {item!r}")
    return cast(list[dict[str, Any]], items)


def footnote_from_dict(obj: dict[str, Any], path: str) -> Footnote:
    """Read one footnote."""
    return Footnote(
        term=_get(obj, "term", path, str),
        text=_get(obj, "text", path, str),
        text_en=_get(obj, "text_en", path, str, default=""),
    )


def block_from_dict(obj: dict[str, Any], path: str) -> Block:
    """Read one block."""
    notes = _dicts(obj, "footnotes", path)
    return Block(
        kind=_choice(obj, "kind", path, BLOCK_KINDS),  # type: ignore[arg-type]
        text=_get(obj, "text", path, str),
        text_en=_get(obj, "text_en", path, str, default=""),
        footnotes=[footnote_from_dict(n, f"{path}.footnotes[{i}]") for i, n in enumerate(notes)],
    )


def section_from_dict(obj: dict[str, Any], path: str) -> Section:
    """Read one section."""
    blocks = _dicts(obj, "blocks", path)
    columns = _get(obj, "columns", path, list, default=[])
    return Section(
        key=_choice(obj, "key", path, SECTION_KEYS),  # type: ignore[arg-type]
        state=_choice(obj, "state", path, SOURCE_STATES),  # type: ignore[arg-type]
        blocks=[block_from_dict(b, f"{path}.blocks[{i}]") for i, b in enumerate(blocks)],
        columns=[str(c) for c in columns],
    )


def node_from_dict(obj: dict[str, Any], path: str) -> Node:
    """Read one node and its subtree."""
    sections = _dicts(obj, "sections", path)
    children = _dicts(obj, "children", path)
    notes = _dicts(obj, "footnotes", path)
    known = obj.get("title_known", True)
    if not isinstance(known, bool):
        raise PlanDictError(f"{path}.title_known", f"expected true or false, found {known!r}")
    return Node(
        kind=_choice(obj, "kind", path, NODE_KINDS),  # type: ignore[arg-type]
        code=_get(obj, "code", path, str),
        title=_get(obj, "title", path, str),
        title_en=_get(obj, "title_en", path, str, default=""),
        title_known=known,
        sections=[section_from_dict(s, f"{path}.sections[{i}]") for i, s in enumerate(sections)],
        children=[node_from_dict(c, f"{path}.children[{i}]") for i, c in enumerate(children)],
        footnotes=[footnote_from_dict(n, f"{path}.footnotes[{i}]") for i, n in enumerate(notes)],
        department=_get(obj, "department", path, str, default=""),
    )


def nodes_from_list(items: Any, path: str = "nodes") -> list[Node]:
    """Read the root node list of a plan."""
    if not isinstance(items, list):
        raise PlanDictError(path, f"expected a list of nodes, found {type(items).__name__}")
    nodes = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise PlanDictError(f"{path}[{i}]", f"expected an object, found {item!r}")
        nodes.append(node_from_dict(item, f"{path}[{i}]"))
    return nodes
