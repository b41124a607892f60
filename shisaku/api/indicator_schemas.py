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
    """複数の部分からなる値の一部分 / One part of a multi-part value (小学生 85.6 / 中学生 82.6)."""

    label: str = Field(description="部分の名前（例: 小学生） / Name of the part")
    raw: str
    value: str = Field(description="読み取った数値（文字列） / The number read, as text")
    unit: str


class FigureOut(OutSchema):
    """基準値・目標値・実績値 / A baseline, target or actual: the cell as published and the value
    read from it."""

    kind: str = Field(description="baseline（基準値） / target（目標値） / actual（実績値）")
    period: str = Field(description="期間キー（例: FY2025） / Period key")
    period_label: str = Field(
        description="西暦と和暦（例: 2025年度（令和7年度）） / Western and Japanese era"
    )
    period_start: int
    period_end: int
    breakdown: str = Field(description="内訳（空は全体） / Breakdown row, empty for the whole")
    raw: str = Field(description="原文のセル / The cell as published")
    value_kind: str = Field(
        description="値の種類 / Kind of value: number, rank, missing, qualitative, reference, multi"
    )
    value: int | float | None = Field(
        description="読み取った数値（数値でなければ null） / The number read (null when none)"
    )
    unit: str
    qualifier: str
    label: str = Field(
        description="順位の範囲、欠測の記号、方向の語など / "
        "A rank's scope, a missing marker or the words of a direction"
    )
    components: list[ComponentOut] = Field(
        description="複数の部分からなる値の各部分 / Parts of a multi-part value"
    )
    note: str
    source: str
    revision: int = Field(description="版（1 から） / Revision, from 1")


class ObservationOut(FigureOut):
    """値の一つの版 / One revision of a figure, current or superseded, with the department
    responsible and when it was entered (never the account that entered it)."""

    is_current: bool = Field(description="現在の版か / Whether this is the current revision")
    department: str = Field(description="担当課 / Responsible department")
    entered_at: datetime = Field(description="入力日時 / When it was entered")


class IndicatorOut(OutSchema):
    """指標の定義と現在の値 / An indicator's definition and its current figures, oldest period
    first."""

    code: str = Field(description="指標の番号 / Indicator code")
    node_code: str | None = Field(description="属する施策の番号 / Code of its plan node")
    name: str
    name_en: str
    definition: str = Field(description="定義（日本語） / Definition in Japanese")
    definition_en: str = Field(description="英語の定義（なければ空） / Definition in English")
    unit: str
    unit_en: str = Field(description="単位の英訳（なければ空） / Unit in English (empty if none)")
    direction: str = Field(
        description="望ましい方向 / Direction: increase, decrease, maintain, qualitative"
    )
    accumulation: str = Field(description="single_year（単年度） / cumulative（累計）")
    time_basis: str = Field(description="fiscal（年度） / calendar（暦年）")
    source_kind: str = Field(
        description="出典の種類: survey（調査）、operations（業務）、government（官公庁統計）、"
        "other / Kind of source"
    )
    source: str
    department: str = Field(description="担当課 / Responsible department")
    components: list[str] = Field(
        description="複数の部分からなる値の部分の名前 / Names of the parts of a multi-part value"
    )
    rationale: str = Field(description="目標値の考え方 / Rationale of the target")
    rationale_en: str = Field(description="目標値の考え方の英訳 / Rationale in English")
    note: str
    note_en: str = Field(description="備考の英訳 / Note in English")
    weight: float | None = Field(
        description="集計の重み（なければ null） / Weight in roll-ups (null when none)"
    )
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
    """結果の求め方 / How a result was reached: inputs, the formula with numbers, the result, in
    Japanese and in English (the English empty when a part is text the city typed in Japanese)."""

    inputs: dict[str, str] = Field(description="使った値（名前 → 値） / The inputs, by name")
    formula: str
    result: str
    text: str = Field(description="説明の全文 / The whole explanation")
    inputs_en: dict[str, str] = Field(
        description="使った値の英語（言えなければ空） / The inputs in English (empty when a part "
        "is text the city typed in Japanese)"
    )
    formula_en: str = Field(description="計算式の英語（言えなければ空） / The formula in English")
    result_en: str = Field(description="結果の英語（言えなければ空） / The result in English")
    text_en: str = Field(
        description="説明の全文の英語（言えなければ空） / The whole explanation in English"
    )


