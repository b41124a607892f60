"""Template tags of the SDG goal tiles shown on a measure's page."""

from __future__ import annotations

from functools import cache

from django import template
from django.template import Context
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.domain.plantree import Node
from shisaku.domain.sdgs import goals
from shisaku.evaluation.reads import for_request
from shisaku.plan.queries import PlanInfo
from shisaku.public.markup import markup
from shisaku.public.sdg_pages import GoalEntry, goal_url
from shisaku.settled import language

register = template.Library()


@register.simple_tag(takes_context=True)
def measure_goals(context: Context, plan: PlanInfo, node: Node) -> list[GoalEntry]:
    """Return the goals a measure serves (none for other nodes), each linking to its page."""
    if node.kind != "measure":
        return []
    links = for_request(context["request"]).sdg_links(plan).get(node.code)
    numbers = sorted({r.goal for r in links.refs}) if links else []
    return [GoalEntry(goals()[n], 1, goal_url(plan, n)) for n in numbers]


@register.simple_tag(takes_context=True)
def measure_goal_tiles(context: Context, plan: PlanInfo, node: Node) -> SafeString:
    """Return the section of the goals a measure serves, their tiles linked (nothing for other
    nodes or a measure serving none): written here, not by a template loop."""
    served = measure_goals(context, plan, node)
    if not served:
        return SafeString("")
    items = "".join(
        f'\n    <li><a href="{markup(e.url)}">{markup(e.tile)}<span class="sdg-name">'
        f"{markup(e.heading)}</span></a></li>"
        for e in served
    )
    return SafeString(
        '<section class="sdg-served" aria-labelledby="h-sdgs">\n'
        f'  <h2 id="h-sdgs">{_heading(language())}</h2>\n'
        f'  <ul class="sdg-list">{items}\n  </ul>\n</section>'
    )


@cache
def _heading(language: str | None) -> str:
    """Return the heading of a measure's goals in ``language`` (the active one)."""
    return gettext("SDGs this measure serves")
