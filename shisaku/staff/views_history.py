"""The history of an indicator or of a node's texts, from the audit trail, with revert.

Reverting never rewrites history: a text is put back by ``plan.editing.revert`` (audited as
``text.revert``), a figure by recording the earlier value again as a new revision through
``indicators.services.record_figure``. Both refuse when the object changed since the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shisaku.audit.queries import HistoryEntry, entry, history
from shisaku.domain.plantree import Node
from shisaku.indicators import queries
from shisaku.indicators.queries import IndicatorView
from shisaku.indicators.services import (
    BatchRejected,
    Conflict,
    FigureEntry,
    Locked,
    record_figure,
)
from shisaku.plan import editing
from shisaku.staff import definition_labels, display
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.figures import current_figure
from shisaku.staff.views_text import find_node

FIELDS: dict[str, Promise] = {
    "text": gettext_lazy("Text"),
    "raw": gettext_lazy("Value"),
    "note": gettext_lazy("Note"),
    "source": gettext_lazy("Source"),
    "department": gettext_lazy("Department"),
    "due": gettext_lazy("Due date"),
    "undated": gettext_lazy("Figures without a year"),
}
NODE_FIELDS = {**FIELDS, "department": gettext_lazy("Responsible department")}
REVERTIBLE_TEXT = ("text.publish", "text.revert")
INDICATOR_TYPES = ("indicator", "figure")  # what an indicator's history shows
NODE_TYPES = ("text", "node")  # what a node's history shows
DRAFT_ACTIONS = frozenset({"text.draft", "text.discard"})  # entries that hold unpublished text


@dataclass(frozen=True)
class Change:
    """One field of an entry: its value before and after."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryRow:
    """An audit entry as the history page shows it."""

    entry: HistoryEntry
    who: str
    what: str
    changes: list[Change]
    revertible: bool


def _name(labels: dict[str, Promise], key: str) -> str:
    """Return a changed field's name: the page's own label, else a definition field's."""
    if key in labels:
        return str(labels[key])
    return definition_labels.field_label(key) or key


def changes(before: Any, after: Any, labels: dict[str, Promise] = FIELDS) -> list[Change]:
    """Return the fields an entry changed (every field of a creation), for people."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    # a fixed order: PostgreSQL's jsonb does not keep the order keys were written in
    present = {*old, *new}
    ordered = [k for k in labels if k in present] + sorted(present - set(labels))
    keys = [k for k in ordered if old.get(k) != new.get(k)]
    value = definition_labels.field_value
    return [Change(_name(labels, k), value(k, old.get(k)), value(k, new.get(k))) for k in keys]


def figure_what(tail: str) -> str:
    """Return what a figure entry is about: 実績値 2025年度（令和7年度）."""
    if "/" not in tail:
        return _("Definition")
    kind, key = tail.split("/", 1)
    return f"{display.label(display.FIGURE_KINDS, kind)} {display.period_label(key)}"


def text_what(tail: str) -> str:
    """Return what a text entry is about: Title (Japanese), Overview 1 (English)."""
    if not tail:
        return _("Responsible department")
    where, language = tail.rsplit("/", 1) if "/" in tail else ("", tail)
    lang = display.label(display.LANGUAGES, language)
    if not where:
        return _("Title (%(language)s)") % {"language": lang}
    section, _sep, position = where.partition("#")
    name = display.label(display.SECTIONS, section)
    return f"{name} {int(position or 0) + 1} ({lang})"


def _rows(
    entries: list[HistoryEntry],
    prefix: str,
    what: Any,
    revertible: Any,
    labels: dict[str, Promise] = FIELDS,
) -> list[HistoryRow]:
    """Return the history rows of entries under ``prefix``."""
    out = []
    for e in entries:
        tail = e.object_id[len(prefix) + 1 :]
        fields = changes(e.before, e.after, labels)
        out.append(HistoryRow(e, display.actor_name(e.actor), what(tail), fields, revertible(e)))
    return out


@plan_page
def indicator_history(request: HttpRequest, ws: Workspace, indicator: str) -> HttpResponse:
    """Show every recorded change of an indicator and its figures."""
    view = queries.indicator(ws.plan.id, indicator)
    prefix = f"{ws.code}/{ws.slug}/{view.code}"
    may = ws.member.may("indicators.record", view.department)

    def revertible(e: HistoryEntry) -> bool:
        return may and e.action == "figure.record" and bool(e.before) and bool(e.after)

    rows = _rows(
        history(prefix, ws.code, object_types=INDICATOR_TYPES), prefix, figure_what, revertible
    )
    name = display.shown(view.name_ja, view.name_en)
    return render(
        request, "staff/history.html", {"ws": ws, "view": view, "name": name, "rows": rows}
    )


def node_entries(ws: Workspace, node: Node, prefix: str) -> list[HistoryEntry]:
    """Return the entries of a node the member may read: drafts only with the drafts themselves.

    A draft (and a discarded one) holds text nobody has published; whoever may not read the
    node's drafts on its editing page does not read them here either.
    """
    found = history(prefix, ws.code, object_types=NODE_TYPES)
    if ws.member.may("plan.read_drafts", node.department):
        return found
    return [e for e in found if e.action not in DRAFT_ACTIONS]


@plan_page
def node_history(request: HttpRequest, ws: Workspace, node: str) -> HttpResponse:
    """Show every recorded change of a node's texts and its department."""
    found = find_node(ws, node)
    prefix = f"{ws.code}/{ws.slug}/{found.code}"
    may = ws.member.may("plan.publish")

    def revertible(e: HistoryEntry) -> bool:
        return may and e.action in REVERTIBLE_TEXT and bool(e.before) and bool(e.after)

    rows = _rows(node_entries(ws, found, prefix), prefix, text_what, revertible, NODE_FIELDS)
    name = display.shown(found.title, found.title_en)
    return render(
        request, "staff/history.html", {"ws": ws, "node": found, "name": name, "rows": rows}
    )


