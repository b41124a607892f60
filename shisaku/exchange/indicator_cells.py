"""The cells of checked rows → indicator definitions and figures, every bad cell reported.

Each row is read completely, so that one pass lists every problem of a file; a row with any
problem yields nothing.  Choice columns accept the stored value (increase) or its Japanese
label (増加).  Periods without 年 or 年度 take the indicator's time basis, from a definition
in the same batch or, failing that, from the database (through the ``Catalogue``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Protocol

from shisaku.domain import common_indicators
from shisaku.domain.indicatordata import (
    ACCUMULATIONS,
    DIRECTIONS,
    FIGURE_KINDS,
    SOURCE_KINDS,
    TIME_BASES,
    FigureInput,
    IndicatorDefinition,
    InputError,
    Place,
)
from shisaku.domain.localcode import LocalCodeError, normalize_local_code
from shisaku.domain.periods import Basis, Period, PeriodError, parse_period_key, read_period
from shisaku.domain.values import CellError, Reading, read_value
from shisaku.exchange.indicator_rows import Row, Table, column_name

_PERIOD_KEY = re.compile(r"(fy|cy|y)([0-9]{4}(?:-[0-9]{4})?)(avg|)", re.IGNORECASE)

Progress = Callable[[list[Row], str], Iterable[Row]]
IndicatorKey = tuple[str, str, str]  # municipality code, plan slug, indicator code

CHOICES: dict[str, tuple[str, ...]] = {
    "direction": DIRECTIONS,
    "accumulation": ACCUMULATIONS,
    "time_basis": TIME_BASES,
    "source_kind": SOURCE_KINDS,
    "kind": FIGURE_KINDS,
}
# Japanese labels accepted for each choice; the first label of a value is the one shown.
ALIASES: dict[str, dict[str, str]] = {
    "direction": {
        "増加": "increase",
        "↑": "increase",
        "減少": "decrease",
        "↓": "decrease",
        "維持": "maintain",
        "→": "maintain",
        "定性": "qualitative",
    },
    "accumulation": {"単年度": "single_year", "累計": "cumulative"},
    "time_basis": {"年度": "fiscal", "年": "calendar"},
    "source_kind": {
        "市民意識調査": "survey",
        "業務統計": "operations",
        "国・県統計": "government",
        "その他": "other",
    },
    "kind": {"基準値": "baseline", "目標値": "target", "実績値": "actual"},
}
DEFAULTS = {"accumulation": "single_year", "time_basis": "fiscal", "source_kind": "other"}
LIMITS = {  # the longest text each column's database field holds
    "indicator_code": 40,
    "name": 300,
    "name_en": 300,
    "unit": 30,
    "unit_en": 30,
    "department": 100,
    "breakdown": 100,
    "value": 300,
}


class Catalogue(Protocol):
    """What the readers need to know of stored plans and indicators."""

    def has_municipality(self, municipality_code: str) -> bool:
        """Return whether the municipality is registered."""

    def plan_problem(self, municipality_code: str, slug: str) -> str | None:
        """Return why the plan cannot be used (it does not exist), or None."""

    def time_basis(self, municipality_code: str, slug: str, indicator_code: str) -> str | None:
        """Return the stored indicator's time basis, or None when it is not stored."""


def accepted_values(column: str) -> str:
    """Return the accepted values of a choice column: increase（増加）、decrease（減少）…."""
    shown = {v: k for k, v in reversed(ALIASES[column].items())}
    return "、".join(f"{v}（{shown[v]}）" if v in shown else v for v in CHOICES[column])


def local_code(text: str, catalogue: Catalogue) -> str:
    """Return the 6-digit code of ``text``, restoring a leading zero a spreadsheet dropped.

    Excel turns 022012 into 22012, which is also the form of a 5-digit code without its
    check digit.  The 5-digit reading wins when that municipality is registered; otherwise
    the code with its zero back is taken if it is valid and registered.  Four digits can
    only be a 5-digit code that lost its zero (2201 → 02201 → 022012).
    """
    digits = unicodedata.normalize("NFKC", text).strip()
    if not digits.isdigit() or len(digits) not in (4, 5):
        return normalize_local_code(text)
    if len(digits) == 4:
        return normalize_local_code("0" + digits)
    as_given = normalize_local_code(digits)
    if catalogue.has_municipality(as_given):
        return as_given
    try:
        restored = normalize_local_code("0" + digits)
    except LocalCodeError:
        return as_given
    return restored if catalogue.has_municipality(restored) else as_given


