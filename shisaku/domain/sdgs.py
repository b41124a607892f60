"""The 17 Sustainable Development Goals as data (shisaku/data/sdgs.json), and goal references.

The Japanese names are the Ministry of Foreign Affairs' short names, the English names the UN's
short titles, the colours the UN's published palette; the file names each source. The UN's
icons are not used: the site draws numbered colour tiles, with the text colour (black or white)
chosen here for the larger WCAG contrast on the goal's colour.

A measure is linked to a goal (``"4"``) or to one of its targets (``"4.1"``, ``"4.a"``); a
reference is parsed by :func:`parse_ref`, which says what it accepts when it refuses one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

GOAL_COUNT = 17
REF = re.compile(r"(\d{1,2})(?:\.(\d{1,2}|[a-z]))?")
ACCEPTED = "1〜17 のゴール番号（例: 4）、またはターゲット（例: 4.1、4.a）"


@dataclass(frozen=True)
class Goal:
    """One of the 17 goals: its number, names and colour."""

    number: int
    name_ja: str
    name_en: str
    colour: str

    @property
    def text_colour(self) -> str:
        """Return black or white, whichever contrasts more with the goal's colour."""
        background = relative_luminance(self.colour)
        on_white = 1.05 / (background + 0.05)
        on_black = (background + 0.05) / 0.05
        return "#FFFFFF" if on_white >= on_black else "#000000"

    def name(self, language: str) -> str:
        """Return the goal's name in ``language`` (``ja`` or ``en``)."""
        return self.name_en if language == "en" else self.name_ja


@dataclass(frozen=True)
class GoalRef:
    """A goal, or one of its targets, that a measure serves."""

    goal: int
    target: str = ""  # "1".."19" or "a".."z"; blank for the goal as a whole

    @property
    def label(self) -> str:
        """Return the reference as written in files: ``4`` or ``4.1``."""
        return f"{self.goal}.{self.target}" if self.target else str(self.goal)


class BadGoalRef(ValueError):
    """A goal reference that is not a goal or target number."""


def _unit(channel: int) -> float:
    """Return one sRGB channel (0–255) as linear light."""
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a ``#RRGGBB`` colour."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _unit(r) + 0.7152 * _unit(g) + 0.0722 * _unit(b)


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two ``#RRGGBB`` colours."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@cache
def _data() -> dict[str, object]:
    """Return the parsed data file."""
    path = resources.files("shisaku").joinpath("data/sdgs.json")
    data: dict[str, object] = json.loads(path.read_text("utf-8"))
    return data


@cache
def goals() -> dict[int, Goal]:
    """Return the 17 goals by number, in order."""
    rows = _data()["goals"]
    assert isinstance(rows, list)
    return {r["number"]: Goal(**r) for r in rows}


def sources() -> dict[str, str]:
    """Return where the names and colours come from (name_ja, name_en, colour, note)."""
    found = _data()["sources"]
    assert isinstance(found, dict)
    return dict(found)


def parse_ref(text: str, where: str = "") -> GoalRef:
    """Read ``4`` or ``4.1`` (full-width digits allowed); raise BadGoalRef naming ``where``."""
    cleaned = unicodedata.normalize("NFKC", text).strip().lower()
    match = REF.fullmatch(cleaned)
    if match is None or not 1 <= int(match.group(1)) <= GOAL_COUNT:
        place = f"{where}: " if where else ""
        raise BadGoalRef(
            f"{place}「{text.strip()}」はSDGsのゴールではありません。{ACCEPTED}で書いてください"
        )
    return GoalRef(int(match.group(1)), match.group(2) or "")


def parse_refs(texts: list[str], where: str = "") -> list[GoalRef]:
    """Read several references, dropping repeats and keeping goal order."""
    refs = {parse_ref(t, where) for t in texts if t.strip()}
    return sorted(refs, key=sort_key)


def sort_key(ref: GoalRef) -> tuple[int, int, str]:
    """Order references by goal, then numbered targets before lettered ones."""
    numbered = ref.target.isdigit()
    return (ref.goal, 0 if not ref.target else (1 if numbered else 2), ref.target.zfill(2))


@dataclass(frozen=True)
class MeasureLinks:
    """The goals and targets one measure serves, and where that is stated."""

    node: str
    refs: tuple[GoalRef, ...]
    source: str = ""

    def to_dict(self) -> dict[str, object]:
        """Return the links as written in the plan exchange file (docs/plan-json.md)."""
        row: dict[str, object] = {"node": self.node, "goals": [r.label for r in self.refs]}
        return row | ({"source": self.source} if self.source else {})


class BadLinks(ValueError):
    """The ``sdgs`` part of an exchange file has the wrong shape."""


def links_from_list(value: object, where: str = "sdgs") -> list[MeasureLinks]:
    """Read the ``sdgs`` list of an exchange file; raise BadLinks naming the place."""
    if not isinstance(value, list):
        raise BadLinks(f"{where}: 配列（[...]）を書いてください")
    return [_links(row, f"{where}[{i}]") for i, row in enumerate(value)]


def _links(row: object, where: str) -> MeasureLinks:
    """Read one ``{"node": …, "goals": […], "source": …}`` entry."""
    if not isinstance(row, dict) or not isinstance(row.get("node"), str):
        shape = '{"node": "施策のコード", "goals": ["4", "4.1"]}'
        raise BadLinks(f"{where}: {shape} の形で書いてください")
    goals_in = row.get("goals")
    if not isinstance(goals_in, list) or not all(isinstance(g, str | int) for g in goals_in):
        raise BadLinks(f'{where}.goals: ゴールの配列（例: ["4", "4.1"]）を書いてください')
    source = row.get("source", "")
    if not isinstance(source, str) or len(source) > SOURCE_LENGTH:
        raise BadLinks(f"{where}.source: {SOURCE_LENGTH} 文字までの文字列を書いてください")
    refs = parse_refs([str(g) for g in goals_in], f"{where}.goals")
    return MeasureLinks(row["node"], tuple(refs), source)


SOURCE_LENGTH = 200