class ForecastOut(OutSchema):
    """目標年度の見通し / The projected value in the target year and the likelihood of meeting the
    target."""

    status: str = Field(
        description="ok / insufficient_data（データ不足） / insufficient_data: too few actuals"
    )
    likelihood: str = Field(
        description="達成の見込み / Likelihood: already_met, likely, unlikely, insufficient_data"
    )
    linear: float | None = Field(
        description="線形で見込んだ目標年度の値 / Linear projection for the target year"
    )
    compound: float | None = Field(
        description="年率で見込んだ目標年度の値 / Compound-growth projection for the target year"
    )
    slope: float | None = Field(description="年あたりの増減 / Change per year")
    growth_rate: float | None = Field(description="年率の伸び / Growth rate per year")
    explanation: ExplanationOut


class IndicatorAssessmentOut(OutSchema):
    """指標一つの評価 / One indicator graded in the assessed year."""

    code: str = Field(description="指標の番号 / Indicator code")
    name: str
    node_code: str | None = Field(
        description="属するノードの番号（なければ null） / Code of its plan node (null when none)"
    )
    grade: str
    label: str = Field(description="評価の説明（例: 60%以上80%未満） / The grade's label")
    status: str = Field(description="評価の状態 / Status: graded, no_actual, not_applicable")
    ratio: float | None = Field(description="達成率（1.0 = 100%） / Achievement ratio")
    score: float | None = Field(
        description="評価に使った値（評価できなければ null） / Score graded (null when not graded)"
    )
    explanation: ExplanationOut
    forecast: ForecastOut | None = Field(
        description="見通し（目標がなければ null） / Forecast (null without a target)"
    )


class GradeCount(OutSchema):
    """評価ごとの指標の数 / How many indicators got a grade."""

    grade: str
    count: int = Field(description="その評価の指標の数 / Indicators with the grade")
    on_track: bool = Field(description="順調とみなす評価か / Whether the grade counts as on track")


class RollUpOut(OutSchema):
    """評価の集計 / Counts per grade (scale order, missing last) and the on-track share, with its
    rule."""

    counts: list[GradeCount]
    assessed: int
    missing: int = Field(description="未評価（分母に含めない） / Not graded, not in the share")
    on_track_share: float | None
    rule: str
    weights_normalised: bool


class NodeRollUpOut(RollUpOut):
    """ノード以下の評価の集計 / The roll-up of every indicator under one node."""

    node_code: str = Field(description="ノードの番号 / Node code")


class AssessmentPage(Page[IndicatorAssessmentOut]):
    """年度の評価の一覧 / Every indicator graded in ``year`` (paginated), with roll-ups by node and
    for the plan."""

    year: int = Field(description="評価した年度 / Year graded")
    method: AssessmentConfigOut = Field(description="評価方法 / How the plan grades")
    plan: RollUpOut | None = Field(
        description="計画全体の集計（指標がなければ null） / "
        "Roll-up of the whole plan (null without indicators)"
    )
    by_node: list[NodeRollUpOut] = Field(description="ノードごとの集計 / Roll-ups by node")


class IndicatorPage(Page[IndicatorOut]):
    """計画の指標の一覧 / A page of a plan's indicators."""


class FigurePage(Page[FigureOut]):
    """指標の現在の値の一覧 / A page of an indicator's current figures, breakdown rows included."""


class ObservationPage(Page[ObservationOut]):
    """指標の値の全ての版の一覧 / A page of every revision of an indicator's figures, newest
    revision first per period."""


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
    """記録した値 / The figure as now stored: changed is false when the same value was already
    current."""

    changed: bool = Field(
        description="値を変えたか（同じ値なら false） / Whether the figure changed"
    )
    revision: int = Field(description="現在の版（次の If-Match に使う） / Current revision")
    figure: ObservationOut = Field(description="記録した値 / The figure recorded")
