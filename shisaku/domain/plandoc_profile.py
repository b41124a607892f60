"""A document's reading profile: how its headings map to levels, as a person can read and fix it.

The reader infers a profile from every document (:mod:`shisaku.domain.plandoc_layout`) and
prints it with ``--dry-run``; a user who disagrees writes the part that is wrong into a YAML
file and passes it back with ``--profile``.  The profile's plain-dict form (the YAML file)::

    headings:                     # a numbering style or an example of it → what it is
      基本目標1: {level: 1, kind: field}
      （1）: {level: 2, kind: measure}  # the levels below a named measure are its initiatives
      ①: action                   # a kind alone: the level follows from the others
      ア: text                    # not a level: text, group (a sub-heading), bullet (an item) or
                                  # label (a form's section head: the text under it is its own)
    sections:                     # extra section labels → section key
      まちの将来像: vision
    drop:                         # lines (after removing digits) to leave out as noise
      - 第2期北浜市総合戦略

Keys under ``headings`` may be a style as the dry run prints it (``基本目標{}``, ``({})``,
``{}-{}-{}``), an example line (``基本目標1``, ``（1）``, ``1-1-1``) or a level word alone
(``基本目標``), which stands for every style with that word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from shisaku.domain.plandoc_numbering import read_numbering
from shisaku.domain.plandoc_text import match_key

KINDS_BY_DEPTH = ("field", "policy", "measure", "initiative", "action")
NOT_LEVELS = ("text", "group", "bullet", "label", "skip")
SECTION_KEYS = ("situation", "direction", "vision", "diagram", "initiatives", "indicators")
_DIGITS = re.compile(r"[0-9０-９]+")


class ProfileError(ValueError):
    """A profile that cannot be used: the message names the key and what would be accepted."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


@dataclass(frozen=True)
class LevelRule:
    """What one numbering style is: a level (1 = top) of a kind, or not a level (level 0)."""

    style: str
    level: int
    kind: str


@dataclass(frozen=True)
class Choice:
    """A user's decision about a style: a level and kind, a kind alone, or not a level."""

    level: int = 0
    kind: str = ""


@dataclass
class Profile:
    """The user's corrections to an inferred layout (empty: infer everything)."""

    styles: dict[str, Choice] = field(default_factory=dict)  # style → choice
    words: dict[str, Choice] = field(default_factory=dict)  # level word → choice
    sections: dict[str, str] = field(default_factory=dict)  # label (matching form) → key
    drop: tuple[str, ...] = ()  # digit-free matching forms of lines to drop

    def choice(self, style: str) -> Choice | None:
        """Return the user's choice for ``style`` (by the style itself, then by its word)."""
        if style in self.styles:
            return self.styles[style]
        return next((c for w, c in self.words.items() if w in style), None)

    def decides(self, style: str) -> str:
        """Return "level", "fallback", "skip" or "" (the user said nothing) for ``style``."""
        choice = self.choice(style)
        if choice is None:
            return ""
        if choice.kind in NOT_LEVELS:
            return "skip" if choice.kind == "skip" else "fallback"
        return "level"

    def level_styles(self, styles: list[str]) -> set[str]:
        """Return the styles among ``styles`` the user made levels."""
        return {s for s in styles if self.decides(s) == "level"}

    def fallback_styles(self, styles: list[str]) -> set[str]:
        """Return the styles among ``styles`` the user said are not levels."""
        return {s for s in styles if self.decides(s) in ("fallback", "skip")}

    def levels(self, styles: list[str]) -> dict[str, int]:
        """Return the levels the user gave explicitly, for the styles among ``styles``."""
        found = {s: self.choice(s) for s in styles}
        return {s: c.level for s, c in found.items() if c is not None and c.level > 0}

    def kind(self, style: str) -> str:
        """Return the kind the user gave ``style`` ("" when none)."""
        choice = self.choice(style)
        return choice.kind if choice and choice.kind in KINDS_BY_DEPTH else ""


_HINT_STYLE = re.compile(r"^(?:[0-9]{1,3}pt(?:太字)?|見出し[0-9])$")  # size and outline hints


