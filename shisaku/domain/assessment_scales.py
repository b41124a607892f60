"""The vocabulary of assessment: indicator facts, explanations, assessments and grade scales.

This is the bottom of the assessment modules (``forecast`` and ``assessment_methods`` build on
it; ``assessment`` re-exports everything). Grade scales are data: a plan stores its scale as
JSON through :meth:`GradeScale.to_dict` / :meth:`GradeScale.from_dict`.

Numbers are formatted here once for every explanation: values with the number of decimals
the indicator publishes (``1.40``, ``385``, ``761,053``), ratios as percentages to 0.1 point.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from shisaku.domain.explain import Lang, Text, in_language

Direction = Literal["increase", "decrease", "maintain", "qualitative"]
Status = Literal["graded", "no_actual", "not_applicable"]
DIRECTIONS: tuple[str, ...] = ("increase", "decrease", "maintain", "qualitative")
MAX_DECIMALS = 4


@dataclass(frozen=True, slots=True)
class Point:
    """A value in a year: ``value`` None = not published; ``label`` keeps text (策定, 全国値)."""

    year: int
    value: float | None
    label: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorFacts:
    """Everything an assessment method may read about one indicator (numbers, not cell text).

    ``rank``: lower is better whatever the direction says (13位 → 10位).
    ``cumulative``: actuals are single-year amounts and the target is their total since the
    baseline year; the graded actual is the running sum (if the published actuals are
    already running totals, leave this False).
    ``comparator``: a reference series by year (e.g. the national value) for targets such as
    「全国値」 that have a label and no number.
    ``components``: parts graded separately (小学生 / 中学生); the parent's own values are ignored.
    ``decimals``: the decimals published for this indicator; inferred from its values if None.
    """

    direction: Direction
    baseline: Point | None
    target: Point
    year_targets: Mapping[int, float] = field(default_factory=dict)
    actuals: Mapping[int, Point] = field(default_factory=dict)
    rank: bool = False
    cumulative: bool = False
    comparator: Mapping[int, float] = field(default_factory=dict)
    components: Mapping[str, IndicatorFacts] = field(default_factory=dict)
    decimals: int | None = None

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(
                f"方向 {self.direction!r} は使えません。使える方向: {', '.join(DIRECTIONS)}"
            )
        if self.decimals is None:
            object.__setattr__(self, "decimals", infer_decimals(_values(self)))


def _values(facts: IndicatorFacts) -> Iterable[float | None]:
    """Yield every number of an indicator (to infer how many decimals it publishes)."""
    yield facts.target.value
    if facts.baseline is not None:
        yield facts.baseline.value
    yield from facts.year_targets.values()
    for point in facts.actuals.values():
        yield point.value


def infer_decimals(values: Iterable[float | None]) -> int:
    """Return the most decimals any of ``values`` is written with (0 for whole numbers)."""
    most = 0
    for value in values:
        if value is None or float(value).is_integer() or not math.isfinite(value):
            continue
        text = repr(float(value))
        if "e" not in text:
            most = max(most, len(text) - text.index(".") - 1)
    return min(most, MAX_DECIMALS)


# How a paragraph of an explanation is punctuated: between inputs, after a name, between parts.
PARAGRAPH_MARKS: dict[Lang, tuple[str, str, str]] = {
    "ja": ("、", "：", "。"),
    "en": ("; ", ": ", ". "),
}


@dataclass(frozen=True, slots=True)
class Explanation:
    """How a result was reached: the inputs, the formula with numbers, the result.

    The domain builds it in Japanese, of :class:`~shisaku.domain.explain.Text` sentences that
    :meth:`in_english` says in English too (``lang`` tells which it is).
    """

    inputs: dict[str, str]
    formula: str
    result: str
    lang: Lang = "ja"

    def text(self) -> str:
        """Return the explanation as one paragraph, with the punctuation of its language."""
        between, colon, stop = PARAGRAPH_MARKS[self.lang]
        inputs = between.join(f"{key}{colon}{value}" for key, value in self.inputs.items())
        return f"{inputs}{stop}{self.formula}{stop}{self.result}"

    def in_english(self) -> Explanation | None:
        """Return the explanation said in English, or None when a part cannot be (a label or
        a name the city typed in Japanese)."""
        inputs = {in_language(k, "en"): in_language(v, "en") for k, v in self.inputs.items()}
        formula, result = in_language(self.formula, "en"), in_language(self.result, "en")
        if formula is None or result is None or None in [*inputs, *inputs.values()]:
            return None
        return Explanation({str(k): str(v) for k, v in inputs.items()}, formula, result, "en")


@dataclass(frozen=True, slots=True)
class Assessment:
    """A grade for one indicator in one year, with the explanation that produced it.

    ``ratio`` is the achievement ratio (1.0 = 100%) for methods that compute one, None for
    methods that grade by level (band, expectation) or points, and for ungraded results.
    ``score`` is the number the scale graded (the ratio, the level or the points).
    """

    grade: str
    ratio: float | None
    explanation: Explanation
    status: Status
    score: float | None = None
    label: str = ""


def fmt_number(value: float, decimals: int) -> str:
    """Format a value with thousands separators and the indicator's decimals: 1,820 / 1.40."""
    return f"{value:,.{decimals}f}"