class _Cells:
    """Reads one row's cells, reporting each bad cell; ``ok`` stays True while none is bad."""

    def __init__(self, row: Row, errors: list[InputError]) -> None:
        self.row = row
        self.errors = errors
        self.ok = True

    def fail(self, column: str, message: str) -> None:
        """Report a problem with one cell."""
        self.errors.append(InputError(self.row.place(column), message))
        self.ok = False

    def text(self, column: str, *, required: bool = False) -> str:
        """Return a text cell, checking that it is filled (if required) and not too long."""
        value = self.row.text(column)
        limit = LIMITS.get(column, 0)
        if required and not value:
            self.fail(column, "空欄です（必須の列です）")
        elif limit and len(value) > limit:
            self.fail(column, f"長すぎます（{len(value)} 文字。{limit} 文字までです）")
        return value

    def municipality(self, catalogue: Catalogue) -> str:
        """Return the 6-digit 全国地方公共団体コード (5 digits get their check digit)."""
        value = self.text("municipality_code", required=True)
        if not value:
            return ""
        try:
            return local_code(value, catalogue)
        except LocalCodeError as error:
            self.fail("municipality_code", str(error))
            return ""

    def plan(self, code: str, catalogue: Catalogue) -> str:
        """Return the plan slug, checking that the plan exists."""
        slug = self.text("plan", required=True)
        if code and slug and (problem := catalogue.plan_problem(code, slug)):
            self.fail("plan", problem)
        return slug

    def choice(self, column: str, *, required: bool = False) -> str:
        """Return a choice column's stored value, given either the value or its Japanese label."""
        value = self.text(column, required=required)
        if not value:
            return DEFAULTS.get(column, "")
        name = column_name(value)
        if name in CHOICES[column]:
            return name
        if name in ALIASES[column]:
            return ALIASES[column][name]
        self.fail(column, f"「{value}」は使えません。使える値: {accepted_values(column)}")
        return DEFAULTS.get(column, "")

    def weight(self) -> float | None:
        """Return the weight (a number ≥ 0), or None when the cell is blank."""
        value = self.text("weight")
        if not value:
            return None
        try:
            number = Decimal(unicodedata.normalize("NFKC", value))
        except InvalidOperation:
            number = Decimal(-1)
        if not number.is_finite() or number < 0:
            self.fail("weight", f"「{value}」は重みとして読めません（0 以上の数、例: 1、0.5）")
            return None
        return float(number)

    def common_code(self) -> str:
        """Return the 共通指標コード (blank, or a code of the catalogue)."""
        written = self.text("common_code")
        value = unicodedata.normalize("NFKC", written).lower()
        if not value or common_indicators.find(value) is not None:
            return value
        known = "、".join(common_indicators.catalogue())
        self.fail(
            "common_code", f"「{written}」は共通指標コードの一覧にありません。使える値: {known}"
        )
        return ""

    def components(self) -> tuple[str, ...]:
        """Return the labels of a multi-part value: 小学生|中学生 → (小学生, 中学生)."""
        text = self.text("components").replace("｜", "|")  # the labels themselves stay as written
        return tuple(part.strip() for part in text.split("|") if part.strip())

    def period(self, basis: Basis) -> Period | None:
        """Return the period (a key such as FY2019, or as plans write it: 2019年度, H26)."""
        value = self.text("period", required=True)
        if not value:
            return None
        key = _PERIOD_KEY.fullmatch(value)
        try:
            if key:
                return parse_period_key(key[1].upper() + key[2] + key[3].lower())
            return read_period(value, default_basis=basis)
        except PeriodError as error:
            self.fail("period", str(error))
            return None

    def reading(self) -> Reading | None:
        """Return the value cell read (a blank cell reads as missing)."""
        value = self.text("value")
        try:
            return read_value(value)
        except CellError as error:
            self.fail("value", str(error))
            return None


def _key_seen(
    seen: dict[tuple[str, ...], Place], key: tuple[str, ...], cells: _Cells, column: str, what: str
) -> None:
    """Report a row that repeats an earlier row's key."""
    if key in seen:
        cells.fail(column, f"{what} は {seen[key]} と重複しています（1 行にまとめてください）")
    else:
        seen[key] = cells.row.place()


