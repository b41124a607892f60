"""Template tags of the voice pages: text in the active language, widgets with their hints."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.templatetags.static import static
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from shisaku.voice.furigana import Piece, readings
from shisaku.voice.models import Channel
from shisaku.voice.queries import in_language as _in_language

register = template.Library()


@register.simple_tag
def in_language(ja: str, en: str) -> str:
    """Return the English text on English pages when there is one, else the Japanese."""
    return _in_language(ja, en)


@register.simple_tag
def channel_labels(channels: list[str]) -> str:
    """Return the channels' names in the active language, joined."""
    return "、".join(str(Channel(c).label) for c in channels if c in Channel.values)


@register.simple_tag
def voice_style() -> SafeString:
    """Return the link to the voice pages' stylesheet."""
    return format_html('<link rel="stylesheet" href="{}">\n', static("voice/voice.css"))


@register.simple_tag
def described_widget(field: BoundField) -> SafeString:
    """Return a field's widget pointing at its hint and error (and marked invalid on an error)."""
    ids = [f"{field.auto_id}-hint"] if field.help_text else []
    ids += [f"{field.auto_id}-error"] if field.errors else []
    attrs: dict[str, str | bool] = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def honeypot(field: BoundField) -> SafeString:
    """Return the hidden trap field: out of the tab order and never filled in by the browser."""
    return field.as_widget(attrs={"tabindex": "-1", "autocomplete": "off"})


def _ruby(piece: Piece) -> SafeString:
    """Return one piece: its kanji with the reading in ``<rt>``, or the text alone."""
    if piece.reading is None:
        return conditional_escape(piece.text)
    return format_html("<ruby>{}<rt>{}</rt></ruby>", piece.text, piece.reading)


@register.filter
def furigana(text: str) -> SafeString:
    """Return Japanese text with ふりがな on its kanji (other languages unchanged)."""
    if get_language() != "ja":
        return conditional_escape(text)
    return format_html_join("", "{}", ((_ruby(p),) for p in readings(str(text))))


@register.filter
def for_children(text: str, children: bool) -> SafeString:
    """Return text with ふりがな on a children's page, escaped as it is elsewhere."""
    return furigana(text) if children else conditional_escape(text)
