"""Indicator definitions and figures as plain data, between the exchange files and the services."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from shisaku.domain.periods import Period
from shisaku.domain.values import Reading

SOURCE_KINDS = ("survey", "operations", "government", "other")
DIRECTIONS = ("increase", "decrease", "maintain", "qualitative")
ACCUMULATIONS = ("single_year", "cumulative")
TIME_BASES = ("fiscal", "calendar")
FIGURE_KINDS = ("baseline", "target", "actual")


@dataclass(frozen=True)
class Place:
    """Where an input came from: file, row and column (1-based; 0 when not applicable)."""

    source: str
    row: int = 0
    column: str = ""

    def __str__(self) -> str:
        where = [self.source]
        if self.row:
            where.append(f"{self.row} 行目")
        if self.column:
            where.append(f"{self.column} 列")
        return " の ".join(where)


@dataclass(frozen=True)
class InputError:
    """One problem found in the input, with its place and what would be accepted."""

    place: Place
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass(frozen=True)
class IndicatorDefinition:
    """What an indicator is and how it is read (one row of the definitions file)."""

    municipality_code: str
    plan: str
    code: str
    name: str
    direction: str
    node_code: str = ""
    name_en: str = ""
    definition: str = ""
    definition_en: str = ""
    unit: str = ""
    unit_en: str = ""
    source_kind: str = "other"
    source: str = ""
    department: str = ""
    accumulation: str = "single_year"
    time_basis: str = "fiscal"
    components: tuple[str, ...] = ()
    rationale: str = ""
    rationale_en: str = ""
    note: str = ""  # 備考, e.g. a baseline whose year the source does not give
    note_en: str = ""
    weight: float | None = None
    common_code: str = ""  # 共通指標コード (shisaku/data/common-indicators.csv), or blank
    # figures a plan document prints without a period, or that could not be read, kept as text
    # ({"kind", "raw", "value"}); None leaves what the indicator holds unchanged
    undated: tuple[dict[str, Any], ...] | None = None
    place: Place = field(default=Place(""), compare=False)


@dataclass(frozen=True)
class FigureInput:
    """One baseline, target or actual, read (one row of the figures file)."""

    municipality_code: str
    plan: str
    indicator_code: str
    kind: str
    period: Period
    reading: Reading
    note: str = ""
    source: str = ""
    breakdown: str = ""
    place: Place = field(default=Place(""), compare=False)


@dataclass
class IndicatorBatch:
    """Everything read from one import: definitions, figures, and the problems found."""

    definitions: list[IndicatorDefinition] = field(default_factory=list)
    figures: list[FigureInput] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


# The columns of the two exchange files (docs/indicator-files.md), in the order they are written.
DEFINITION_COLUMNS = (
    "municipality_code",
    "plan",
    "indicator_code",
    "node_code",
    "name",
    "name_en",
    "definition",
    "definition_en",
    "unit",
    "unit_en",
    "direction",
    "accumulation",
    "time_basis",
    "source_kind",
    "source",
    "department",
    "components",
    "rationale",
    "rationale_en",
    "note",
    "note_en",
    "weight",
    "common_code",
)
DEFINITION_REQUIRED = ("municipality_code", "plan", "indicator_code", "name", "direction")
FIGURE_COLUMNS = (
    "municipality_code",
    "plan",
    "indicator_code",
    "kind",
    "period",
    "value",
    "note",
    "source",
    "breakdown",
)
FIGURE_REQUIRED = ("municipality_code", "plan", "indicator_code", "kind", "period", "value")
# Each column's name as people read it (Japanese, English): the templates' headers, the history's
# field names. A file may head a column with the Japanese name instead of the column's key.
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "municipality_code": ("団体コード", "Municipality code"),
    "plan": ("計画", "Plan"),
    "indicator_code": ("指標コード", "Indicator code"),
    "node_code": ("施策・政策コード", "Measure or policy code"),
    "name": ("指標名", "Indicator name"),
    "name_en": ("指標名（英語）", "Indicator name (English)"),
    "definition": ("算出方法・説明", "Definition"),
    "definition_en": ("算出方法・説明（英語）", "Definition (English)"),
    "unit": ("単位", "Unit"),
    "unit_en": ("単位（英語）", "Unit (English)"),
    "direction": ("目指す方向", "Direction"),
    "accumulation": ("単年度・累計", "Single year or cumulative"),
    "time_basis": ("年度・年の区分", "Time basis"),
    "source_kind": ("出典の種類", "Kind of source"),
    "source": ("出典", "Source"),
    "department": ("担当課", "Department"),
    "components": ("区分", "Components"),
    "rationale": ("目標設定の考え方", "Rationale"),
    "rationale_en": ("目標設定の考え方（英語）", "Rationale (English)"),
    "note": ("備考", "Note"),
    "note_en": ("備考（英語）", "Note (English)"),
    "weight": ("重み", "Weight"),
    "common_code": ("共通指標コード", "Common indicator code"),
    "kind": ("種類", "Kind"),
    "period": ("年度・時点", "Period"),
    "value": ("値", "Value"),
    "breakdown": ("内訳", "Breakdown"),
}
COLUMN_KEYS_JA: dict[str, str] = {  # as header cells read after NFKC (（英語） → (英語))
    unicodedata.normalize("NFKC", ja): key for key, (ja, _en) in COLUMN_LABELS.items()
}
