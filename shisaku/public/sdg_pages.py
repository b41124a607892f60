"""The SDG pages of a plan: the 17 goals with how many measures serve each
(``…/<plan>/sdgs/``), and one page per goal listing its measures with their status
(``…/<plan>/sdgs/<goal>/``), with their JSON twins.

Goals are drawn as numbered colour tiles (inline SVG with presentation attributes, so the
content security policy's ``style-src 'self'`` holds); the UN's icons are not used. The text
colour of a tile is the one of black and white that contrasts more with the goal's colour
(:attr:`shisaku.domain.sdgs.Goal.text_colour`, at least 4.5:1 for every goal). The status of a
measure is the one the measure list shows (:mod:`shisaku.domain.measure_status`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from shisaku.domain.measure_status import STATUSES
from shisaku.domain.plantree import Node
from shisaku.domain.sdgs import Goal, GoalRef, goals, sources
from shisaku.evaluation.reads import Reads, for_request
from shisaku.plan.queries import PlanInfo
from shisaku.public import links, params, places, progress
from shisaku.public.documents import Crumb, crumbs, plan_to_dict
from shisaku.public.progress import STATUS_LABELS, MeasureRow
from shisaku.public.renderers import Page

TILE = (
    '<svg class="sdg-tile" width="{size}" height="{size}" viewBox="0 0 48 48" '
    'aria-hidden="true" focusable="false">'
    '<rect width="48" height="48" rx="4" fill="{colour}"/>'
    '<text x="24" y="32" text-anchor="middle" font-size="22" font-weight="700" '
    'font-family="sans-serif" fill="{text}">{number}</text></svg>'
)


def tile(goal: Goal, size: int = 48) -> SafeString:
    """Return the goal's numbered colour tile (decorative: its name is given beside it)."""
    return format_html(
        TILE, size=size, colour=goal.colour, text=goal.text_colour, number=goal.number
    )


def language() -> str:
    """Return the active language, ``ja`` or ``en``."""
    return "en" if (get_language() or "ja").startswith("en") else "ja"


@dataclass(frozen=True)
class GoalEntry:
    """A goal as a plan's SDG pages show it."""

    goal: Goal
    measures: int
    url: str

    @property
    def tile(self) -> SafeString:
        """Return the goal's tile."""
        return tile(self.goal)

    @property
    def name(self) -> str:
        """Return the goal's name in the active language."""
        return self.goal.name(language())

    @property
    def heading(self) -> str:
        """Return "Goal 4: Quality Education" in the active language."""
        return gettext("Goal %(number)s: %(name)s") % {
            "number": self.goal.number,
            "name": self.name,
        }

    @property
    def count_text(self) -> str:
        """Return how many measures serve the goal, as a phrase."""
        return gettext("Measures: %(n)s") % {"n": self.measures}


@dataclass(frozen=True)
class GoalMeasure:
    """A measure serving a goal: its status row and the targets named (empty: the goal)."""

    row: MeasureRow
    targets: list[str]


def goal_url(plan: PlanInfo, number: int) -> str:
    """Return the page of one goal in a plan."""
    kwargs = {"code": plan.municipality_code, "slug": plan.meta.slug, "goal": str(number)}
    return links.reverse("public:sdg-goal", kwargs=kwargs)


def goals_url(plan: PlanInfo) -> str:
    """Return the page of a plan's 17 goals."""
    kwargs = {"code": plan.municipality_code, "slug": plan.meta.slug}
    return links.reverse("public:sdgs", kwargs=kwargs)


def goals_crumb(plan: PlanInfo) -> Crumb:
    """Return the breadcrumb of a plan's SDG page."""
    return Crumb("sdgs", "SDGs", "SDGs", goals_url(plan))


def goal_entries(reads: Reads, plan: PlanInfo) -> list[GoalEntry]:
    """Return the 17 goals with how many of the plan's measures serve each."""
    served: dict[int, set[str]] = {}
    for code, x in reads.sdg_links(plan).items():
        for ref in x.refs:
            served.setdefault(ref.goal, set()).add(code)
    return [GoalEntry(g, len(served.get(n, ())), goal_url(plan, n)) for n, g in goals().items()]


def _goal(number: int) -> Goal:
    """Return goal ``number``, or a 404 naming what exists."""
    found = goals().get(number)
    if found is None:
        raise Http404(f"SDG goal {number} does not exist (1–17)")
    return found