def _entry_under(request: HttpRequest, prefix: str, types: tuple[str, ...]) -> HistoryEntry:
    """Return the entry named by the form, if it is one of ``types`` under ``prefix`` (else 404)."""
    raw = request.POST.get("entry", "")
    found = entry(int(raw)) if raw.isdigit() else None
    if (
        found is None
        or found.object_type not in types
        or not found.object_id.startswith(prefix + "/")
    ):
        raise Http404("no such entry here")
    return found


@plan_page
def revert_text(request: HttpRequest, ws: Workspace, node: str) -> HttpResponse:
    """Put back the text an entry replaced (the planning office)."""
    found = find_node(ws, node)
    back = reverse(
        "staff:node-history", kwargs={"code": ws.code, "slug": ws.slug, "node": found.code}
    )
    if request.method != "POST":
        return redirect(back)
    target = _entry_under(request, f"{ws.code}/{ws.slug}/{found.code}", ("text",))
    try:
        editing.revert(actor=ws.member.actor, entry_id=target.id)
    except editing.DraftConflict as conflict:
        messages.error(request, _("The text was not reverted: %(detail)s") % {"detail": conflict})
    else:
        messages.success(request, _("The earlier text was put back and published."))
    return redirect(back)


def _revert_entry(ws: Workspace, view: IndicatorView, target: HistoryEntry) -> FigureEntry | str:
    """Return the figure that puts back an entry's earlier value, or why it cannot."""
    kind, key = target.object_id.rsplit("/", 2)[1:]
    if target.action != "figure.record" or not target.before:
        return _("This entry has no earlier value to put back.")
    if any(f.breakdown for f in view.figures if (f.kind, f.period) == (kind, key)):
        return _("This figure has breakdowns; correct it on the entry page instead.")
    current = current_figure(view, kind, key)
    state = (
        {"raw": current.raw, "note": current.note, "source": current.source} if current else None
    )
    if current is None or state != target.after:
        return _("The figure changed after this entry; revert the latest change instead.")
    before = target.before
    return FigureEntry(
        *(ws.code, ws.slug, view.code, kind, display.period_text(key), before["raw"]),
        note=before.get("note", ""),
        source=before.get("source", ""),
        expected_revision=current.revision,
    )


@plan_page
def revert_figure(request: HttpRequest, ws: Workspace, indicator: str) -> HttpResponse:
    """Record the value an entry replaced again, as a new revision."""
    view = queries.indicator(ws.plan.id, indicator)
    back = reverse(
        "staff:indicator-history", kwargs={"code": ws.code, "slug": ws.slug, "indicator": view.code}
    )
    if request.method != "POST":
        return redirect(back)
    prefix = f"{ws.code}/{ws.slug}/{view.code}"
    figure = _revert_entry(ws, view, _entry_under(request, prefix, ("figure",)))
    if isinstance(figure, str):
        messages.error(request, figure)
        return redirect(back)
    try:
        record_figure(actor=ws.member.actor, entry=figure)
    except (Conflict, BatchRejected):
        messages.error(
            request, _("The figure changed after this entry; revert the latest change instead.")
        )
    except Locked as locked:
        messages.error(request, str(locked))
    else:
        messages.success(request, _("The earlier value was recorded again as a new revision."))
    return redirect(back)
