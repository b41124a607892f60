"""Response schemas of municipalities, plans and plan nodes.

``url`` is always the public page (Japanese) and ``api_url`` the API resource.
"""

from __future__ import annotations

from pydantic import Field

from shisaku.api.pagination import Page
from shisaku.api.strict import OutSchema


class PeriodOut(OutSchema):
    """The fiscal years a plan covers."""

    start: int
    end: int


class PlanSummary(OutSchema):
    """A plan as listed under its municipality."""

    slug: str = Field(description="計画の識別子（例: 2024-2028） / Plan identifier")
    title: str
    title_en: str
    period: PeriodOut
    status: str = Field(description="published（公開）のみ / Always published here")
    version: int
    url: str | None = Field(description="公開ページ / Public page")
    api_url: str


class MunicipalityOut(OutSchema):
    """A municipality (全国地方公共団体コード) and its published plans, newest first."""

    code: str = Field(description="全国地方公共団体コード（6桁） / 6-digit local government code")
    name: str
    name_en: str
    current_plan: str | None = Field(description="現行計画の slug / Slug of the current plan")
    plans: list[PlanSummary]
    url: str | None
    api_url: str


class MunicipalityRef(OutSchema):
    """The municipality a plan belongs to."""

    code: str
    name: str
    name_en: str


class GradeBand(OutSchema):
    """A grade and the lowest score that earns it (null: every lower score)."""

    min: float | None
    grade: str


class GradeScaleOut(OutSchema):
    """A grade scale: bands highest first, the grade of what cannot be graded, labels."""

    name: str
    bands: list[GradeBand]
    missing: str
    labels: dict[str, str]
    on_track: list[str] = Field(description="順調とみなす評価 / Grades counted as on track")


class AssessmentConfigOut(OutSchema):
    """How the plan grades its indicators (docs/assessment.md)."""

    preset: str = Field(description="既定の設定名（独自設定は空） / Preset name, empty if custom")
    method: str
    params: dict[str, float]
    scale: GradeScaleOut


class PlanLinks(OutSchema):
    """The API resources of a plan."""

    nodes: str
    indicators: str
    assessments: str


class PlanOut(OutSchema):
    """A plan's metadata and the way it grades its indicators."""

    municipality: MunicipalityRef
    slug: str
    title: str
    title_en: str
    period: PeriodOut
    status: str
    version: int
    assessment: AssessmentConfigOut
    url: str | None
    api_url: str
    links: PlanLinks


class NodeSummary(OutSchema):
    """A node of the plan tree (field → policy → measure → initiative → action)."""

    code: str = Field(description="計画内の番号（例: 2-1-1） / Code within the plan")
    kind: str
    title: str
    title_en: str
    title_known: bool = Field(description="見出しが原文にあるか / Whether the source names it")
    parent_code: str | None
    depth: int = Field(description="根からの深さ（0 から） / Depth from the root (0)")
    url: str | None = Field(description="公開ページ / Public page showing the node")
    api_url: str


class FootnoteOut(OutSchema):
    """A ※ note explaining a term."""

    term: str
    text: str
    text_en: str


class BlockOut(OutSchema):
    """A sub-heading, paragraph, bullet or tab-separated table row, as published."""

    kind: str
    text: str
    text_en: str
    footnotes: list[FootnoteOut]


class SectionOut(OutSchema):
    """A named part of a node's narrative and whether the source holds its content."""

    key: str
    title: str = Field(description="見出し（日本語） / Japanese heading")
    state: str = Field(description="present / missing（原文で欠落） / empty（行なし）")
    columns: list[str]
    blocks: list[BlockOut]


class NodeOut(NodeSummary):
    """A node with its narrative, its footnotes, its children and its indicators."""

    sections: list[SectionOut]
    footnotes: list[FootnoteOut]
    children: list[str] = Field(description="子ノードの番号 / Codes of the child nodes")
    indicators: list[str] = Field(description="このノードの指標の番号 / Codes of its indicators")


class MunicipalityPage(Page[MunicipalityOut]):
    """A page of municipalities."""


class PlanPage(Page[PlanSummary]):
    """A page of a municipality's published plans."""


class NodePage(Page[NodeSummary]):
    """A page of a plan's nodes in document order (parents before children)."""