def style_of(key: str) -> str | None:
    """Return the numbering style a profile key names (a style, or an example of one); the
    styles of unnumbered titles set large (26pt, 14pt太字) or in a Word heading style (見出し1)
    are given as the reader prints them."""
    if "{" in key or _HINT_STYLE.match(key):
        return key
    numbering = read_numbering(f"{key.strip()}　見出し")
    return numbering.style if numbering is not None else None


def _choice(value: Any, path: str) -> Choice:
    """Read one heading decision: a kind name, or {level, kind}."""
    if isinstance(value, str):
        return _kind_choice(value, path)
    if not isinstance(value, dict):
        raise ProfileError(path, "expected a kind (field, measure, text …) or {level, kind}")
    level = value.get("level", 0)
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 20:
        raise ProfileError(f"{path}.level", f"expected a level from 1 to 20, found {level!r}")
    kind = _kind_choice(value.get("kind", ""), f"{path}.kind").kind if "kind" in value else ""
    if not level and not kind:
        raise ProfileError(path, "expected a level, a kind, or both")
    return Choice(level, kind)


def _kind_choice(value: Any, path: str) -> Choice:
    """Read a kind name."""
    accepted = (*KINDS_BY_DEPTH, *NOT_LEVELS)
    if value not in accepted:
        raise ProfileError(path, f"{value!r} is not one of {', '.join(accepted)}")
    return Choice(0, str(value))


def _headings(obj: dict[str, Any], profile: Profile) -> None:
    """Read the headings part of a profile dict into ``profile``."""
    for key, value in obj.items():
        path = f"headings.{key}"
        choice = _choice(value, path)
        style = style_of(str(key))
        if style is not None:
            profile.styles[style] = choice
        elif re.fullmatch(r"[\u4e00-\u9fff\u30a0-\u30ffー々]{1,8}", str(key)):
            profile.words[str(key)] = choice
        else:
            raise ProfileError(path, "expected a numbering such as 基本目標1, （1）, ① or 1-1-1")


def _sections(obj: dict[str, Any], profile: Profile) -> None:
    """Read the sections part of a profile dict into ``profile``."""
    for label, key in obj.items():
        if key not in SECTION_KEYS:
            message = f"{key!r} is not one of {', '.join(SECTION_KEYS)}"
            raise ProfileError(f"sections.{label}", message)
        profile.sections[match_key(str(label))] = str(key)  # as lines are matched: NFKC


def profile_from_dict(obj: Any) -> Profile:
    """Read a profile from its plain-dict form (see the module docstring)."""
    if not isinstance(obj, dict):
        raise ProfileError("(top)", "expected an object with headings, sections, drop")
    unknown = set(obj) - {"headings", "sections", "drop"}
    if unknown:
        raise ProfileError(sorted(unknown)[0], "expected only headings, sections and drop")
    profile = Profile()
    for part, reader in (("headings", _headings), ("sections", _sections)):
        value = obj.get(part) or {}
        if not isinstance(value, dict):
            raise ProfileError(part, "expected an object")
        reader(value, profile)
    profile.drop = _drop(obj.get("drop") or [])
    return profile


def _drop(value: Any) -> tuple[str, ...]:
    """Read the drop list: the lines to leave out, in their digit-free matching form."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError("drop", "expected a list of lines")
    return tuple(drop_key(v) for v in value)


def drop_key(line: str) -> str:
    """Return the form in which a line is compared with the drop list: no digits, no spaces."""
    return "".join(_DIGITS.sub("", line).split())


def rules_to_dict(rules: list[LevelRule], examples: dict[str, str]) -> dict[str, Any]:
    """Return the headings part of a profile for an inferred layout, with an example each."""
    out: dict[str, Any] = {}
    for rule in rules:
        entry: dict[str, Any] = (
            {"level": rule.level, "kind": rule.kind}
            if rule.level
            else {"kind": rule.kind or "text"}
        )
        if rule.style in examples:
            entry["example"] = examples[rule.style]
        out[rule.style] = entry
    return out
