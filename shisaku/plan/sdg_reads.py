"""Reads of the SDG links of a plan (no writes; :mod:`shisaku.plan.sdgs` writes them)."""

from __future__ import annotations

from collections import defaultdict

from shisaku.domain.sdgs import GoalRef, MeasureLinks, sort_key
from shisaku.plan.models import MeasureGoal


def plan_links(plan_id: int) -> dict[str, MeasureLinks]:
    """Return every measure's links in a plan, by measure code."""
    found: dict[str, list[GoalRef]] = defaultdict(list)
    sources: dict[str, str] = {}
    for row in MeasureGoal.objects.filter(plan_id=plan_id):
        found[row.node_code].append(GoalRef(row.goal, row.target))
        sources[row.node_code] = sources.get(row.node_code) or row.source
    return {
        code: MeasureLinks(code, tuple(sorted(refs, key=sort_key)), sources[code])
        for code, refs in found.items()
    }


def goal_measure_codes(plan_id: int, goal: int) -> list[str]:
    """Return the codes of the measures that serve ``goal`` (any of its targets), once each."""
    rows = MeasureGoal.objects.filter(plan_id=plan_id, goal=goal)
    return sorted(set(rows.values_list("node_code", flat=True)))


def goal_counts(plan_id: int) -> dict[int, int]:
    """Return how many measures serve each goal that has any."""
    pairs = set(MeasureGoal.objects.filter(plan_id=plan_id).values_list("goal", "node_code"))
    counts: dict[int, int] = defaultdict(int)
    for goal, _code in pairs:
        counts[goal] += 1
    return dict(sorted(counts.items()))
