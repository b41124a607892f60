"""Which nodes of a plan have a page of their own, and where the others are shown.

Fields, policies and measures have pages of their own; initiatives and actions are shown
inside the page of the nearest node above them that has one (their own URLs send readers
there, to the anchor :func:`anchor_id`).  The public site and the static publisher both
follow these rules.
"""

from __future__ import annotations

from collections.abc import Iterator

from shisaku.domain.plantree import Node

PAGE_KINDS = frozenset({"field", "policy", "measure"})


def has_own_page(node: Node) -> bool:
    """Return whether a node has a page of its own."""
    return node.kind in PAGE_KINDS


def page_owner(path: list[Node]) -> Node | None:
    """Return the nearest node on ``path`` (the node itself included) that has its own page."""
    return next((n for n in reversed(path) if has_own_page(n)), None)


def anchor_id(node_code: str) -> str:
    """Return the HTML id of a node shown inside another node's page (initiatives, actions)."""
    return f"i-{node_code}"


def find_path(nodes: list[Node], code: str) -> list[Node]:
    """Return the nodes from a root down to the node ``code``, or an empty list."""
    for node in nodes:
        if node.code == code:
            return [node]
        below = find_path(node.children, code)
        if below:
            return [node, *below]
    return []


def paths(nodes: list[Node], above: list[Node] | None = None) -> Iterator[list[Node]]:
    """Yield the path from a root down to every node, in document order."""
    for node in nodes:
        path = [*(above or []), node]
        yield path
        yield from paths(node.children, path)
