"""Which SDG goals (and targets) each measure serves: reads, and writes with permission and audit.

A link is stored per plan and measure code (:class:`~shisaku.plan.models.MeasureGoal`). The
planning office or the measure's own department sets a measure's goals in the workspace; a plan
exchange file with an ``sdgs`` list replaces the plan's links as a whole (docs/plan-json.md).
"""

from __future__ import annotations

from django.db import transaction

from shisaku.accounts.permissions import require
from shisaku.audit.services import record
from shisaku.domain.actors import Actor
from shisaku.domain.sdgs import GoalRef, MeasureLinks, sort_key
from shisaku.plan import queries
from shisaku.plan.models import MeasureGoal, Plan, PlanNode
from shisaku.plan.sdg_reads import plan_links

MEASURE = PlanNode.Kind.MEASURE


class NotAMeasure(ValueError):
    """Goals are linked to measures (施策) only."""


def _measure(plan: Plan, node_code: str) -> PlanNode:
    """Return the measure of the plan with this code, or refuse."""
    node = PlanNode.objects.filter(plan=plan, code=node_code).first()
    if node is None:
        raise queries.NotFound(f"node {node_code} does not exist in {plan.slug}")
    if node.kind != MEASURE:
        raise NotAMeasure(
            f"{node_code} は{node.get_kind_display()}です。SDGsのゴールは施策（measure）に付けます"
        )
    return node


def set_measure_goals(
    *,
    actor: Actor,
    municipality_code: str,
    slug: str,
    node_code: str,
    refs: list[GoalRef],
    source: str = "",
) -> bool:
    """Set the goals of one measure (planning office or its department); return if changed."""
    plan = Plan.objects.get(municipality__code=municipality_code, slug=slug)
    node = _measure(plan, node_code)
    require(actor, "plan.edit", municipality_code, node.department)
    before = plan_links(plan.id).get(node_code, MeasureLinks(node_code, ()))
    after = MeasureLinks(node_code, tuple(sorted(set(refs), key=sort_key)), source)
    if before == after:
        return False
    with transaction.atomic():
        _write(plan, [after])
        record(
            actor=actor,
            action="node.sdgs",
            object_type="node",
            object_id=f"{municipality_code}/{slug}/{node_code}",
            municipality_code=municipality_code,
            before=before.to_dict(),
            after=after.to_dict(),
        )
    return True


def _write(plan: Plan, links: list[MeasureLinks]) -> None:
    """Replace the stored links of the given measures."""
    MeasureGoal.objects.filter(plan=plan, node_code__in=[x.node for x in links]).delete()
    MeasureGoal.objects.bulk_create(
        MeasureGoal(plan=plan, node_code=x.node, goal=r.goal, target=r.target, source=x.source)
        for x in links
        for r in x.refs
    )


def check_links(links: list[MeasureLinks], measures: set[str], where: str = "sdgs") -> None:
    """Refuse links to codes that are not measures of the plan being imported."""
    for i, x in enumerate(links):
        if x.node not in measures:
            known = "、".join(sorted(measures)[:5]) + ("…" if len(measures) > 5 else "")
            raise NotAMeasure(
                f"{where}[{i}].node: 「{x.node}」はこの計画の施策のコードではありません"
                f"（施策のコード: {known or 'なし'}）"
            )


def replace_plan_links(plan: Plan, links: list[MeasureLinks]) -> None:
    """Replace all of a plan's links (an import of an exchange file with an ``sdgs`` list)."""
    MeasureGoal.objects.filter(plan=plan).delete()
    _write(plan, links)


def import_links(*, actor: Actor, plan: Plan, links: list[MeasureLinks]) -> bool:
    """Replace a plan's links with an exchange file's, audited; return whether they changed."""
    before = sorted(plan_links(plan.id).values(), key=lambda x: x.node)
    after = sorted((x for x in links if x.refs), key=lambda x: x.node)
    if before == after:
        return False
    replace_plan_links(plan, after)
    record(
        actor=actor,
        action="plan.sdgs",
        object_type="plan",
        object_id=f"{plan.municipality.code}/{plan.slug}",
        municipality_code=plan.municipality.code,
        before={"sdgs": [x.to_dict() for x in before]},
        after={"sdgs": [x.to_dict() for x in after]},
    )
    return True
