"""The reading profile the page edits: rows of numbering styles, or YAML, kept as a plain dict.

The session keeps the user's profile in its plain-dict form (``shisaku.domain.plandoc_profile``):
only what the user decided, so that the reader still infers the rest.  A row changed in the
form becomes a decision about its style; YAML replaces the whole profile.  The YAML shown (and
offered for download, for ``shisaku import-plan --profile``) is the profile the document was
read with (titles set large, ``26pt``, and Word heading styles, ``見出し1``, included), less any
style a profile could not name.
"""

from __future__ import annotations

from typing import Any

import yaml
from django.utils.translation import gettext as _

from shisaku.domain.plandoc import PlanReading
from shisaku.domain.plandoc_profile import ProfileError, profile_from_dict
from shisaku.staff.forms_planimport import StyleRow

# Shown when there is no profile to show (a document that could not be read): a start.
EXAMPLE = (
    "headings:\n  # 基本目標1: {level: 1, kind: field}\n  # （1）: {level: 2, kind: measure}\n"
)


class ProfileInputError(ValueError):
    """A profile the reader cannot use: the message says where and what is accepted."""


def nameable(style: str) -> bool:
    """Tell whether a profile can name ``style`` (a numbering, not a size or a Word style)."""
    try:
        profile_from_dict({"headings": {style: "text"}})
    except ProfileError:
        return False
    return True


def style_rows(reading: PlanReading) -> list[StyleRow]:
    """Return the document's numbering styles as read, levels first, then those read as text."""
    layout = reading.layout
    rules = sorted(layout.rules.values(), key=lambda r: (r.level == 0, r.level, r.style))
    return [
        StyleRow(r.style, layout.examples.get(r.style, ""), r.level, r.kind if r.level else "")
        for r in rules
    ]


def _decision(level: int, kind: str) -> str | dict[str, Any]:
    """Return a heading decision in the profile's plain-dict form."""
    if not level:
        return "text"
    return {"level": level, "kind": kind} if kind else {"level": level}


def with_rows(profile: dict[str, Any], chosen: list[tuple[StyleRow, int, str]]) -> dict[str, Any]:
    """Return ``profile`` with a decision for every row whose level or kind was changed."""
    headings = dict(profile.get("headings") or {})
    for row, level, kind in chosen:
        changed = level != row.level or bool(level and kind and kind != row.kind)
        if changed and nameable(row.style):
            headings[row.style] = _decision(level, kind)
    return {**profile, "headings": headings} if headings else dict(profile)


def _choice(value: Any) -> Any:
    """Return a heading decision with only what the reader reads (no example line)."""
    if isinstance(value, dict):
        return {key: value[key] for key in ("level", "kind") if key in value}
    return str(value)


def canonical(document: Any) -> dict[str, Any]:
    """Return a checked profile document as plain JSON-able data (keys as text)."""
    out: dict[str, Any] = {}
    headings = {str(k): _choice(v) for k, v in (document.get("headings") or {}).items()}
    sections = {str(k): str(v) for k, v in (document.get("sections") or {}).items()}
    drop = [str(line) for line in document.get("drop") or []]
    for key, value in (("headings", headings), ("sections", sections), ("drop", drop)):
        if value:
            out[key] = value
    return out


def _has_alias(text: str) -> bool:
    """Tell whether YAML text uses an anchor's alias (a profile never needs one)."""
    return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text))


def from_text(text: str) -> dict[str, Any]:
    """Read a profile written in YAML; raise ProfileInputError saying what is wrong."""
    try:
        if _has_alias(text):
            raise ProfileInputError(_("Aliases (*name) cannot be used in a profile."))
        document = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        message = _("The profile is not valid YAML: %(error)s") % {"error": error}
        raise ProfileInputError(message) from error
    try:
        profile_from_dict(document)
    except ProfileError as error:
        message = _("The profile cannot be used: %(error)s") % {"error": error}
        raise ProfileInputError(message) from error
    return canonical(document)


def as_text(reading: PlanReading | None, profile: dict[str, Any]) -> str:
    """Return the profile a document was read with as YAML (the user's when it was not read)."""
    document = dict(profile)
    if reading is not None:
        headings = reading.profile()["headings"]
        named = {k: v for k, v in headings.items() if nameable(k)}
        document = {"headings": named, **{k: v for k, v in profile.items() if k != "headings"}}
    if not any(document.values()):
        return EXAMPLE
    return str(
        yaml.safe_dump(
            document, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None
        )
    )
