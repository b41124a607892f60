"""Template tags of the workspace: accessible form fields, language links and labels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings
from django.forms import BoundField
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shisaku.accounts.departments import english_names
from shisaku.domain.plantree import Node
from shisaku.plan.node_labels import unknown_title
from shisaku.staff import definition_labels, display

register = template.Library()


@register.inclusion_tag("staff/_field.html")
def field(bound: BoundField, **attrs: Any) -> dict[str, Any]:
    """Render a field with its label, hint and errors, linked by aria-describedby."""
    base = bound.auto_id or f"id_{bound.html_name}"
    described = []
    if bound.help_text:
        described.append(f"{base}-hint")
    if bound.errors:
        described.append(f"{base}-error")
    widget_attrs = {**attrs}
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    return {
        "field": bound,
        "id": base,
        "widget": bound.as_widget(attrs=widget_attrs),
        "choice": bound.widget_type in ("checkbox",),
    }


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, Any]]:
    """Return this page in every language: code, name, URL and whether it is the current one."""
    path = context["request"].get_full_path()
    current = get_language()
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


@register.filter
def role_label(code: str) -> str:
    """Return the label of a role."""
    return display.label(display.ROLES, code)


@register.filter
def kind_label(code: str) -> str:
    """Return the label of a figure kind (baseline, target, actual)."""
    return display.label(display.FIGURE_KINDS, code)


@register.filter
def value_kind_label(code: str) -> str:
    """Return the label of a value kind (number, rank, no data …)."""
    return display.label(display.VALUE_KINDS, code)


@register.filter
def action_label(code: str) -> str:
    """Return the label of an audited action."""
    return display.label(display.ACTIONS, code)


@register.filter
def section_label(key: str) -> str:
    """Return the heading of a plan section."""
    return display.label(display.SECTIONS, key)


@register.filter
def language_label(code: str) -> str:
    """Return the name of a content language."""
    return display.label(display.LANGUAGES, code)


@register.filter
def year_label(year: int) -> str:
    """Return a fiscal year with its era year."""
    return display.year_label(int(year))


@register.filter
def period_label(key: str) -> str:
    """Return a stored period key for people, 西暦 with 和暦."""
    return display.period_label(key)


@register.simple_tag
def shown(ja: str, en: str) -> str:
    """Return content in the page's language (English falls back to Japanese)."""
    return display.shown(ja, en)


@register.simple_tag(takes_context=True)
def department_name(context: template.Context, name: str) -> str:
    """Return a department's name in the page's language (its English name from the
    municipality's list on English pages), or say that none is set."""
    if not name:
        return str(_("(no department)"))
    if not display.english():
        return name
    ws = context.get("ws")
    cache = context.render_context
    if "english_departments" not in cache:
        cache["english_departments"] = english_names(ws.code) if ws is not None else {}
    return str(cache["english_departments"].get(name, name))


@register.filter
def column_label(column: str) -> str:
    """Return a file column's name as people read it (値, not value)."""
    return definition_labels.column_label(column) if column else ""


@register.simple_tag
def node_title(node: Node) -> str:
    """Return a node's title in the page's language, or the notice that the source gives none."""
    if node.title_known and node.title:
        return display.shown(node.title, node.title_en)
    return unknown_title(node.kind)


@register.filter
def get_count(counts: dict[str, int], key: str) -> int:
    """Return the count of ``key`` in a mapping (0 when absent)."""
    return counts.get(key, 0)


@register.filter
def actor_name(label: str) -> str:
    """Return who acted: a signed-in user's name (user:kikaku → kikaku), or the channel."""
    return display.actor_name(label)


@register.filter
def state_label(code: str) -> str:
    """Return the label of an evaluation's state (作成中, 提出済 …)."""
    return display.label(display.STATES, code)


@register.filter
def stage_label(code: str) -> str:
    """Return the label of a stage of the evaluation cycle."""
    return display.label(display.STAGES, code)


@register.filter
def direction_label(code: str) -> str:
    """Return the label of a direction (拡充, 維持 …)."""
    return display.label(display.DIRECTIONS, code)


@register.filter
def rating_label(code: str) -> str:
    """Return the label of a programme rating (A, B, C)."""
    return display.label(display.RATINGS, code)


@register.filter
def yen(value: Decimal | None) -> str:
    """Return an amount of yen for people (empty when not entered)."""
    return display.amount(value)


@register.filter
def plain_number(value: Decimal | None) -> str:
    """Return a number without trailing zeros (empty when not entered)."""
    return display.number(value)


@register.filter
def date_label(day: date | None) -> str:
    """Return a date, 西暦 with 和暦 (empty when none)."""
    return display.date_label(day) if day else ""


@register.filter
def percent(ratio: float | None) -> str:
    """Return a ratio as a percentage with one decimal (empty when none)."""
    return "" if ratio is None else f"{ratio * 100:.1f}%"
