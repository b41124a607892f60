"""Response schemas of municipalities, plans and plan nodes.

``url`` is always the public page (Japanese) and ``api_url`` the API resource.
"""

from __future__ import annotations

from pydantic import Field

from shisaku.api.pagination import Page
from shisaku.api.strict import OutSchema


class PeriodOut(OutSchema):
    """計画期間 / The fiscal years a plan covers."""

    start: int = Field(description="最初の年度 / First fiscal year")
    end: int = Field(description="最後の年度 / Last fiscal year")


class PlanSummary(OutSchema):
    """計画の概要 / A plan as listed under its municipality."""

    slug: str = Field(description="計画の識別子（例: 2024-2028） / Plan identifier")
    title: str
    title_en: str
    period: PeriodOut = Field(description="計画期間 / Fiscal years covered")
    status: str = Field(description="published（公開）のみ / Always published here")
    version: int
    url: str | None = Field(description="公開ページ / Public page")
    api_url: str


class MunicipalityOut(OutSchema):
    """団体とその公開中の計画 / A municipality (全国地方公共団体コード) and its published plans,
    newest first."""

    code: str = Field(description="全国地方公共団体コード（6桁） / 6-digit local government code")
    name: str
    name_en: str
    current_plan: str | None = Field(description="現行計画の slug / Slug of the current plan")
    plans: list[PlanSummary] = Field(
        description="公開中の計画（新しい順） / Published plans, newest first"
    )
    url: str | None
    api_url: str


class MunicipalityRef(OutSchema):
    """計画の団体 / The municipality a plan belongs to."""

    code: str = Field(description="全国地方公共団体コード（6桁） / 6-digit local government code")
    name: str
    name_en: str


class GradeBand(OutSchema):
    """評価の区分 / A grade and the lowest score that earns it (null: every lower score)."""

    min: float | None = Field(
        description="その評価になる最低の値（null: それ未満すべて） / "
        "Lowest score earning it (null: every lower score)"
    )
    grade: str


class GradeScaleOut(OutSchema):
    """評価の尺度 / A grade scale: bands highest first, the grade of what cannot be graded,
    labels."""

    name: str = Field(description="尺度の名前 / Name of the scale")
    bands: list[GradeBand] = Field(description="評価の区分（高い順） / Bands, highest first")
    missing: str = Field(description="評価できないときの評価 / Grade when it cannot be graded")
    labels: dict[str, str] = Field(description="評価ごとの説明 / Label of each grade")
    on_track: list[str] = Field(description="順調とみなす評価 / Grades counted as on track")


class AssessmentConfigOut(OutSchema):
    """計画の評価方法 / How the plan grades its indicators (docs/assessment.md)."""

    preset: str = Field(description="既定の設定名（独自設定は空） / Preset name, empty if custom")
    method: str = Field(description="評価方法（例: ratio_to_target） / Method")
    params: dict[str, float] = Field(
        description="評価方法のパラメーター / Parameters of the method"
    )
    scale: GradeScaleOut = Field(description="評価の尺度 / Grade scale")


class PlanLinks(OutSchema):
    """計画の API の資源 / The API resources of a plan."""

    nodes: str = Field(description="ノードの一覧 / The plan's nodes")
    indicators: str = Field(description="指標の一覧 / The plan's indicators")
    assessments: str = Field(description="評価の一覧 / The plan's assessments")


class PlanOut(OutSchema):
    """計画 / A plan's metadata and the way it grades its indicators."""

    municipality: MunicipalityRef = Field(description="計画の団体 / The plan's municipality")
    slug: str = Field(description="計画の識別子（例: 2024-2028） / Plan identifier")
    title: str
    title_en: str
    period: PeriodOut = Field(description="計画期間 / Fiscal years covered")
    status: str = Field(description="published（公開）のみ / Always published here")
    version: int
    assessment: AssessmentConfigOut = Field(description="評価方法 / How the plan grades")
    url: str | None
    api_url: str
    links: PlanLinks = Field(description="計画の API の資源 / The plan's API resources")


class NodeSummary(OutSchema):
    """計画のノード / A node of the plan tree (field → policy → measure → initiative → action)."""

    code: str = Field(description="計画内の番号（例: 2-1-1） / Code within the plan")
    kind: str = Field(description="ノードの種類 / Kind: field, policy, measure, initiative, action")
    title: str
    title_en: str
    title_known: bool = Field(description="見出しが原文にあるか / Whether the source names it")
    parent_code: str | None
    depth: int = Field(description="根からの深さ（0 から） / Depth from the root (0)")
    url: str | None = Field(description="公開ページ / Public page showing the node")
    api_url: str


class FootnoteOut(OutSchema):
    """用語の注釈（※） / A ※ note explaining a term."""

    term: str = Field(description="注釈する用語 / Term explained")
    text: str = Field(description="注釈（日本語） / Note in Japanese")
    text_en: str = Field(description="注釈の英訳 / Note in English")


class BlockOut(OutSchema):
    """本文の一段落 / A sub-heading, paragraph, bullet or tab-separated table row, as published."""

    kind: str = Field(
        description="subheading（小見出し） / paragraph（段落） / bullet（箇条） / row（表の行）"
    )
    text: str
    text_en: str
    footnotes: list[FootnoteOut]


class SectionOut(OutSchema):
    """ノードの本文の節 / A named part of a node's narrative and whether the source holds its
    content."""

    key: str = Field(description="節の種類（例: situation） / Section key")
    title: str = Field(description="見出し（日本語） / Japanese heading")
    state: str = Field(description="present / missing（原文で欠落） / empty（行なし）")
    columns: list[str] = Field(description="表の列名 / Table column names")
    blocks: list[BlockOut] = Field(description="節の段落 / The section's blocks")


class NodeOut(NodeSummary):
    """ノードの本文・注釈・子・指標 / A node with its narrative, its footnotes, its children and its
    indicators."""

    sections: list[SectionOut] = Field(description="本文の節 / Sections of the narrative")
    footnotes: list[FootnoteOut]
    children: list[str] = Field(description="子ノードの番号 / Codes of the child nodes")
    indicators: list[str] = Field(description="このノードの指標の番号 / Codes of its indicators")


class MunicipalityPage(Page[MunicipalityOut]):
    """団体の一覧 / A page of municipalities."""


class PlanPage(Page[PlanSummary]):
    """団体の公開中の計画の一覧 / A page of a municipality's published plans."""


class NodePage(Page[NodeSummary]):
    """計画のノードの一覧 / A page of a plan's nodes in document order (parents before children)."""
