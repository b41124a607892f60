"""Word styles as the reader needs them: outline levels, list numbering, bold, size, hidden text.

A property is looked up where Word looks for it, nearest first: the run's own ``w:rPr``, its
character style, the paragraph's style, each followed up its ``w:basedOn`` chain, then the
document defaults.  The first place that states the property decides (Word's toggle rules for
bold inside styles are not modelled: a style saying bold makes its text bold).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from shisaku.documents.word_xml import (
    Element,
    attr,
    child,
    child_val,
    children,
    int_val,
    on_off,
)

# Built-in heading styles by name: "heading 1" in the file, 「見出し 1」 in a Japanese Word.
_HEADING_NAME_RE = re.compile(r"^(?:heading|見出し)\s*([1-9])$", re.IGNORECASE)
_MAX_CHAIN = 32  # basedOn chains longer than this are a loop or a broken file
_BODY_LEVEL = 9  # w:outlineLvl 9 is "body text"


def _heading_level(style: Element) -> int:
    """Return the level a style's name declares (「見出し 2」 → 2), or 0."""
    name = unicodedata.normalize("NFKC", child_val(style, "name") or "").strip()
    match = _HEADING_NAME_RE.match(name)
    return int(match[1]) if match else 0


def _outline_level(ppr: Element | None) -> int | None:
    """Return the 1-based outline level a ``w:pPr`` states (0 for body text), or None."""
    level = int_val(ppr, "outlineLvl")
    if level is None:
        return None
    return level + 1 if 0 <= level < _BODY_LEVEL else 0


class Styles:
    """The styles part of one document, with the look-ups the reader makes many times."""

    def __init__(self, styles: Element | None) -> None:
        self.by_id: dict[str, Element] = {}
        self.default_paragraph = ""
        for style in children(styles, "style"):
            style_id = attr(style, "styleId") or ""
            self.by_id[style_id] = style
            if attr(style, "type") == "paragraph" and on_off_attr(style, "default"):
                self.default_paragraph = style_id
        defaults = child(child(styles, "docDefaults"), "rPrDefault")
        self.default_rpr: Element | None = child(defaults, "rPr")
        self.chain = cache(self._chain)
        self.style_run_property = cache(self._style_run_property)

    def paragraph_style(self, ppr: Element | None) -> str:
        """Return the style id of a paragraph from its ``w:pPr`` (the default style if none)."""
        return child_val(ppr, "pStyle") or self.default_paragraph

    def _chain(self, style_id: str) -> tuple[Element, ...]:
        """Return the style ``style_id`` and the styles it is based on, nearest first."""
        found: list[Element] = []
        while style_id in self.by_id and len(found) < _MAX_CHAIN:
            style = self.by_id[style_id]
            if any(style is seen for seen in found):
                break
            found.append(style)
            style_id = child_val(style, "basedOn") or ""
        return tuple(found)

    def outline(self, ppr: Element | None, style_id: str) -> int:
        """Return the heading level a paragraph declares: its own, its style's, or 0."""
        own = _outline_level(ppr)
        if own is not None:
            return own
        for style in self.chain(style_id):
            stated = _outline_level(child(style, "pPr"))
            if stated is not None:
                return stated
            if level := _heading_level(style):
                return level
        return 0

    def numbering(self, style_id: str) -> tuple[int | None, int | None]:
        """Return the (numId, ilvl) a paragraph style gives its paragraphs (None when unset)."""
        num_id: int | None = None
        ilvl: int | None = None
        for style in self.chain(style_id):
            num_pr = child(child(style, "pPr"), "numPr")
            num_id = int_val(num_pr, "numId") if num_id is None else num_id
            ilvl = int_val(num_pr, "ilvl") if ilvl is None else ilvl
        return num_id, ilvl

    def _style_run_property(self, r_style: str, p_style: str, local: str) -> Element | None:
        """Return the ``w:local`` run property the styles and defaults give, or None."""
        for style in (*self.chain(r_style), *self.chain(p_style)):
            found = child(child(style, "rPr"), local)
            if found is not None:
                return found
        return child(self.default_rpr, local)

    def run_property(self, rpr: Element | None, p_style: str, local: str) -> Element | None:
        """Return the ``w:local`` property in effect for a run with ``rpr`` in ``p_style``."""
        own = child(rpr, local)
        if own is not None:
            return own
        return self.style_run_property(child_val(rpr, "rStyle") or "", p_style, local)

    def bold(self, rpr: Element | None, p_style: str) -> bool:
        """Tell whether a run is bold."""
        found = self.run_property(rpr, p_style, "b")
        return found is not None and on_off(found)

    def hidden(self, rpr: Element | None, p_style: str) -> bool:
        """Tell whether a run is hidden text (``w:vanish``), which Word does not show."""
        found = self.run_property(rpr, p_style, "vanish")
        return found is not None and on_off(found)

    def size(self, rpr: Element | None, p_style: str) -> float:
        """Return a run's font size in points (0.0 when nothing states it)."""
        half_points = attr(self.run_property(rpr, p_style, "sz"))
        try:
            return int(half_points) / 2 if half_points else 0.0
        except ValueError:
            return 0.0


def on_off_attr(element: Element, name: str) -> bool:
    """Return an on/off attribute such as ``w:default="1"``."""
    return attr(element, name) in ("1", "true", "on")
