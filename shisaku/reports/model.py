"""What every report shows, as plain dataclasses: built once by :mod:`shisaku.reports.data`.

The PDF, the workbook, the printable HTML and the education board's report all render one
:class:`Report`, so they cannot disagree. Unknown stays unknown: a number that was not entered
is ``None`` (shown as 「未入力」 or 「—」), never zero; a measure without an evaluation sheet
has ``sheet`` None (「未評価（評価シートがありません）」) and one without indicators an empty
``indicators`` (「指標未取得」).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

NO_SHEET = "未評価（評価シートがありません）"
NO_INDICATORS = "指標未取得"
NOT_ENTERED = "未入力"
NO_TEXT = "（記載なし）"
UNKNOWN_TITLE = "（名称不明：原文に記載なし）"


@dataclass(frozen=True)
class FigureCell:
    """A baseline, target or actual: its period, its number (if any) and the text as written."""

    period: str  # 2023年度（令和5年度）
    year: int
    value: Decimal | None
    text: str


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a measure in the report's year, with its grade and how it was reached."""

    code: str
    name: str
    unit: str
    baseline: FigureCell | None
    target: FigureCell | None  # the final target, the one graded against
    actual: FigureCell | None  # the actual of the report's year
    actuals: tuple[FigureCell, ...]  # every actual, by year
    grade: str
    grade_label: str
    status: str
    ratio: float | None
    formula: str  # inputs, formula with the numbers, result (Japanese)
    decimals: int
    chart_svg: str = ""  # inline SVG from shisaku.graphics.charts ("" when nothing to draw)


@dataclass(frozen=True)
class CostLine:
    """A programme's cost in the year (None: not entered)."""

    code: str
    name: str
    project: Decimal | None  # 事業費 (決算額)
    personnel: Decimal | None  # 人件費
    full: Decimal | None  # フルコスト


@dataclass(frozen=True)
class Costs:
    """A measure's cost: its programmes and their sums (see shisaku.domain.costs)."""

    lines: tuple[CostLine, ...]
    project: Decimal | None
    personnel: Decimal | None
    full: Decimal | None
    incomplete: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    """A measure's evaluation sheet (施策評価シート) for the year, Japanese texts."""

    status: str
    status_label: str
    target: str  # 対象
    intent: str  # 意図
    results: str  # 成果
    issues: str  # 課題
    direction: str  # 今後の方向性 (label: 拡充, 維持 …; "" when not decided)
    first_comment: str  # 一次評価（所属長）
    second_comment: str  # 二次評価（企画課）
    committee_opinion: str  # 外部評価
    costs: Costs


@dataclass(frozen=True)
class VoiceRow:
    """A published opinion (or its summary) on a measure and the response, from a consultation's
    published result (docs/voice.md)."""

    consultation: str
    opinion: str
    response: str  # 対応区分
    reason: str
    department: str


@dataclass(frozen=True)
class MeasurePart:
    """A measure's page: its place in the plan, its sheet, its indicators and their grades."""

    code: str
    title: str
    department: str
    policy_title: str  # 「1-1 暮らしの安心」
    field_title: str  # 「1 くらし」
    sheet: Sheet | None
    frozen: bool  # grades frozen at approval (True) or computed live from today's figures
    grades_note: str
    counts: dict[str, int]
    indicators: tuple[IndicatorRow, ...]
    voices: tuple[VoiceRow, ...] = ()  # the consultations' results of the year on the measure

    @property
    def anchor(self) -> str:
        """Return the id of the measure's page (for the contents and links)."""
        return "measure-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in self.code)


@dataclass(frozen=True)
class PolicyPart:
    """A policy (政策) with its measures and the grade counts rolled up over them."""

    code: str
    title: str
    education: bool
    counts: dict[str, int]
    measures: tuple[MeasurePart, ...]

    @property
    def anchor(self) -> str:
        """Return the id of the policy's summary (for the contents)."""
        return "policy-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in self.code)


@dataclass(frozen=True)
class FieldPart:
    """A field (政策分野) and its policies."""

    code: str
    title: str
    policies: tuple[PolicyPart, ...]


@dataclass(frozen=True)
class Report:
    """A fiscal year's report on a plan's measures."""

    title: str
    municipality_code: str
    municipality_name: str
    plan_title: str
    plan_slug: str
    plan_period: str  # 2024年度〜2028年度（令和6年度〜令和10年度）
    plan_years: tuple[int, ...]
    year: int
    year_label: str  # 2025年度（令和7年度）
    issued: date
    issued_label: str  # 2025年9月1日（令和7年9月1日）
    grades: tuple[str, ...]  # the scale's grades, best first, the missing grade last
    grade_labels: dict[str, str]
    method: str
    counts: dict[str, int]
    fields: tuple[FieldPart, ...] = ()

    @property
    def policies(self) -> list[PolicyPart]:
        """Return every policy in document order."""
        return [p for f in self.fields for p in f.policies]

    def measures(self) -> Iterator[MeasurePart]:
        """Yield every measure in document order."""
        for policy in self.policies:
            yield from policy.measures
