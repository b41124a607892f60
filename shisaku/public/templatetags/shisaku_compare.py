"""Template tags of the prefecture and comparison pages, and the links other pages give to them."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.domain import common_indicators
from shisaku.domain.prefectures import prefecture_of
from shisaku.public import display
from shisaku.public.comparisons import links as compare_links

register = template.Library()


@register.simple_tag
def prefectures_url() -> str:
    """Return the list of prefectures."""
    return compare_links.prefectures_url()


@register.simple_tag
def prefecture_url(code: str) -> str:
    """Return a prefecture's page."""
    return compare_links.prefecture_url(code)


@register.simple_tag
def compare_url(common_code: str, prefecture: str | None = None) -> str:
    """Return the comparison of a common indicator (in a prefecture, or nationwide)."""
    return compare_links.compare_url(common_code, prefecture)


@register.simple_tag
def prefecture_link(municipality_code: str) -> SafeString:
    """Return a link to a municipality's prefecture page, or nothing when its code names none."""
    found = prefecture_of(municipality_code)
    if found is None:
        return SafeString("")
    return format_html(
        '<a class="prefecture-link" href="{}">{}</a>',
        compare_links.prefecture_url(found.code),
        display.plain(found.name_ja, found.name_en),
    )


@register.simple_tag
def common_indicator(code: str, municipality_code: str) -> SafeString:
    """Return an indicator's common code with its name and links to its comparisons."""
    found = common_indicators.find(code)
    if found is None:
        return format_html("<code>{}</code>", code)
    where = prefecture_of(municipality_code)
    near = (
        format_html(
            ' · <a href="{}">{}</a>',
            compare_links.compare_url(code, where.code),
            gettext("Compare within %(prefecture)s")
            % {"prefecture": display.plain(where.name_ja, where.name_en)},
        )
        if where
        else ""
    )
    return format_html(
        '<code>{}</code> {} (<a href="{}">{}</a>{})',
        code,
        display.plain(found.name_ja, found.name_en),
        compare_links.compare_url(code),
        gettext("Compare across municipalities"),
        near,
    )
