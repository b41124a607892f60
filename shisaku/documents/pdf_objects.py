"""The objects of a PDF page as pdfplumber describes them, characters made the cheap way.

pdfplumber turns every pdfminer object into a dict by resolving each of its attributes, which
costs about a third of the time of reading a page that holds a thousand characters or more.
Characters only need a few plain attributes, so :func:`load_objects` makes their dicts
directly (same keys and coordinates as pdfplumber's) and lets pdfplumber make the others (the
lines and rectangles its table finder reads).  The result is set as the page's object cache,
which pdfplumber's ``chars``, ``rects``, ``edges`` and ``find_tables`` then read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pdfminer.layout import LTChar, LTContainer

from shisaku.documents.pdf_chars import Char


def _char(obj: LTChar, page: Any, height: float, mb_x0: float, mb_top: float) -> Char:
    """Return a pdfminer character as pdfplumber's dict (the keys the readers use)."""
    top = height - obj.y1 + mb_top
    bottom = height - obj.y0 + mb_top
    return {
        "object_type": "char",
        "page_number": page.page_number,
        "text": obj.get_text(),
        "fontname": obj.fontname if isinstance(obj.fontname, str) else str(obj.fontname),
        "size": obj.size,
        "adv": obj.adv,
        "upright": obj.upright,
        "matrix": obj.matrix,
        "x0": obj.x0 + mb_x0,
        "x1": obj.x1 + mb_x0,
        "y0": obj.y0,
        "y1": obj.y1,
        "width": obj.width,
        "height": obj.height,
        "top": top,
        "bottom": bottom,
        "doctop": page.initial_doctop + top,
    }


def _leaves(objects: list[Any]) -> Iterator[Any]:
    """Yield the layout objects that are not containers (figures' contents included)."""
    for obj in objects:
        if isinstance(obj, LTContainer):
            yield from _leaves(obj._objs)
        else:
            yield obj


def load_objects(page: Any) -> dict[str, list[dict[str, Any]]]:
    """Parse ``page`` and set its object cache; return the objects by kind."""
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    height = float(page.height)
    objects: dict[str, list[dict[str, Any]]] = {}
    for obj in _leaves(page.layout._objs):
        if isinstance(obj, LTChar):
            item = _char(obj, page, height, mb_x0, mb_top)
        else:
            item = page.process_object(obj)
        objects.setdefault(item["object_type"], []).append(item)
    objects.pop("anno", None)
    page._objects = objects
    return objects
