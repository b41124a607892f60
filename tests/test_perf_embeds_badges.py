"""A badge written with f-strings is the SVG that format_html wrote before, byte for byte."""

from __future__ import annotations

import pytest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from shisaku.public.embeds import badges
from shisaku.public.embeds.badges import FONT_SIZE, HEIGHT, LABEL_FILL, PADDING, Badge


def box(x: float, width: float, fill: str, text: str) -> SafeString:
    """Return one box as format_html wrote it."""
    return format_html(
        '<rect x="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="14" text-anchor="middle">{}</text>',
        x,
        width,
        HEIGHT,
        fill,
        round(x + width / 2, 1),
        text,
    )


def formatted(badge: Badge) -> str:
    """Return the badge as format_html wrote it."""
    left = badges.text_width(badge.label) + 2 * PADDING
    right = badges.text_width(badge.value) + 2 * PADDING
    width = round(left + right, 1)
    said = f"{badge.label}: {badge.value}"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" '
        'role="img" aria-label="{}"><title>{}</title>'
        '<g font-family="sans-serif" font-size="{}" fill="#ffffff">{}{}</g></svg>',
        width,
        HEIGHT,
        width,
        HEIGHT,
        said,
        said,
        FONT_SIZE,
        box(0, left, LABEL_FILL, badge.label),
        box(left, right, badge.fill, badge.value),
    )


@pytest.mark.parametrize(
    "badge",
    [
        Badge("A1 grade", "B", "#0b4fa8"),
        Badge("1-2-3 の評価", "順調", "#00695c"),
        Badge("<b>&\"'", "a&b<c>", '#"&'),
        Badge("", "", ""),
        Badge("ｘ" * 13, "x" * 7, LABEL_FILL),
    ],
)
def test_a_badge_is_the_svg_format_html_wrote(badge):
    svg = badges.to_svg(badge)
    assert svg == formatted(badge)
    assert svg.__html__() == str(svg)
