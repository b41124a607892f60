"""Read the plain-dict exchange form of a plan tree back into dataclasses, with exact errors.

The form is documented in docs/plan-json.md.  Every error names the JSON path of the value
that is wrong and what would be accepted.  Besides the types, the reader refuses what no plan
can hold: a code used twice in the tree, a section key used twice in a node, nodes nested
deeper than :data:`MAX_DEPTH`, texts longer than their stored field (:data:`LIMITS`), and text
with NUL or other control characters or lone surrogates (which no database column takes).
"""

from __future__ import annotations

import re
from typing import Any, cast

from shisaku.domain.codes import NodeCodeError, indicator_code_problem, normalize_node_code
from shisaku.domain.docindicators import DocIndicator, IndicatorDictError, indicator_from_dict
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
# A plan is field → policy → measure → initiative → action; 20 levels leaves room to spare.
MAX_DEPTH = 20
LIMITS = {"code": 40, "term": 200, "department": 100}  # the longest text each key may hold
# C0 controls but the ones plan documents hold (tab, line breaks, vertical tab, form feed), DEL,
# and lone surrogates (JSON "\ud800" decodes to one): no text column can store them all.
_BAD_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")


class PlanDictError(ValueError):
    """A value in a plan dict is missing or not of the accepted form."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def text_problem(text: str) -> str | None:
    """Return what makes ``text`` unstorable (a control character, a lone surrogate), or None."""
    bad = _BAD_CHAR.search(text)
    if bad is None:
        return None
    point = f"U+{ord(bad[0]):04X}"
    if "\ud800" <= bad[0] <= "\udfff":
        return f"contains a lone surrogate {point} (text must be valid Unicode)"
    return f"contains the control character {point} (remove it)"


def _get(obj: dict[str, Any], key: str, path: str, kind: type, default: Any = None) -> Any:
    """Return ``obj[key]`` checked against ``kind``; a missing key gives ``default`` if set."""
    if key not in obj:
        if default is not None:
            return default
        raise PlanDictError(f"{path}.{key}", "is missing")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise PlanDictError(f"{path}.{key}", f"expected {kind.__name__}, found {value!r}")
    if isinstance(value, str):
        _check_text(value, key, f"{path}.{key}")
    return value


def _check_text(value: str, key: str, path: str) -> None:
    """Refuse a text that is too long for its key or that holds unstorable characters."""
    limit = LIMITS.get(key)
    if key == "code" and not 0 < len(value) <= LIMITS["code"]:
        found = repr(value) if not value else str(len(value))
        raise PlanDictError(path, f"expected 1 to {limit} characters, found {found}")
    if limit and len(value) > limit:
        raise PlanDictError(path, f"expected at most {limit} characters, found {len(value)}")
    problem = text_problem(value)
    if problem:
        raise PlanDictError(path, problem)


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


def _columns(obj: dict[str, Any], path: str) -> list[str]:
    """Return the table header of a section: a list of texts (missing means none)."""
    columns = _get(obj, "columns", path, list, default=[])
    for i, column in enumerate(columns):
        if not isinstance(column, str):
            raise PlanDictError(f"{path}.columns[{i}]", f"expected str, found {column!r}")
        _check_text(column, "columns", f"{path}.columns[{i}]")
    return cast(list[str], columns)


def section_from_dict(obj: dict[str, Any], path: str) -> Section:
    """Read one section."""
    blocks = _dicts(obj, "blocks", path)
    return Section(
        key=_choice(obj, "key", path, SECTION_KEYS),  # type: ignore[arg-type]
        state=_choice(obj, "state", path, SOURCE_STATES),  # type: ignore[arg-type]
        blocks=[block_from_dict(b, f"{path}.blocks[{i}]") for i, b in enumerate(blocks)],
        columns=_columns(obj, path),
    )


def _sections(obj: dict[str, Any], path: str) -> list[Section]:
    """Read a node's sections, refusing a key used twice (a node has one section per key)."""
    sections: list[Section] = []
    for i, item in enumerate(_dicts(obj, "sections", path)):
        section = section_from_dict(item, f"{path}.sections[{i}]")
        first = next((j for j, s in enumerate(sections) if s.key == section.key), None)
        if first is not None:
            message = f"{section.key!r} is already the key of sections[{first}]"
            raise PlanDictError(f"{path}.sections[{i}].key", message)
        sections.append(section)
    return sections


def _claim(code: str, path: str, seen: dict[str, str]) -> None:
    """Record that the node at ``path`` has ``code``; refuse a code already used in the plan."""
    if code in seen:
        raise PlanDictError(f"{path}.code", f"{code!r} is already the code of {seen[code]}")
    seen[code] = path


def _code(obj: dict[str, Any], path: str) -> str:
    """Return the node's code as every address holds it (full-width folded), or refuse it."""
    try:
        return normalize_node_code(_get(obj, "code", path, str))
    except NodeCodeError as error:
        raise PlanDictError(f"{path}.code", str(error)) from error


def node_from_dict(
    obj: dict[str, Any], path: str, *, depth: int = 1, seen: dict[str, str] | None = None
) -> Node:
    """Read one node and its subtree (``seen``: code → path of the nodes read so far)."""
    if depth > MAX_DEPTH:
        raise PlanDictError(path, f"nested deeper than {MAX_DEPTH} levels")
    seen = {} if seen is None else seen
    code = _code(obj, path)
    _claim(code, path, seen)
    children = _dicts(obj, "children", path)
    notes = _dicts(obj, "footnotes", path)
    known = obj.get("title_known", True)
    if not isinstance(known, bool):
        raise PlanDictError(f"{path}.title_known", f"expected true or false, found {known!r}")
    kind = _choice(obj, "kind", path, NODE_KINDS)
    return Node(
        kind=kind,  # type: ignore[arg-type]
        code=code,
        title=_get(obj, "title", path, str),
        title_en=_get(obj, "title_en", path, str, default=""),
        title_known=known,
        sections=_sections(obj, path),
        children=[
            node_from_dict(c, f"{path}.children[{i}]", depth=depth + 1, seen=seen)
            for i, c in enumerate(children)
        ],
        footnotes=[footnote_from_dict(n, f"{path}.footnotes[{i}]") for i, n in enumerate(notes)],
        department=_get(obj, "department", path, str, default=""),
        education=_get(obj, "education", path, bool, default=False),
        indicators=_indicators(obj, path),
    )


def _indicators(obj: dict[str, Any], path: str) -> list[DocIndicator]:
    """Read a node's indicator rows (missing means none)."""
    items = _get(obj, "indicators", path, list, default=[])
    try:
        rows = [
            indicator_from_dict(item, f"{path}.indicators[{i}]") for i, item in enumerate(items)
        ]
    except IndicatorDictError as error:
        raise PlanDictError(error.path, str(error).split(": ", 1)[1]) from error
    for i, row in enumerate(rows):
        problem = indicator_code_problem(row.code) or text_problem(row.code)
        if problem:
            raise PlanDictError(f"{path}.indicators[{i}].code", problem)
    return rows


def nodes_from_list(items: Any, path: str = "nodes") -> list[Node]:
    """Read the root node list of a plan."""
    if not isinstance(items, list):
        raise PlanDictError(path, f"expected a list of nodes, found {type(items).__name__}")
    nodes = []
    seen: dict[str, str] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise PlanDictError(f"{path}[{i}]", f"expected an object, found {item!r}")
        nodes.append(node_from_dict(item, f"{path}[{i}]", seen=seen))
    return nodes