def read_definitions(
    tables: list[Table],
    catalogue: Catalogue,
    errors: list[InputError],
    progress: Progress,
    bases: dict[IndicatorKey, str],
) -> list[IndicatorDefinition]:
    """Read every definitions row of ``tables``; rows with problems are reported and left out.

    ``bases`` receives the time basis of every indicator a row names, even a row with a
    problem, so that its figures are read with it rather than reported as undefined.
    """
    seen: dict[tuple[str, ...], Place] = {}
    found = []
    for table in tables:
        for row in progress(table.rows, f"{table.source}（指標定義）"):
            definition = _definition(_Cells(row, errors), catalogue, seen, bases)
            if definition is not None:
                found.append(definition)
    return found


def _definition(
    cells: _Cells,
    catalogue: Catalogue,
    seen: dict[tuple[str, ...], Place],
    bases: dict[IndicatorKey, str],
) -> IndicatorDefinition | None:
    """Read one definitions row (its cells in the order of the columns)."""
    code = cells.municipality(catalogue)
    slug = cells.plan(code, catalogue)
    indicator = cells.text("indicator_code", required=True)
    keyed = cells.ok
    definition = IndicatorDefinition(
        municipality_code=code,
        plan=slug,
        code=indicator,
        node_code=cells.text("node_code"),
        name=cells.text("name", required=True),
        name_en=cells.text("name_en"),
        definition=cells.text("definition"),
        definition_en=cells.text("definition_en"),
        unit=cells.text("unit"),
        unit_en=cells.text("unit_en"),
        direction=cells.choice("direction", required=True),
        accumulation=cells.choice("accumulation"),
        time_basis=cells.choice("time_basis"),
        source_kind=cells.choice("source_kind"),
        source=cells.text("source"),
        department=cells.text("department"),
        components=cells.components(),
        rationale=cells.text("rationale"),
        rationale_en=cells.text("rationale_en"),
        note=cells.text("note"),
        note_en=cells.text("note_en"),
        weight=cells.weight(),
        common_code=cells.common_code(),
        place=cells.row.place(),
    )
    if keyed:
        key = (code, slug, indicator)
        _key_seen(seen, key, cells, "indicator_code", f"指標 {indicator} の定義")
        bases.setdefault(key, definition.time_basis)
    return definition if cells.ok else None


def read_figures(
    tables: list[Table],
    catalogue: Catalogue,
    errors: list[InputError],
    progress: Progress,
    bases: dict[IndicatorKey, str],
) -> list[FigureInput]:
    """Read every figures row of ``tables``; rows with problems are reported and left out."""
    seen: dict[tuple[str, ...], Place] = {}
    found = []
    for table in tables:
        for row in progress(table.rows, f"{table.source}（数値）"):
            figure = _figure(_Cells(row, errors), catalogue, bases, seen)
            if figure is not None:
                found.append(figure)
    return found


def _basis(
    cells: _Cells, key: IndicatorKey, catalogue: Catalogue, bases: dict[IndicatorKey, str]
) -> Basis:
    """Return the indicator's time basis, reporting an indicator defined nowhere."""
    basis = bases.get(key) or catalogue.time_basis(*key)
    if basis is None:
        message = (
            f"指標 {key[2]} が定義されていません"
            "（指標定義ファイルに行を加えるか、先に定義を取り込んでください）"
        )
        cells.fail("indicator_code", message)
    return "calendar" if basis == "calendar" else "fiscal"


def _figure(
    cells: _Cells,
    catalogue: Catalogue,
    bases: dict[IndicatorKey, str],
    seen: dict[tuple[str, ...], Place],
) -> FigureInput | None:
    """Read one figures row."""
    code = cells.municipality(catalogue)
    slug = cells.plan(code, catalogue)
    indicator = cells.text("indicator_code", required=True)
    basis: Basis = "fiscal"
    if cells.ok:
        basis = _basis(cells, (code, slug, indicator), catalogue, bases)
    kind = cells.choice("kind", required=True)
    period = cells.period(basis)
    reading = cells.reading()
    breakdown = cells.text("breakdown")
    if not (cells.ok and period and reading):
        return None
    key = (code, slug, indicator, kind, period.key(), breakdown)
    _key_seen(seen, key, cells, "period", f"指標 {indicator} の {kind} {period.key()}")
    figure = FigureInput(
        municipality_code=code,
        plan=slug,
        indicator_code=indicator,
        kind=kind,
        period=period,
        reading=reading,
        note=cells.text("note"),
        source=cells.text("source"),
        breakdown=breakdown,
        place=cells.row.place(),
    )
    return figure if cells.ok else None
