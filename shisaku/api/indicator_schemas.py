"""Request and response schemas of indicators, figures, assessments and roll-ups."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field, field_validator

from shisaku.api.pagination import Page
from shisaku.api.plan_schemas import AssessmentConfigOut
from shisaku.api.strict import OutSchema
from shisaku.api.validation import printable
from shisaku.indicators.breakdowns import SHOWN_PER_PERIOD


class ComponentOut(OutSchema):
    """One part of a multi-part value (小学生 85.6 / 中学生 82.6)."""

    label: str
    raw: str
    value: str
    unit: str


class FigureOut(OutSchema):
    """A baseline, target or actual: the cell as published and the value read from it."""

    kind: str = Field(description="baseline（基準値） / target（目標値） / actual（実績値）")
    period: str = Field(description="期間キー（例: FY2025） / Period key")
    period_label: str = Field(description="西暦と和暦（例: 2025年度（令和7年度））")
    period_start: int
    period_end: int
    breakdown: str = Field(description="内訳（空は全体） / Breakdown row, empty for the whole")
    raw: str = Field(description="原文のセル / The cell as published")
    value_kind: str = Field(description="number / rank / missing / qualitative / reference / multi")
    value: int | float | None
    unit: str
    qualifier: str
    label: str
    components: list[ComponentOut]
    note: str
    source: str
    revision: int = Field(description="版（1 から） / Revision, from 1")


class ObservationOut(FigureOut):
    """One revision of a figure, current or superseded, with the department responsible and when
    it was entered (never the account that entered it)."""

    is_current: bool
    department: str = Field(description="担当課 / Responsible department")
    entered_at: datetime


class IndicatorOut(OutSchema):
    """An indicator's definition and its current figures, oldest period first."""

    code: str
    node_code: str | None = Field(description="属する施策の番号 / Code of its plan node")
    name: str
    name_en: str
    definition: str
    definition_en: str
    unit: str
    direction: str = Field(description="increase / decrease / maintain / qualitative")
    accumulation: str
    time_basis: str
    source_kind: str
    source: str
    department: str = Field(description="担当課 / Responsible department")
    components: list[str]
    rationale: str
    rationale_en: str
    note: str
    note_en: str
    weight: float | None
    common_code: str = Field(
        description="共通指標コード（空欄は指定なし） / Common indicator code, blank when none"
    )
    figures: list[FigureOut] = Field(
        description=f"全体の値すべてと、種類・期間ごとに内訳 {SHOWN_PER_PERIOD} 行まで / Every "
        f"figure for the whole area and at most {SHOWN_PER_PERIOD} breakdown rows for each kind "
        "and period"
    )
    figures_count: int = Field(
        description="内訳を含む現在の値の件数 / Current figures, breakdown rows included"
    )
    figures_url: str = Field(
        description="内訳を含む全ての現在の値（ページ分け） / Every current figure, paginated"
    )
    url: str | None
    api_url: str


class ExplanationOut(OutSchema):
    """How a result was reached, in Japanese: inputs, the formula with numbers, the result."""

    inputs: dict[str, str]
    formula: str
    result: str
    text: str


class ForecastOut(OutSchema):
    """The projected value in the target year and the likelihood of meeting the target."""

    status: str
    likelihood: str = Field(description="already_met / likely / unlikely / insufficient_data")
    linear: float | None
    compound: float | None
    slope: float | None
    growth_rate: float | None
    explanation: ExplanationOut


class IndicatorAssessmentOut(OutSchema):
    """One indicator graded in the assessed year."""

    code: str
    name: str
    node_code: str | None
    grade: str
    label: str = Field(description="評価の説明（例: 60%以上80%未満） / The grade's label")
    status: str = Field(description="graded / no_actual / not_applicable")
    ratio: float | None = Field(description="達成率（1.0 = 100%） / Achievement ratio")
    score: float | None
    explanation: ExplanationOut
    forecast: ForecastOut | None


class GradeCount(OutSchema):
    """How many indicators got a grade."""

    grade: str
    count: int
    on_track: bool


class RollUpOut(OutSchema):
    """Counts per grade (scale order, missing last) and the on-track share, with its rule."""

    counts: list[GradeCount]
    assessed: int
    missing: int = Field(description="未評価（分母に含めない） / Not graded, not in the share")
    on_track_share: float | None
    rule: str
    weights_normalised: bool


class NodeRollUpOut(RollUpOut):
    """The roll-up of every indicator under one node."""

    node_code: str


class AssessmentPage(Page[IndicatorAssessmentOut]):
    """Every indicator graded in ``year`` (paginated), with roll-ups by node and for the plan."""

    year: int
    method: AssessmentConfigOut
    plan: RollUpOut | None
    by_node: list[NodeRollUpOut] = Field(description="ノードごとの集計 / Roll-ups by node")


class IndicatorPage(Page[IndicatorOut]):
    """A page of a plan's indicators."""


class FigurePage(Page[FigureOut]):
    """A page of an indicator's current figures, breakdown rows included."""


class ObservationPage(Page[ObservationOut]):
    """A page of every revision of an indicator's figures, newest revision first per period."""


class FigureIn(Schema):
    """An actual or a target typed by an editor; the text is read as the workspace reads it."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["actual", "target"]
    period: str = Field(
        min_length=1, max_length=60, description="例: 2025年度、令和7年度、R7 / Period"
    )
    value: str = Field(
        min_length=1, max_length=200, description="例: 1,820人、48.2%、策定 / Value as written"
    )
    note: str = Field(
        "",
        max_length=1000,
        description="備考（省略すると訂正前の備考を残す、空文字で消す） / "
        "Note: omitted keeps the current figure's note, empty clears it",
    )
    source: str = Field(
        "",
        max_length=500,
        description="出典（省略すると訂正前の出典を残す、空文字で消す） / "
        "Source: omitted keeps the current figure's source, empty clears it",
    )
    breakdown: str = Field("", max_length=100, description="内訳（空は全体） / Breakdown row")

    @field_validator("period", "value", "note", "source", "breakdown")
    @classmethod
    def _printable(cls, text: str) -> str:
        """Refuse what a file import and the workspace refuse (shisaku.domain.typedtext)."""
        return printable(text)

    def given(self, name: str) -> str | None:
        """Return a text field as sent, or None when the body left it out (keep the current)."""
        return str(getattr(self, name)) if name in self.model_fields_set else None


class FigureRecorded(OutSchema):
    """The figure as now stored: changed is false when the same value was already current."""

    changed: bool
    revision: int = Field(description="現在の版（次の If-Match に使う） / Current revision")
    figure: ObservationOut