def fmt_term(value: float, decimals: int) -> str:
    """Format a value for a formula, negatives in parentheses: (-300)."""
    text = f"{value:,.{decimals}f}"
    return f"({text})" if value < 0 else text


def fmt_percent(ratio: float) -> str:
    """Format a ratio as a percentage to 0.1 point: 0.793 → 79.3%."""
    return f"{ratio * 100:.1f}%"


def fmt_point(point: Point, decimals: int) -> Text:
    """Format a point as its value (or label) and year: 0.90（2014）."""
    shown = point.label if point.value is None else fmt_number(point.value, decimals)
    return Text("at_year", value=shown or "—", year=str(point.year))


@dataclass(frozen=True)
class GradeScale:
    """A grade scale as data: ``bands`` are (minimum score, grade), highest first.

    A score gets the first band whose minimum it reaches; the last band also catches every
    lower score (write its minimum as ``-inf``: ``null`` in JSON). ``missing`` is the grade
    of an indicator that cannot be graded (no actual, or the method does not apply).
    """

    name: str
    bands: tuple[tuple[float, str], ...]
    missing: str = "X"
    labels: Mapping[str, str] = field(default_factory=dict)
    on_track: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _check_bands(self.name, self.bands)
        grades = self.grades()
        if self.missing in grades[:-1]:
            raise ValueError(f"尺度 {self.name!r}: 未評価の評価 {self.missing!r} が帯と重なります")
        for grade in (*self.labels, *self.on_track):
            if grade not in grades:
                raise ValueError(
                    f"尺度 {self.name!r}: 評価 {grade!r} は尺度にありません（{', '.join(grades)}）"
                )

    def grade(self, score: float) -> str:
        """Return the grade of ``score``: the first band whose minimum it reaches."""
        for minimum, grade in self.bands:
            if score >= minimum:
                return grade
        return self.bands[-1][1]

    def grades(self) -> tuple[str, ...]:
        """Return every grade in scale order, the missing grade last."""
        return (*(grade for _, grade in self.bands), self.missing)

    def to_dict(self) -> dict[str, Any]:
        """Return the scale as JSON-ready data (an open lowest band as ``"min": null``)."""
        return {
            "name": self.name,
            "bands": [
                {"min": None if minimum == -math.inf else minimum, "grade": grade}
                for minimum, grade in self.bands
            ],
            "missing": self.missing,
            "labels": dict(self.labels),
            "on_track": [grade for grade in self.grades() if grade in self.on_track],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GradeScale:
        """Build a scale from :meth:`to_dict` data, saying exactly what is wrong if it is not."""
        name = str(data.get("name", ""))
        bands = data.get("bands")
        if not isinstance(bands, list) or not bands:
            raise ValueError(f"尺度 {name!r}: bands は1つ以上の帯のリストにしてください")
        return cls(
            name=name,
            bands=tuple(_band_from_dict(name, index, band) for index, band in enumerate(bands)),
            missing=str(data.get("missing", "X")),
            labels={str(k): str(v) for k, v in dict(data.get("labels") or {}).items()},
            on_track=frozenset(str(grade) for grade in data.get("on_track") or ()),
        )


def _band_from_dict(name: str, index: int, band: Any) -> tuple[float, str]:
    """Read one band ``{"min": 0.8, "grade": "B"}``; ``min`` null means no lower bound."""
    if not isinstance(band, Mapping) or "grade" not in band:
        raise ValueError(f"尺度 {name!r}: bands[{index}] は {{'min': 数値, 'grade': 文字}} です")
    minimum = band.get("min")
    if minimum is None:
        return -math.inf, str(band["grade"])
    if isinstance(minimum, bool) or not isinstance(minimum, int | float):
        raise ValueError(
            f"尺度 {name!r}: bands[{index}].min は数値か null にしてください（{minimum!r}）"
        )
    return float(minimum), str(band["grade"])


def _check_bands(name: str, bands: tuple[tuple[float, str], ...]) -> None:
    """Refuse an empty scale, minima not strictly descending, or a grade used twice."""
    if not bands:
        raise ValueError(f"尺度 {name!r}: 帯が1つもありません")
    minima = [minimum for minimum, _ in bands]
    if any(math.isnan(m) for m in minima) or minima != sorted(set(minima), reverse=True):
        raise ValueError(f"尺度 {name!r}: 帯の下限は高い順に、重複なく並べてください（{minima}）")
    grades = [grade for _, grade in bands]
    if len(set(grades)) != len(grades):
        raise ValueError(f"尺度 {name!r}: 同じ評価が2つの帯にあります（{grades}）")


TOLERANCE = 1e-9


def lower_is_better(
    direction: str, target_value: float | None, *, rank: bool = False, side: float | None = None
) -> bool:
    """Return whether lower values are better: ranks, decreases, and maintained zero targets.

    A 維持 target is met at or above it (a rate kept at 80%), except a target of 0 (待機児童
    0人), met at or below it; ``side`` (+1 / −1) overrides that default.
    """
    if rank or direction == "decrease":
        return True
    if direction == "maintain":
        return side == -1 if side is not None else target_value == 0
    return False


def meets(value: float, target: float, lower: bool) -> bool:
    """Return whether ``value`` reaches ``target`` (at or below it when lower is better)."""
    slack = TOLERANCE * max(1.0, abs(target))
    return value <= target + slack if lower else value >= target - slack


def better(value: float, other: float, lower: bool) -> bool:
    """Return whether ``value`` is strictly better than ``other``."""
    slack = TOLERANCE * max(1.0, abs(other))
    return value < other - slack if lower else value > other + slack


def actual_value(facts: IndicatorFacts, year: int) -> float | None:
    """Return the actual graded in ``year``: the value, or for cumulative facts the running sum."""
    point = facts.actuals.get(year)
    if point is None or point.value is None:
        return None
    if not facts.cumulative:
        return point.value
    start = facts.baseline.year if facts.baseline is not None else min(facts.actuals) - 1
    return sum(
        p.value for y, p in facts.actuals.items() if start < y <= year and p.value is not None
    )


def is_lower_better(facts: IndicatorFacts, params: Mapping[str, float]) -> bool:
    """Return whether lower is better for these facts (ranks, decreases, zero 維持 targets)."""
    side = params.get("maintain_side")
    return lower_is_better(facts.direction, facts.target.value, rank=facts.rank, side=side)


def rounded(ratio: float) -> float:
    """Round a ratio to 0.1 percentage point, the precision that is published and graded."""
    return round(ratio, 3)
