"""The SDG goals (and targets) of each measure, set by the planning office or its department.

One page lists the plan's measures with their goals; a member who may edit a measure (the
planning office, or the measure's own department) types its goals (``3, 4, 4.1``) and where
they are stated. A refusal names what was typed and what would be accepted; nothing is saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shisaku.domain.sdgs import SOURCE_LENGTH, BadGoalRef, goals, parse_refs
from shisaku.plan.queries import load_nodes
from shisaku.plan.sdg_reads import plan_links
from shisaku.plan.sdgs import NotAMeasure, set_measure_goals
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.views_text import flatten


@plan_page
def sdgs(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """List the measures with their goals; save one measure's goals (POST)."""
    if request.method == "POST":
        return _save(request, ws)
    return _page(request, ws)


def _page(
    request: HttpRequest, ws: Workspace, typed: dict[str, str] | None = None, status: int = 200
) -> HttpResponse:
    """Render the page; ``typed`` (a refused POST) keeps what was typed in its measure's row."""
    links = plan_links(ws.plan.id)
    rows = []
    for n in flatten(load_nodes(ws.plan.id)).values():
        if n.kind != "measure":
            continue
        found = links.get(n.code)
        row = {
            "node": n,
            "goals": ", ".join(r.label for r in found.refs) if found else "",
            "source": found.source if found else "",
            "may_edit": ws.member.may("plan.edit", n.department),
        }
        if typed and typed["node"] == n.code:
            row |= {"goals": typed["goals"], "source": typed["source"], "refused": True}
        rows.append(row)
    language = get_language() or "ja"
    named = [(g.number, g.name(language)) for g in goals().values()]
    context = {"ws": ws, "rows": rows, "goals": named, "source_length": SOURCE_LENGTH}
    return render(request, "staff/sdgs.html", context, status=status)


def _save(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Save the goals typed for one measure; a refusal shows the page again with what was typed."""
    typed = {k: request.POST.get(k, "") for k in ("node", "goals", "source")}
    node = typed["node"]
    url = reverse("staff:sdgs", kwargs={"code": ws.code, "slug": ws.slug}) + f"#m-{node}"
    try:
        refs = parse_refs(typed["goals"].replace("、", ",").split(","), node)
        changed = set_measure_goals(
            actor=ws.member.actor,
            municipality_code=ws.code,
            slug=ws.slug,
            node_code=node,
            refs=refs,
            source=typed["source"].strip()[:SOURCE_LENGTH],
        )
    except (BadGoalRef, NotAMeasure) as error:
        messages.error(request, _("Not saved: %(error)s") % {"error": error})
        return _page(request, ws, typed, status=400)
    if changed:
        messages.success(request, _("The SDG goals of %(node)s were saved.") % {"node": node})
    return redirect(url)
