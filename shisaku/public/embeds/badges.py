"""Badges: a small SVG image naming an indicator's grade or a measure's status, to put on
another site (``…/indicators/<code>/badge.svg``, ``…/<measure>/badge.svg``).

A badge is two boxes, the label on grey and the value on its colour (the grade's colour of the
charts, or the status's), white letters at 4.5:1 or more.  The image is a standalone SVG
document with ``role="img"``, a ``<title>`` and an ``aria-label`` saying both parts, so an
``<img alt>`` on the other site can read the same.  Widths are estimated from the characters (a
full-width one counts twice), as no font is measured on the server.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape

from shisaku.domain.measure_status import Status
from shisaku.graphics import charts
from shisaku.graphics.svg import Svg
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment

LABEL_FILL = "#4d4d4d"  # 8.4:1 with white
STATUS_FILLS: dict[Status, str] = {
    "not_started": "#4d4d4d",
    "on_track": "#0b4fa8",
    "behind": "#b3261e",
    "achieved": "#00695c",
    "unknown": "#4d4d4d",
}
FONT_SIZE = 11
HEIGHT = 20
NARROW = 6.5  # the width of a half-width character at FONT_SIZE, roughly
PADDING = 6
WIDE = frozenset("WF")  # the widths of Unicode that count twice: wide and full-width


@dataclass(frozen=True)
class Badge:
    """What a badge says: the label on the left, the value on the right, the value's colour."""

    label: str
    value: str
    fill: str


def text_width(text: str) -> float:
    """Return the estimated width of ``text`` at the badge's size (full-width counts twice)."""
    wide = sum(map(WIDE.__contains__, map(unicodedata.east_asian_width, text)))  # in C
    return round((len(text) + wide) * NARROW, 1)


def grade_badge(label: str, done: PlanAssessment, result: IndicatorResult) -> Badge:
    """Return the badge of an indicator's grade in the year graded."""
    scale = done.config.scale
    colours = _grade_colours(scale.grades(), scale.on_track, scale.missing)
    fill, _, outlined = colours.get(result.assessment.grade, (LABEL_FILL, "", False))
    return Badge(label, result.assessment.grade, LABEL_FILL if outlined else fill)


@lru_cache(maxsize=16)
def _grade_colours(
    grades: tuple[str, ...], on_track: frozenset[str], missing: str
) -> dict[str, tuple[str, str, bool]]:
    """Return the colours of a scale's grades (:func:`charts.grade_colours`), worked out once
    per scale: a plan has a badge per indicator in each language."""
    return charts.grade_colours(grades, on_track, missing)


def status_badge(label: str, status: Status, status_label: str) -> Badge:
    """Return the badge of a measure's status."""
    return Badge(label, status_label, STATUS_FILLS[status])


def _box(x: float, width: float, fill: str, text: str) -> str:
    """Return one box of the badge with its text (escaped) centred."""
    return (
        f'<rect x="{x}" width="{width}" height="{HEIGHT}" fill="{fill}"/>'
        f'<text x="{round(x + width / 2, 1)}" y="14" text-anchor="middle">{text}</text>'
    )


def to_svg(badge: Badge) -> Svg:
    """Return the badge as a standalone SVG document (written with f-strings, each text escaped
    once: a site has a badge per indicator and measure in each language)."""
    left = text_width(badge.label) + 2 * PADDING
    right = text_width(badge.value) + 2 * PADDING
    width = round(left + right, 1)
    label, value, fill = escape(badge.label), escape(badge.value), escape(badge.fill)
    said = f"{label}: {value}"
    return Svg(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{said}"><title>{said}</title>'
        f'<g font-family="sans-serif" font-size="{FONT_SIZE}" fill="#ffffff">'
        f"{_box(0, left, LABEL_FILL, label)}{_box(left, right, fill, value)}</g></svg>"
    )
