"""Build the municipality, plan and node responses from what the plan queries return."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shisaku.api.links import api_url, page_url, plan_kwargs
from shisaku.api.plan_schemas import (
    AssessmentConfigOut,
    BlockOut,
    FootnoteOut,
    MunicipalityOut,
    MunicipalityRef,
    NodeOut,
    NodeSummary,
    PeriodOut,
    PlanLinks,
    PlanOut,
    PlanSummary,
    SectionOut,
)
from shisaku.domain.assessment import config_from_setting
from shisaku.domain.plantree import SECTION_TITLES_JA, Block, Footnote, Node, Section
from shisaku.plan.queries import MunicipalityInfo, PlanInfo


@dataclass(frozen=True)
class Placed:
    """A node with its parent's code and its depth in the tree."""

    node: Node
    parent_code: str | None
    depth: int


def flatten(nodes: list[Node], parent: str | None = None, depth: int = 0) -> Iterator[Placed]:
    """Yield every node in document order (parents before children) with its place."""
    for node in nodes:
        yield Placed(node, parent, depth)
        yield from flatten(node.children, node.code, depth + 1)


def _period(plan: PlanInfo) -> PeriodOut:
    """Return the years a plan covers."""
    return PeriodOut(start=plan.meta.period_start, end=plan.meta.period_end)


def plan_summary(plan: PlanInfo) -> PlanSummary:
    """Return a plan as listed under its municipality."""
    m = plan.meta
    return PlanSummary(
        slug=m.slug,
        title=m.title,
        title_en=m.title_en,
        period=_period(plan),
        status=m.status,
        version=m.version,
        url=page_url("plan", code=plan.municipality_code, slug=m.slug),
        api_url=api_url("plan", **plan_kwargs(plan.municipality_code, m.slug)),
    )


def _newest_first(plans: list[PlanInfo]) -> list[PlanInfo]:
    """Return plans newest first (the current plan is the first)."""
    return sorted(plans, key=lambda p: (p.meta.period_start, p.id), reverse=True)


def municipality_out(town: MunicipalityInfo) -> MunicipalityOut:
    """Return a municipality with its plans, newest first."""
    plans = _newest_first(town.plans)
    return MunicipalityOut(
        code=town.code,
        name=town.name_ja,
        name_en=town.name_en,
        current_plan=plans[0].meta.slug if plans else None,
        plans=[plan_summary(p) for p in plans],
        url=page_url("municipality", code=town.code),
        api_url=api_url("municipality", code=town.code),
    )


def assessment_config(plan: PlanInfo) -> AssessmentConfigOut:
    """Return the plan's grading method and scale (its preset resolved)."""
    config, preset = config_from_setting(plan.meta.assessment)
    return AssessmentConfigOut.model_validate({"preset": preset, **config.to_dict()})


def plan_out(plan: PlanInfo) -> PlanOut:
    """Return a plan's metadata, its grading configuration and its resources."""
    summary = plan_summary(plan)
    kwargs = plan_kwargs(plan.municipality_code, plan.meta.slug)
    return PlanOut(
        municipality=MunicipalityRef(
            code=plan.municipality_code,
            name=plan.municipality_name_ja,
            name_en=plan.municipality_name_en,
        ),
        **summary.model_dump(include={"slug", "title", "title_en", "status", "version", "url"}),
        period=summary.period,
        assessment=assessment_config(plan),
        api_url=summary.api_url,
        links=PlanLinks(
            nodes=api_url("nodes", **kwargs),
            indicators=api_url("indicators", **kwargs),
            assessments=api_url("assessments", **kwargs),
        ),
    )


def node_summary(plan: PlanInfo, placed: Placed) -> NodeSummary:
    """Return a node as listed in its plan."""
    node = placed.node
    code, slug = plan.municipality_code, plan.meta.slug
    return NodeSummary(
        code=node.code,
        kind=node.kind,
        title=node.title,
        title_en=node.title_en,
        title_known=node.title_known,
        parent_code=placed.parent_code,
        depth=placed.depth,
        url=page_url("node", code=code, slug=slug, node_code=node.code),
        api_url=api_url("node", **plan_kwargs(code, slug, node_code=node.code)),
    )


def _footnotes(notes: list[Footnote]) -> list[FootnoteOut]:
    """Return footnotes as published."""
    return [FootnoteOut(term=n.term, text=n.text, text_en=n.text_en) for n in notes]


def _block(block: Block) -> BlockOut:
    """Return one block of text."""
    notes = _footnotes(block.footnotes)
    return BlockOut(kind=block.kind, text=block.text, text_en=block.text_en, footnotes=notes)


def _section(section: Section) -> SectionOut:
    """Return one section with its blocks."""
    return SectionOut(
        key=section.key,
        title=SECTION_TITLES_JA.get(section.key, section.key),
        state=section.state,
        columns=list(section.columns),
        blocks=[_block(b) for b in section.blocks],
    )


def node_out(plan: PlanInfo, placed: Placed, indicator_codes: list[str]) -> NodeOut:
    """Return a node with its narrative, footnotes, children and indicators."""
    node = placed.node
    return NodeOut(
        **node_summary(plan, placed).model_dump(),
        sections=[_section(s) for s in node.sections],
        footnotes=_footnotes(node.footnotes),
        children=[c.code for c in node.children],
        indicators=indicator_codes,
    )
