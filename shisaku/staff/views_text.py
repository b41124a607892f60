"""Editing plan text: titles and narratives in Japanese and English, as drafts, then published.

Each text has its own small form. Saving makes a draft (``plan.editing.save_draft``); with
htmx only that form is swapped, showing the draft badge; without JavaScript the page reloads at
the same text. The drafts page compares every draft with the text it started from, and the
planning office publishes them all at once (all or nothing).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shisaku.accounts.permissions import require
from shisaku.domain.plantree import Node
from shisaku.plan import editing, review
from shisaku.plan.queries import DraftInfo, NotFound, drafts, load_nodes
from shisaku.staff import display
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.diff import diff_html
from shisaku.staff.forms import TextForm

LANGUAGE_CODES = ("ja", "en")


def flatten(nodes: list[Node]) -> dict[str, Node]:
    """Return every node of a tree by code, in document order."""
    out: dict[str, Node] = {}
    for node in nodes:
        out[node.code] = node
        out.update(flatten(node.children))
    return out


def find_node(ws: Workspace, code: str) -> Node:
    """Return a node of the plan, or raise NotFound (a 404)."""
    node = flatten(load_nodes(ws.plan.id)).get(code)
    if node is None:
        raise NotFound(f"node {code} does not exist in {ws.slug}")
    return node


@dataclass(frozen=True)
class TextItem:
    """One editable text: where it is, what is published, and the pending draft if any."""

    node_code: str
    section: str
    position: int
    language: str
    kind: str  # title, or the block kind (paragraph, bullet …)
    current: str
    reference: str  # the Japanese text, beside an English one
    draft: DraftInfo | None
    may_edit: bool

    @property
    def anchor(self) -> str:
        """Return the HTML id of the text's form."""
        return f"t-{self.section or 'title'}-{self.position}-{self.language}"

    @property
    def shown(self) -> str:
        """Return the text in the textarea: the draft when there is one."""
        return self.draft.text if self.draft else self.current

    @property
    def label(self) -> str:
        """Return the text's name on the page: Paragraph 2 (English)."""
        what = display.label(display.BLOCK_KINDS, self.kind)
        number = "" if self.kind == "title" else f" {self.position + 1}"
        return f"{what}{number} ({display.label(display.LANGUAGES, self.language)})"

    @property
    def rows(self) -> int:
        """Return a textarea height that fits the text."""
        return min(12, max(2, len(self.shown) // 36 + 1))


def _items(
    node: Node, pending: dict[tuple[str, int, str], DraftInfo], may_edit: bool
) -> list[tuple[str, list[TextItem]]]:
    """Return the node's texts grouped by part: its title, then each section's blocks."""

    def item(section: str, position: int, language: str, kind: str, ja: str, en: str) -> TextItem:
        current = ja if language == "ja" else en
        reference = ja if language == "en" else ""
        draft = pending.get((section, position, language))
        return TextItem(
            node.code, section, position, language, kind, current, reference, draft, may_edit
        )

    groups = [
        ("", [item("", 0, lang, "title", node.title, node.title_en) for lang in LANGUAGE_CODES])
    ]
    for section in node.sections:
        texts = [
            item(section.key, i, lang, block.kind, block.text, block.text_en)
            for i, block in enumerate(section.blocks)
            for lang in LANGUAGE_CODES
        ]
        if texts:
            groups.append((section.key, texts))
    return groups


def _pending(ws: Workspace, node_code: str) -> dict[tuple[str, int, str], DraftInfo]:
    """Return the node's drafts by (section, position, language)."""
    return {(d.section, d.position, d.language): d for d in drafts(ws.plan.id, node_code=node_code)}


def readable_drafts(ws: Workspace, nodes: dict[str, Node]) -> list[DraftInfo]:
    """Return the plan's drafts the member may read (a department: those of its nodes)."""
    department = {code: node.department for code, node in nodes.items()}
    return [
        d
        for d in drafts(ws.plan.id)
        if ws.member.may("plan.read_drafts", department.get(d.node_code, ""))
    ]


@plan_page
def outline(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """List the plan's nodes to pick one to edit, with their department and pending drafts."""
    nodes = load_nodes(ws.plan.id)
    counts = Counter(d.node_code for d in readable_drafts(ws, flatten(nodes)))
    context = {"ws": ws, "nodes": nodes, "counts": counts}
    return render(request, "staff/outline.html", context)


@plan_page
def node_texts(request: HttpRequest, ws: Workspace, node: str) -> HttpResponse:
    """Show a node's texts to edit; save one as a draft."""
    found = find_node(ws, node)
    if request.method == "POST":
        return _save(request, ws, found)
    may_edit = ws.member.may("plan.edit", found.department)
    pending = (
        _pending(ws, found.code) if ws.member.may("plan.read_drafts", found.department) else {}
    )
    groups = _items(found, pending, may_edit)
    context = {"ws": ws, "node": found, "groups": groups, "may_edit": may_edit}
    return render(request, "staff/node_texts.html", context)


def _ref(form: TextForm, node: Node) -> editing.TextRef:
    """Return the text the form is about."""
    data = form.cleaned_data
    return editing.TextRef(node.code, data["section"], data["position"], data["language"])


def _save(request: HttpRequest, ws: Workspace, node: Node) -> HttpResponse:
    """Keep the typed text as a draft (typing back the published text drops the draft)."""
    require(ws.member.actor, "plan.edit", ws.code, node.department)
    form = TextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The text could not be saved; reload the page and try again."))
        return redirect(_node_url(ws, node.code))
    ref, text = _ref(form, node), form.cleaned_data["text"]
    pending = _pending(ws, node.code).get((ref.section, ref.position, ref.language))
    if text == _published(node, ref):
        if pending is not None:
            editing.discard_draft(
                actor=ws.member.actor, municipality_code=ws.code, slug=ws.slug, ref=ref
            )
        note = _("No change from the published text; no draft is kept.")
    else:
        editing.save_draft(
            actor=ws.member.actor, municipality_code=ws.code, slug=ws.slug, ref=ref, text=text
        )
        note = _("Draft saved. It will be public once the planning office publishes the drafts.")
    return _after(request, ws, node, ref, note)


def _published(node: Node, ref: editing.TextRef) -> str:
    """Return the published text at ``ref`` (from the tree already loaded), or raise NotFound."""
    if not ref.section:
        return node.title if ref.language == "ja" else node.title_en
    section = node.section(ref.section)
    if section is None or ref.position >= len(section.blocks):
        raise NotFound(f"text {ref.label()} does not exist")
    block = section.blocks[ref.position]
    return block.text if ref.language == "ja" else block.text_en


def _after(
    request: HttpRequest, ws: Workspace, node: Node, ref: editing.TextRef, note: str
) -> HttpResponse:
    """Answer an edit: the swapped form (htmx), or the page again at the same text."""
    if getattr(request, "htmx", False):
        fresh = find_node(ws, node.code)
        may_edit = ws.member.may("plan.edit", fresh.department)
        items = [i for _k, group in _items(fresh, _pending(ws, node.code), may_edit) for i in group]
        item = next(
            i
            for i in items
            if (i.section, i.position, i.language) == (ref.section, ref.position, ref.language)
        )
        return render(request, "staff/_text.html", {"ws": ws, "item": item, "status": note})
    messages.success(request, note)
    anchor = f"t-{ref.section or 'title'}-{ref.position}-{ref.language}"
    return redirect(f"{_node_url(ws, node.code)}#{anchor}")


def _node_url(ws: Workspace, node_code: str) -> str:
    """Return the editing page of a node."""
    return reverse("staff:node-texts", kwargs={"code": ws.code, "slug": ws.slug, "node": node_code})


@require_POST
@plan_page
def discard(request: HttpRequest, ws: Workspace, node: str) -> HttpResponse:
    """Drop the draft of one text."""
    found = find_node(ws, node)
    form = TextForm(request.POST)
    if not form.is_valid():
        return redirect(_node_url(ws, found.code))
    ref = _ref(form, found)
    editing.discard_draft(actor=ws.member.actor, municipality_code=ws.code, slug=ws.slug, ref=ref)
    return _after(request, ws, found, ref, _("Draft discarded; the published text is unchanged."))


@dataclass(frozen=True)
class DraftRow:
    """A draft on the drafts page: where it is, the change, and whether it can be published."""

    draft: DraftInfo
    node_title: str
    diff: SafeString
    edit_url: str

    @property
    def label(self) -> str:
        """Return the draft's name in the publish form (as the audit trail names it)."""
        d = self.draft
        return review.draft_label(d.node_code, d.section, d.position, d.language)

    @property
    def reviewed(self) -> str:
        """Return the one-draft publish form's record of this draft's version."""
        return reviewed_field([self.draft])


@plan_page
def draft_list(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """List every draft of the plan with its change; the planning office publishes them."""
    require(ws.member.actor, "plan.read_drafts", ws.code, ws.member.department)
    nodes = flatten(load_nodes(ws.plan.id))
    rows = [
        DraftRow(
            d,
            display.shown(nodes[d.node_code].title, nodes[d.node_code].title_en)
            if d.node_code in nodes
            else "",
            diff_html(d.base, d.text),
            f"{_node_url(ws, d.node_code)}#t-{d.section or 'title'}-{d.position}-{d.language}",
        )
        for d in readable_drafts(ws, nodes)
    ]
    context = {
        "ws": ws,
        "rows": rows,
        "may_publish": ws.member.may("plan.publish"),
        "reviewed": reviewed_field([r.draft for r in rows]),
    }
    return render(request, "staff/drafts.html", context)


def reviewed_field(shown: list[DraftInfo]) -> str:
    """Return the publish form's record of the drafts shown: label → version, as JSON."""
    versions = {
        review.draft_label(d.node_code, d.section, d.position, d.language): review.draft_version(
            d.base, d.text
        )
        for d in shown
    }
    return json.dumps(versions, ensure_ascii=False, sort_keys=True)


def _reviewed(request: HttpRequest) -> dict[str, str]:
    """Return the versions the publish form carried (none when it carried nothing readable)."""
    try:
        found = json.loads(request.POST.get("reviewed", ""))
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items()}


@dataclass(frozen=True)
class ChangedRow:
    """A draft that changed after the drafts page was opened, as the refusal shows it."""

    change: review.ChangedDraft
    diff: SafeString


def _changed_page(
    request: HttpRequest, ws: Workspace, changed: list[review.ChangedDraft]
) -> HttpResponse:
    """Answer a refused publication: 409, which drafts changed and how (nothing published)."""
    rows = [
        ChangedRow(c, diff_html(c.base if c.reviewed is None else c.reviewed, c.current or ""))
        for c in changed
    ]
    context = {"ws": ws, "rows": rows}
    return render(request, "staff/drafts_changed.html", context, status=409)


@require_POST
@plan_page
def publish(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Publish every draft (or the one named by ``only``), or nothing when one conflicts or is
    not the one reviewed."""
    try:
        count = editing.publish_drafts(
            actor=ws.member.actor,
            municipality_code=ws.code,
            slug=ws.slug,
            reviewed=_reviewed(request),
            only=request.POST.get("only") or None,
        )
    except review.DraftsChanged as changed:
        return _changed_page(request, ws, changed.changed)
    except editing.DraftConflict as conflict:
        messages.error(
            request,
            _("Nothing was published: a text changed after its draft was started (%(detail)s).")
            % {"detail": conflict},
        )
    else:
        messages.success(request, _("%(count)s texts were published.") % {"count": count})
    return redirect(reverse("staff:drafts", kwargs={"code": ws.code, "slug": ws.slug}))
