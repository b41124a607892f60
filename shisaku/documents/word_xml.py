"""Small helpers over WordprocessingML elements for the Word reader.

python-docx parses the parts with lxml; its elements for tags it does not model (text boxes,
markup compatibility) are plain lxml elements, so the reader walks children by tag name
rather than through python-docx's objects or namespace-bound XPath.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

Element = Any  # an lxml element (lxml ships no type hints)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


@cache
def w(local: str) -> str:
    """Return the Clark name of a WordprocessingML tag (``w("p")`` → ``{…main}p``)."""
    return f"{{{W_NS}}}{local}"


@cache
def _clark_names(locals_: tuple[str, ...]) -> frozenset[str]:
    """Return the Clark names of WordprocessingML tags (cached: the reader asks millions)."""
    return frozenset(w(local) for local in locals_)


def mc(local: str) -> str:
    """Return the Clark name of a markup-compatibility tag (AlternateContent, Fallback)."""
    return f"{{{MC_NS}}}{local}"


def child(element: Element | None, local: str) -> Element | None:
    """Return the first ``w:local`` child of ``element``, or None."""
    return None if element is None else element.find(w(local))


def children(element: Element | None, local: str) -> list[Element]:
    """Return the ``w:local`` children of ``element`` (none for None)."""
    return [] if element is None else list(element.iterfind(w(local)))


def attr(element: Element | None, name: str = "val") -> str | None:
    """Return the ``w:name`` attribute of ``element`` (``w:val`` by default), or None."""
    return None if element is None else element.get(w(name))


def child_val(element: Element | None, local: str) -> str | None:
    """Return ``w:val`` of the first ``w:local`` child of ``element``, or None."""
    return attr(child(element, local))


def int_val(element: Element | None, local: str) -> int | None:
    """Return ``w:val`` of the ``w:local`` child as an integer, or None if absent or bad."""
    raw = child_val(element, local)
    try:
        return None if raw is None else int(raw)
    except ValueError:
        return None


def int_attr(element: Element | None, name: str, default: int = 0) -> int:
    """Return the ``w:name`` attribute of ``element`` as an integer (``default`` if absent/bad)."""
    try:
        return int(attr(element, name) or default)
    except ValueError:
        return default


def on_off(element: Element) -> bool:
    """Return the value of an on/off property element (``<w:b/>`` is on, ``w:val="0"`` off)."""
    return attr(element) not in ("0", "false", "off")


def local_name(element: Element) -> str:
    """Return the tag of ``element`` without its namespace ("" for comments and PIs)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_w(element: Element, *locals_: str) -> bool:
    """Tell whether ``element`` is a WordprocessingML element with one of the given names."""
    return element.tag in _clark_names(locals_)


# Block-level wrappers whose content belongs to the body at the same place: content controls
# (a table of contents is often one), custom XML, and the content of a tracked move.
_BLOCK_WRAPPERS = ("sdt", "sdtContent", "customXml", "moveTo", "ins")


def iter_blocks(container: Element) -> Iterator[Element]:
    """Yield the paragraphs and tables of a body, cell or text box in document order."""
    for item in container:
        if is_w(item, "p", "tbl"):
            yield item
        elif is_w(item, *_BLOCK_WRAPPERS):
            yield from iter_blocks(item)
