"""Word list numbering: the 「第１章」「1-1」「（１）」「①」「ア」 drawn in front of a paragraph.

Word keeps these numbers out of the text: a paragraph names a list instance (``w:numId``) and a
level (``w:ilvl``); the instance points to an abstract definition whose level gives the start
value, the number format and a template such as 「（%1）」 or 「%1-%2」.  :class:`Numbering`
replays the counters in document order as Word does:

- counters belong to the abstract definition, so every instance of one definition continues the
  same sequence; an instance's ``w:startOverride`` restarts its level the first time that
  instance is used at that level (Word's "restart numbering" makes such an instance);
- using a level restarts the deeper levels (unless their ``w:lvlRestart`` says otherwise);
- ``w:lvlOverride`` may replace a level's whole definition for one instance;
- ``w:isLgl`` shows every level of the template in decimal (「第１章」 then 「1-1」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shisaku.documents.word_formats import format_number, symbol_char
from shisaku.documents.word_xml import (
    Element,
    child,
    child_val,
    children,
    int_attr,
    int_val,
    on_off,
)

# What Word puts between the number and the text: a tab is shown as a full-width space.
_SUFFIXES = {"tab": "\u3000", "space": " ", "nothing": ""}
_PLACEHOLDER_RE = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Level:
    """One level of a list definition."""

    start: int = 0
    fmt: str = "decimal"
    template: str = ""
    suffix: str = "\u3000"
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level; 0 = never
    legal: bool = False
    style: str = ""  # the paragraph style linked to this level (w:pStyle)

    def restarts_after(self, used: int) -> bool:
        """Tell whether using the 0-based level ``used`` (shallower than this) restarts this."""
        return True if self.restart is None else used < self.restart


def _level(lvl: Element) -> Level:
    """Return the definition a ``w:lvl`` element gives."""
    legal = child(lvl, "isLgl")
    return Level(
        start=int_val(lvl, "start") or 0,
        fmt=child_val(lvl, "numFmt") or "decimal",
        template=child_val(lvl, "lvlText") or "",
        suffix=_SUFFIXES.get(child_val(lvl, "suff") or "tab", "\u3000"),
        restart=int_val(lvl, "lvlRestart"),
        legal=legal is not None and on_off(legal),
        style=child_val(lvl, "pStyle") or "",
    )


def _levels(parent: Element) -> dict[int, Level]:
    """Return the levels defined by the ``w:lvl`` children of ``parent``, by ilvl."""
    return {int_attr(lvl, "ilvl"): _level(lvl) for lvl in children(parent, "lvl")}


@dataclass
class Instance:
    """A ``w:num``: an abstract definition with per-instance overrides."""

    abstract: int
    starts: dict[int, int] = field(default_factory=dict)  # ilvl → w:startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # ilvl → a replacing w:lvl


def _instance(num: Element) -> Instance:
    """Return the instance a ``w:num`` element defines."""
    found = Instance(abstract=int_val(num, "abstractNumId") or 0)
    for override in children(num, "lvlOverride"):
        ilvl = int_attr(override, "ilvl")
        start = int_val(override, "startOverride")
        if start is not None:
            found.starts[ilvl] = start
        replacing = child(override, "lvl")
        if replacing is not None:
            found.levels[ilvl] = _level(replacing)
    return found


class Numbering:
    """The numbering part of one document, replaying counters in document order."""

    def __init__(self, numbering: Element | None, style_nums: dict[str, int]) -> None:
        self.abstracts: dict[int, dict[int, Level]] = {}
        self.links: dict[int, str] = {}  # abstract id → the numbering style it stands for
        for abstract in children(numbering, "abstractNum"):
            abstract_id = int_attr(abstract, "abstractNumId")
            self.abstracts[abstract_id] = _levels(abstract)
            if link := child_val(abstract, "numStyleLink"):
                self.links[abstract_id] = link
        self.instances = {int_attr(n, "numId"): _instance(n) for n in children(numbering, "num")}
        self.style_nums = style_nums  # numbering style id → the numId its w:numPr gives
        self.counters: dict[int, dict[int, int]] = {}
        self.used: set[tuple[int, int]] = set()
        self.unknown_formats: list[str] = []

    def abstract_of(self, num_id: int) -> int | None:
        """Return the abstract definition of an instance, through a numbering style link."""
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        link = self.links.get(instance.abstract)
        target = self.instances.get(self.style_nums.get(link, -1)) if link else None
        return target.abstract if target else instance.abstract

    def levels(self, num_id: int) -> dict[int, Level]:
        """Return the levels an instance shows: the abstract's, with its overriding levels."""
        abstract = self.abstract_of(num_id)
        instance = self.instances.get(num_id)
        if abstract is None or instance is None:
            return {}
        return {**self.abstracts.get(abstract, {}), **instance.levels}

    def level_for_style(self, num_id: int, style_id: str) -> int:
        """Return the level linked to paragraph style ``style_id`` in an instance (else 0)."""
        linked = (i for i, lvl in self.levels(num_id).items() if lvl.style == style_id)
        return next(linked, 0)

    def label(self, num_id: int, ilvl: int) -> str:
        """Count one paragraph of instance ``num_id`` at ``ilvl``; return the text Word shows."""
        levels = self.levels(num_id)
        abstract = self.abstract_of(num_id)
        if ilvl not in levels or abstract is None:
            return ""
        counters = self.counters.setdefault(abstract, {})
        self._advance(num_id, ilvl, levels[ilvl], counters)
        for deeper, level in levels.items():
            if deeper > ilvl and level.restarts_after(ilvl):
                counters.pop(deeper, None)
        shown = self._render(levels, ilvl, counters)
        return shown + levels[ilvl].suffix if shown else ""

    def _advance(self, num_id: int, ilvl: int, level: Level, counters: dict[int, int]) -> None:
        """Step the counter of ``ilvl``, honouring the instance's start override once."""
        start = self.instances[num_id].starts.get(ilvl)
        if start is not None and (num_id, ilvl) not in self.used:
            counters[ilvl] = start
        else:
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        self.used.add((num_id, ilvl))

    def _render(self, levels: dict[int, Level], ilvl: int, counters: dict[int, int]) -> str:
        """Return the level's template with each %N replaced by level N's number."""
        current = levels[ilvl]
        if current.fmt == "bullet":
            return symbol_char(current.template)

        def number(match: re.Match[str]) -> str:
            index = int(match[1]) - 1
            level = levels.get(index, Level())
            value = counters.get(index, level.start)
            legal = current.legal and level.fmt not in ("decimalZero", "none")
            fmt = "decimal" if legal else level.fmt
            return self._format(value, fmt)

        return _PLACEHOLDER_RE.sub(number, current.template)

    def _format(self, value: int, fmt: str) -> str:
        """Return ``value`` in ``fmt``; an unknown format is shown in decimal and remembered."""
        shown = format_number(value, fmt)
        if shown is not None:
            return shown
        if fmt not in self.unknown_formats:
            self.unknown_formats.append(fmt)
        return str(value)
