"""Template tags of the SDG goal tiles shown on a measure's page."""

from __future__ import annotations

from django import template

from shisaku.domain.plantree import Node
from shisaku.domain.sdgs import goals
from shisaku.plan.queries import PlanInfo
from shisaku.plan.sdg_reads import plan_links
from shisaku.public.sdg_pages import GoalEntry, goal_url

register = template.Library()


@register.simple_tag
def measure_goals(plan: PlanInfo, node: Node) -> list[GoalEntry]:
    """Return the goals a measure serves (none for other nodes), each linking to its page."""
    links = plan_links(plan.id).get(node.code) if node.kind == "measure" else None
    numbers = sorted({r.goal for r in links.refs}) if links else []
    return [GoalEntry(goals()[n], 1, goal_url(plan, n)) for n in numbers]
