"""Template tags of the progress summaries and the home page's notices.

The summaries' rows are written in Python (:mod:`shisaku.public.sections`): a template loop
resolved each of their cells by name, several microseconds each.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from shisaku.plan.queries import PlanInfo
from shisaku.public import sections
from shisaku.public.overview import Notice
from shisaku.public.progress import Progress

register = template.Library()


@register.simple_tag
def get_notice(notices: dict[int, Notice], plan: PlanInfo) -> Notice | None:
    """Return the notice of a plan without indicators, or None."""
    return notices.get(plan.id)


@register.simple_tag
def progress_count_rows(progress: Progress) -> SafeString:
    """Return the rows of the grade counts."""
    return sections.progress_count_rows(progress)


@register.simple_tag
def progress_status_items(progress: Progress) -> SafeString:
    """Return the items of the count of measures by status."""
    return sections.progress_status_items(progress)


@register.simple_tag
def progress_measure_rows(progress: Progress) -> SafeString:
    """Return the rows of the measures with their status."""
    return sections.progress_measure_rows(progress)
