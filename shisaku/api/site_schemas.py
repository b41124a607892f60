"""Response schemas of what the public site shows beyond plans and indicators: search, published
evaluations, grades by node, prefectures and comparisons across municipalities.

Only published data; never a staff account (an evaluation names its department, 担当課).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shisaku.api.indicator_schemas import FigureOut, GradeCount
from shisaku.api.pagination import Page
from shisaku.api.plan_schemas import MunicipalityRef, PlanSummary
from shisaku.api.strict import OutSchema


class SearchHitOut(OutSchema):
    """検索で見つかったもの / A node title, a block of text or an indicator holding every word
    searched."""

    type: str = Field(description="title（見出し） / text（本文） / indicator（指標）")
    kind: str = Field(
        description="種類 / Kind: field, policy, measure, initiative, action, indicator"
    )
    code: str = Field(description="ノードか指標の番号 / Node or indicator code")
    municipality: MunicipalityRef
    plan: str = Field(description="計画の slug / Plan slug")
    title: str
    title_en: str
    section: str = Field(description="本文の節（見出しと指標は空） / Section of a text hit")
    block: int = Field(description="節の中の段落の位置（1 から、0: 段落でない） / Block from 1")
    text: str
    text_en: str
    url: str | None = Field(description="公開ページ（一致した箇所） / Public page, at the match")
    api_url: str


class SearchPage(Page[SearchHitOut]):
    """検索結果の一覧 / A page of what a search found: the plan text first, then the indicators, per
    plan."""

    total: int = Field(
        description="見つかった全件数（count はたどれる先頭 1000 件まで） / Every hit found "
        "(count: the first 1,000, which can be paged through)"
    )
    query: str = Field(description="NFKC で正規化した検索語 / The words as read (NFKC)")
    terms: list[str] = Field(description="全てを含むものを探した語 / Each word must occur")


class GradeOut(OutSchema):
    """評価の承認時に確定した指標の評価 / An indicator's grade frozen when its evaluation was
    approved."""

    code: str = Field(description="指標の番号 / Indicator code")
    name: str
    name_en: str
    unit: str
    node_code: str
    actual: str = Field(description="評価に使った実績値（原文） / Actual graded, as published")
    grade: str
    grade_label: str
    ratio: float | None
    formula: str
    result: str


class EvaluationGradesOut(OutSchema):
    """施策評価の指標の評価 / The grades of a measure's indicators in the evaluated year, as
    approved."""

    frozen_at: str = Field(description="評価を確定した日時 / When the grades were frozen")
    method: str = Field(description="評価方法 / Method")
    rule: str
    counts: dict[str, int] = Field(description="評価ごとの指標の数 / Indicators per grade")
    assessed: int
    missing: int
    indicators: list[GradeOut] = Field(description="指標ごとの評価 / Each indicator's grade")


class EvaluationOut(OutSchema):
    """公表した施策評価 / A measure's published evaluation (施策評価) of one fiscal year; texts in
    both languages."""

    measure_code: str = Field(description="施策の番号 / Measure code")
    measure_title: str = Field(description="施策の名前 / Measure title")
    measure_title_en: str = Field(description="施策の英語の名前 / Measure title in English")
    fiscal_year: int = Field(description="評価した年度 / Fiscal year evaluated")
    fiscal_year_label: str = Field(
        description="年度の表示（西暦と和暦） / Fiscal year, Western and Japanese era"
    )
    department: str = Field(description="担当課 / Responsible department")
    direction: str = Field(description="今後の方向性のコード / Direction code (expand …)")
    direction_label: str = Field(description="今後の方向性（例: 拡充） / Direction, Japanese")
    results: str = Field(description="成果 / Results")
    results_en: str = Field(description="成果の英訳 / Results in English")
    issues: str = Field(description="課題 / Issues")
    issues_en: str = Field(description="課題の英訳 / Issues in English")
    committee_opinion: str = Field(description="外部評価委員の意見 / The committee's opinion")
    committee_opinion_en: str = Field(
        description="外部評価委員の意見の英訳 / The committee's opinion in English"
    )
    published_at: datetime | None = Field(description="公表日時 / When it was published")
    grades: EvaluationGradesOut = Field(description="指標の評価 / Grades of its indicators")
    url: str | None = Field(description="施策の公開ページ / The measure's public page")


class EvaluationPage(Page[EvaluationOut]):
    """計画の施策評価の一覧 / A page of a plan's published evaluations, by measure, newest year
    first."""


class NodeGradeOut(OutSchema):
    """ノードの指標の年度の評価 / One node's indicators graded in the year: their counts per grade
    and each one's grade."""

    node_code: str = Field(description="ノードの番号 / Node code")
    kind: str = Field(description="ノードの種類 / Node kind")
    title: str
    title_en: str
    counts: list[GradeCount]
    assessed: int
    missing: int = Field(description="未評価（分母に含めない） / Not graded, not in the share")
    on_track_share: float | None
    indicators: list[IndicatorGradeOut] = Field(
        description="このノード自身の指標の評価 / Grades of the node's own indicators"
    )
    api_url: str


class IndicatorGradeOut(OutSchema):
    """指標の年度の評価 / An indicator's grade in the year."""

    code: str = Field(description="指標の番号 / Indicator code")
    name: str
    grade: str
    label: str = Field(description="評価の説明 / The grade's label")


class NodeGradePage(Page[NodeGradeOut]):
    """ノードごとの評価の一覧 / A page of the nodes with indicators below them, in document order,
    graded in ``year``."""

    year: int = Field(description="評価した年度 / Year graded")


class PrefectureOut(OutSchema):
    """都道府県 / A prefecture with municipalities that have a published plan."""

    code: str = Field(description="都道府県コード（2桁） / 2-digit prefecture code")
    name: str
    name_en: str
    municipalities: int = Field(description="公開中の計画がある団体の数 / With a published plan")
    api_url: str


class PrefecturePage(Page[PrefectureOut]):
    """都道府県の一覧 / A page of prefectures, by code."""


class ComparedOut(OutSchema):
    """共通指標を測る団体一つ / One municipality's indicator with the common code, graded in its
    plan's year."""

    municipality: MunicipalityRef
    plan: PlanSummary = Field(description="指標の計画 / The indicator's plan")
    indicator_code: str = Field(description="団体での指標の番号 / Indicator code in its plan")
    indicator_name: str = Field(description="団体での指標の名前 / Indicator name in its plan")
    unit: str
    latest_actual: FigureOut | None = Field(
        description="数値のある最新の実績（全体） / Latest whole-area actual holding a number"
    )
    year: int = Field(description="評価した年度 / Year graded")
    grade: str
    grade_label: str
    ratio: float | None
    api_url: str


class NationalValueOut(OutSchema):
    """全国値 / A national value the system holds, with the published plan that states it."""

    period: str = Field(description="期間キー / Period key")
    period_end: int
    raw: str
    value: float = Field(description="全国値 / National value")
    unit: str
    source: str
    municipality_code: str = Field(description="述べている団体 / Municipality stating it")
    plan: str = Field(description="述べている計画の slug / Slug of the plan stating it")


class ComparisonPage(Page[ComparedOut]):
    """共通指標の団体の比較と全国値 / A page of the municipalities measuring a common indicator, by
    code, and national values."""

    code: str = Field(description="共通指標コード / Common indicator code")
    name: str
    name_en: str
    prefecture: str | None = Field(description="都道府県コード（null: 全国） / null: nationwide")
    national: list[NationalValueOut] = Field(description="全国値 / National values")


NodeGradeOut.model_rebuild()
