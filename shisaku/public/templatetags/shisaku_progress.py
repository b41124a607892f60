"""Template tags of the progress summaries and the home page's notices."""

from __future__ import annotations

from django import template

from shisaku.plan.queries import PlanInfo
from shisaku.public.overview import Notice

register = template.Library()


@register.simple_tag
def get_notice(notices: dict[int, Notice], plan: PlanInfo) -> Notice | None:
    """Return the notice of a plan without indicators, or None."""
    return notices.get(plan.id)