def _targets(refs: tuple[GoalRef, ...], number: int) -> list[str]:
    """Return the targets of goal ``number`` named among ``refs``."""
    return [r.label for r in refs if r.goal == number and r.target]


def goal_measures(
    request: HttpRequest, code: str, slug: str, number: int
) -> tuple[PlanInfo, list[GoalMeasure]]:
    """Return the plan and the measures that serve goal ``number``, in plan order, with their
    status in the year asked for (only theirs worked out, not every measure's)."""
    year = params.assessed_year(request)
    reads = for_request(request)
    info = reads.plan(code, slug)
    done = reads.assessment(info, year)
    refs = {c: x.refs for c, x in reads.sdg_links(info).items()}
    serving = [
        m
        for m in _measures(reads.nodes(info))
        if any(r.goal == number for r in refs.get(m.code, ()))
    ]
    rows = progress.measure_rows(reads, info, done, serving)
    return info, [GoalMeasure(row, _targets(refs[row.node.code], number)) for row in rows]


def _measures(nodes: list[Node]) -> list[Node]:
    """Return the measures of a tree, in plan order (not those inside a measure, which count
    as part of it, as the lists of measures show them)."""
    out: list[Node] = []
    for n in nodes:
        out.extend([n] if n.kind == "measure" else _measures(n.children))
    return out


def status_counts(measures: list[GoalMeasure]) -> list[tuple[str, str, int]]:
    """Return (status, label, count) for each status, in order, counting the goal's measures."""
    return [
        (s, str(STATUS_LABELS[s]), sum(1 for m in measures if m.row.status == s)) for s in STATUSES
    ]


def sdgs(request: HttpRequest, here: places.Plan) -> HttpResponse:
    """Show the 17 goals as tiles, with how many of the plan's measures serve each."""
    reads, plan = here.reads, here.plan
    context = {
        "plan": plan,
        "entries": goal_entries(reads, plan),
        "sources": sources(),
        "crumbs": [*crumbs(plan, []), goals_crumb(plan)],
        "page_url": goals_url(plan),
    }
    return render(request, "public/sdgs.html", context)


@dataclass(frozen=True)
class GoalPage:
    """One goal, the plan graded, and the plan's measures that serve the goal."""

    goal: Goal
    plan: PlanInfo
    measures: list[GoalMeasure]


def goal_page(request: HttpRequest, code: str, slug: str, goal: int) -> GoalPage:
    """Return a goal's page of a plan, or raise (404, NotFound, BadParameter)."""
    found = _goal(goal)
    return GoalPage(found, *goal_measures(request, code, slug, goal))


def goal(request: HttpRequest, here: GoalPage) -> HttpResponse:
    """Show one goal: the measures of the plan that serve it, with their status."""
    found, plan, measures, goal = here.goal, here.plan, here.measures, here.goal.number
    trail = Crumb(str(goal), found.name_ja, found.name_en, goal_url(plan, goal))
    context = {
        "plan": plan,
        "entry": GoalEntry(found, len(measures), goal_url(plan, goal)),
        "measures": measures,
        "statuses": status_counts(measures),
        "caption": gettext("Measures serving this goal: %(n)s") % {"n": len(measures)},
        "sources": sources(),
        "goals_url": goals_url(plan),
        "crumbs": [*crumbs(plan, []), goals_crumb(plan), trail],
        "page_url": goal_url(plan, goal),
    }
    return render(request, "public/sdg_goal.html", context)


def goal_to_dict(g: Goal) -> dict[str, Any]:
    """Return a goal as JSON."""
    return {"number": g.number, "name": g.name_ja, "name_en": g.name_en, "colour": g.colour}


def goal_json(request: HttpRequest, here: GoalPage) -> dict[str, Any]:
    """Return one goal and the plan's measures serving it, with their status, as JSON."""
    found, plan, measures = here.goal, here.plan, here.measures
    return {
        "schema": "shisaku.sdg-goal/1",
        "plan": plan_to_dict(plan),
        "goal": goal_to_dict(found),
        "sources": sources(),
        "measures": [
            {
                "code": m.row.node.code,
                "title": m.row.node.title,
                "title_en": m.row.node.title_en,
                "status": m.row.status,
                "targets": m.targets,
                "url": request.build_absolute_uri(m.row.url),
            }
            for m in measures
        ],
    }


GOALS = Page(places.plan_of, html=sdgs)
GOAL = Page(goal_page, goal, goal_json)
