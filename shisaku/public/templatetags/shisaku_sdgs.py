"""Template tags of the SDG goal tiles shown on a measure's page."""

from __future__ import annotations

from django import template
from django.template import Context

from shisaku.domain.plantree import Node
from shisaku.domain.sdgs import goals
from shisaku.evaluation.reads import for_request
from shisaku.plan.queries import PlanInfo
from shisaku.public.sdg_pages import GoalEntry, goal_url

register = template.Library()


@register.simple_tag(takes_context=True)
def measure_goals(context: Context, plan: PlanInfo, node: Node) -> list[GoalEntry]:
    """Return the goals a measure serves (none for other nodes), each linking to its page."""
    if node.kind != "measure":
        return []
    links = for_request(context["request"]).sdg_links(plan).get(node.code)
    numbers = sorted({r.goal for r in links.refs}) if links else []
    return [GoalEntry(goals()[n], 1, goal_url(plan, n)) for n in numbers]
