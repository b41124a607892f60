"""Grade an indicator's progress the way its plan says to: methods and grade scales as data.

:func:`assess` takes the facts of one indicator (numbers, read from the plan's cells
elsewhere), a year and a :class:`MethodConfig` (a method from :data:`METHODS`, its numeric
parameters and a :class:`GradeScale`), and returns an :class:`Assessment` whose explanation
shows the inputs and the formula with the numbers put in, in Japanese that
:mod:`shisaku.domain.explain` says in English too. In order:

1. an indicator with components (小学生 / 中学生) grades each part with the same config and
   takes the worst part's grade (or, with ``components_mean`` = 1, grades the mean of the
   parts' scores); parts without an actual are left out and named;
2. no actual in that year → the scale's missing grade (X), status ``no_actual``: never zero;
3. a qualitative target (策定) → done when the actual's text equals the target's (after NFKC
   normalisation): the scale's best grade and ratio 1.0, else its lowest grade and 0.0;
4. a target with a label and no number (「全国値」) → the comparator's value for that year;
   without one, status ``not_applicable`` (「比較する全国値がありません」);
5. the method's score → the scale's grade. A method that cannot apply gives
   ``not_applicable`` and the missing grade, with the reason.

:data:`PRESETS` holds the configurations of the plans studied (DOMAIN.md §3).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from shisaku.domain.assessment_methods import (
    COMMON_PARAMS,
    METHODS,
    Method,
    Unit,
    points_text,
)
from shisaku.domain.assessment_scales import (
    Assessment,
    Direction,
    Explanation,
    GradeScale,
    IndicatorFacts,
    Point,
    Status,
    fmt_number,
    fmt_percent,
    rounded,
)
from shisaku.domain.explain import Text, unsaid

__all__ = [
    "METHODS",
    "PRESETS",
    "Assessment",
    "Direction",
    "Explanation",
    "Grade",
    "GradeScale",
    "IndicatorFacts",
    "Method",
    "MethodConfig",
    "Point",
    "assess",
    "grade_of",
]


@dataclass(frozen=True)
class MethodConfig:
    """A plan's way of grading: a registered method, its numeric parameters and a scale."""

    method: str
    scale: GradeScale
    params: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(
                f"評価方法 {self.method!r} は登録されていません。使える方法: {', '.join(METHODS)}"
            )
        accepted = {**COMMON_PARAMS, **METHODS[self.method].params}
        for name, value in self.params.items():
            if name not in accepted:
                raise ValueError(
                    f"評価方法 {self.method!r} にパラメータ {name!r} はありません。"
                    f"使えるもの: {', '.join(accepted)}"
                )
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"パラメータ {name!r} は数値にしてください（{value!r}）")

    @property
    def unit(self) -> Unit:
        """Return what the method's score is: a ratio, a level or points."""
        return METHODS[self.method].unit

    def to_dict(self) -> dict[str, Any]:
        """Return the configuration as JSON-ready data."""
        return {"method": self.method, "scale": self.scale.to_dict(), "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MethodConfig:
        """Build a configuration from :meth:`to_dict` data, refusing unknown methods or params."""
        scale = data.get("scale")
        if not isinstance(scale, Mapping):
            raise ValueError("評価設定に scale（評価尺度）がありません")
        params = data.get("params") or {}
        if not isinstance(params, Mapping):
            raise ValueError("評価設定の params は {名前: 数値} にしてください")
        return cls(str(data.get("method", "")), GradeScale.from_dict(scale), dict(params))


def assess(facts: IndicatorFacts, year: int, config: MethodConfig) -> Assessment:
    """Grade ``facts`` in ``year`` with ``config``, explaining how."""
    if facts.components:
        return _assess_components(facts, year, config)
    point = facts.actuals.get(year)
    if point is None or not _has_actual(facts, point):
        why = Text("no_actual_in", year=str(year))
        return _ungraded(config.scale, "no_actual", {Text("in.year"): str(year)}, why)
    if facts.direction == "qualitative":
        return _assess_qualitative(facts, point, config.scale)
    if facts.target.value is None:
        return _assess_against_comparator(facts, year, config)
    score, explanation = METHODS[config.method](facts, year, config.params)
    return _graded(score, explanation, config)


class Grade(NamedTuple):
    """An assessment without its explanation: what a table of grades holds."""

    grade: str
    label: str
    status: Status
    ratio: float | None
    score: float | None

    @classmethod
    def of(cls, assessment: Assessment) -> Grade:
        """Return the grade of an assessment."""
        a = assessment
        return cls(a.grade, a.label, a.status, a.ratio, a.score)


def grade_of(facts: IndicatorFacts, year: int, config: MethodConfig) -> Grade:
    """Grade ``facts`` in ``year`` with ``config`` as :func:`assess` does, by the same code,
    leaving its explanation unsaid (:func:`~shisaku.domain.explain.unsaid`): writing out its
    sentences is most of the time an assessment takes, and a table of grades shows none."""
    with unsaid():
        return Grade.of(assess(facts, year, config))


def _has_actual(facts: IndicatorFacts, point: Point) -> bool:
    """Return whether a point holds an actual: a number, or text for a qualitative target."""
    if facts.direction == "qualitative":
        return bool(point.label.strip())
    return point.value is not None


def _graded(score: float | None, explanation: Explanation, config: MethodConfig) -> Assessment:
    """Turn a method's score into a grade of the scale (not applicable when there is none)."""
    scale = config.scale
    if score is None:
        return _ungraded(scale, "not_applicable", explanation.inputs, explanation.formula)
    grade = scale.grade(score)
    label = scale.labels.get(grade, "")
    result = _result_line(explanation.result, grade, label)
    ratio = score if config.unit == "ratio" else None
    return Assessment(
        grade,
        ratio,
        Explanation(explanation.inputs, explanation.formula, result),
        "graded",
        score,
        label,
    )


def _result_line(shown: str, grade: str, label: str) -> str:
    """Return the result line (達成率 79.3% → C), the grade once if it is the result."""
    graded = grade if shown == grade else Text("result", shown=shown, grade=grade)
    return Text("result.label", graded=graded, label=label) if label else graded


def _ungraded(scale: GradeScale, status: Status, inputs: dict[str, str], why: str) -> Assessment:
    """Return the scale's missing grade with the reason (never a zero)."""
    grade = scale.missing
    label = scale.labels.get(grade, "")
    shown = Text("no_actual" if status == "no_actual" else "not_graded")
    result = _result_line(shown, grade, label)
    return Assessment(grade, None, Explanation(inputs, why, result), status, None, label)


def _same_text(a: str, b: str) -> bool:
    """Compare two texts ignoring character width (NFKC) and spaces (letter-spaced 「策 定」)."""
    return _plain_text(a) == _plain_text(b)


def _plain_text(text: str) -> str:
    """Return ``text`` NFKC-normalised without any whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _assess_qualitative(facts: IndicatorFacts, point: Point, scale: GradeScale) -> Assessment:
    """Grade a qualitative target: done (best grade, 100%) when the texts match, else not (0%)."""
    wanted = facts.target.label
    inputs: dict[str, str] = {Text("in.direction"): Text("direction.qualitative")}
    inputs[Text("in.target_text")] = Text("at_year", value=wanted, year=str(facts.target.year))
    inputs[Text("in.actuals")] = Text("at_year", value=point.label, year=str(point.year))
    if not wanted.strip():
        return _ungraded(scale, "not_applicable", inputs, Text("no_target_text"))
    done = _same_text(point.label, wanted)
    grade = scale.bands[0][1] if done else scale.bands[-1][1]
    label = scale.labels.get(grade, "")
    sign, verdict = (Text("equals"), Text("met")) if done else (Text("differs"), Text("not_met"))
    formula = Text("qualitative", actual=point.label, sign=sign, target=wanted, verdict=verdict)
    result = _result_line(verdict, grade, label)
    ratio = 1.0 if done else 0.0
    return Assessment(grade, ratio, Explanation(inputs, formula, result), "graded", ratio, label)


def _assess_against_comparator(
    facts: IndicatorFacts, year: int, config: MethodConfig
) -> Assessment:
    """Grade a target such as 「全国値」 against the comparator's value for ``year``."""
    name = facts.target.label or Text("name.target_value")
    value = facts.comparator.get(year)
    if not facts.target.label or value is None:
        inputs: dict[str, str] = {
            Text("in.target"): Text("at_year", value=name, year=str(facts.target.year)),
            Text("in.year"): str(year),
        }
        why = Text("no_comparator", name=name)
        return _ungraded(config.scale, "not_applicable", inputs, why)
    target = Point(facts.target.year, value, name)
    resolved = replace(facts, target=target)
    score, explanation = METHODS[config.method](resolved, year, config.params)
    shown = fmt_number(value, facts.decimals or 0)
    explanation.inputs[Text("at_year", value=name, year=str(year))] = shown
    return _graded(score, explanation, config)


def _assess_components(facts: IndicatorFacts, year: int, config: MethodConfig) -> Assessment:
    """Grade each component; combine by the worst part or (``components_mean``) the mean score."""
    parts = {name: assess(part, year, config) for name, part in facts.components.items()}
    inputs = {name: part.explanation.result for name, part in parts.items()}
    graded = {name: part for name, part in parts.items() if part.status == "graded"}
    if not graded:
        status: Status = (
            "no_actual"
            if all(p.status == "no_actual" for p in parts.values())
            else "not_applicable"
        )
        return _ungraded(config.scale, status, inputs, Text("no_part"))
    skipped = [name for name in parts if name not in graded]
    note = Text("parts.left_out", names=Text.joined("parts", skipped)) if skipped else ""
    if config.params.get("components_mean", 0) == 1:
        return _mean_of_parts(graded, inputs, note, config)
    return _worst_of_parts(graded, inputs, note, config.scale)


def _worst_of_parts(
    graded: Mapping[str, Assessment], inputs: dict[str, str], note: str, scale: GradeScale
) -> Assessment:
    """Take the grade of the worst component as the indicator's grade."""
    order = scale.grades()
    name, worst = max(graded.items(), key=lambda item: order.index(item[1].grade))
    formula = Text("parts.worst", name=name, note=note)
    result = _result_line(Text("parts.worst.result", name=name), worst.grade, worst.label)
    explanation = Explanation(inputs, formula, result)
    return Assessment(worst.grade, worst.ratio, explanation, "graded", worst.score, worst.label)


def _mean_of_parts(
    graded: Mapping[str, Assessment], inputs: dict[str, str], note: str, config: MethodConfig
) -> Assessment:
    """Grade the mean of the components' scores."""
    scores = [part.score for part in graded.values() if part.score is not None]
    mean = sum(scores) / len(scores)
    if config.unit == "ratio":
        mean = rounded(mean)
    shown = Text.joined("sum", [_fmt_score(s, config.unit) for s in scores])
    average = _fmt_score(mean, config.unit)
    formula = Text("parts.mean", note=note, scores=shown, n=str(len(scores)), mean=average)
    explanation = Explanation(inputs, formula, Text("parts.mean.result", mean=average))
    return _graded(mean, explanation, config)


def _fmt_score(score: float, unit: Unit) -> str:
    """Format a score in its unit: 79.3%, 5点, 水準2."""
    if unit == "ratio":
        return fmt_percent(score)
    return points_text(score) if unit == "points" else Text("level", level=f"{score:g}")


def _scale(
    name: str,
    bands: list[tuple[float, str, str]],
    on_track: set[str],
    missing: str = "X",
    missing_label: str = "未評価",
) -> GradeScale:
    """Build a preset scale from (minimum, grade, label) rows."""
    labels = {grade: label for _, grade, label in bands} | {missing: missing_label}
    return GradeScale(
        name, tuple((m, g) for m, g, _ in bands), missing, labels, frozenset(on_track)
    )


LOWEST = -math.inf
PRESETS: dict[str, MethodConfig] = {
    "aomori": MethodConfig(
        "ratio_to_year_target",
        _scale(
            "青森市",
            [
                (1.0, "A", "100%以上"),
                (0.75, "B", "概ね75%以上100%未満"),
                (0.5, "C", "50%以上75%未満"),
                (LOWEST, "D", "50%未満"),
            ],
            {"A", "B"},
        ),
    ),
    "uda": MethodConfig(
        "ratio_to_target",
        _scale(
            "宇陀市",
            [
                (1.0, "A", "100%以上"),
                (0.8, "B", "80%以上100%未満"),
                (0.6, "C", "60%以上80%未満"),
                (LOWEST, "D", "60%未満"),
            ],
            {"A", "B"},
        ),
    ),
    "nagayo": MethodConfig(
        "band",
        _scale(
            "長与町",
            [(3, "S", "目標値超"), (2, "A", "基準値超"), (1, "B", "同水準"), (LOWEST, "C", "下落")],
            {"S", "A"},
            missing="−",
            missing_label="把握不可",
        ),
        {"band_pct": 10.0},
    ),
    "tama": MethodConfig(
        "pro_rata",
        _scale(
            "多摩市",
            [
                (1.0, "着実に進行", "按分進捗率100%以上"),
                (0.6, "概ね順調", "按分進捗率60%以上100%未満"),
                (LOWEST, "改善が必要", "按分進捗率60%未満"),
            ],
            {"着実に進行", "概ね順調"},
        ),
    ),
    "sapporo": MethodConfig(
        "expectation",
        _scale(
            "札幌市",
            [
                (2, "既に達成", "実績が目標値に到達"),
                (1, "達成見込み", "傾向から目標年度に達成見込み"),
                (LOWEST, "達成困難見込み", "傾向から目標年度の達成は困難"),
            ],
            {"既に達成", "達成見込み"},
        ),
    ),
    "sano": MethodConfig(
        "points",
        _scale(
            "点数（佐野市方式）",
            [
                (7, "7", "達成率100%以上"),
                (6, "6", "90%以上"),
                (5, "5", "80%以上"),
                (4, "4", "70%以上"),
                (3, "3", "60%以上"),
                (2, "2", "50%以上"),
                (LOWEST, "1", "50%未満"),
            ],
            {"7", "6", "5"},
        ),
    ),
    "open_sdg": MethodConfig(
        "growth_rate",
        _scale(
            "Open SDG",
            [
                (0.95, "順調", "R 95%以上"),
                (0.6, "加速が必要", "R 60%以上95%未満"),
                (0.0, "進展が限定的", "R 0%以上60%未満"),
                (LOWEST, "悪化", "R 0%未満"),
            ],
            {"順調"},
        ),
    ),
}


DEFAULT_PRESET = "uda"  # ratio to the final target, A ≥100% / B ≥80% / C ≥60% / D <60%


def config_from_setting(setting: Mapping[str, Any]) -> tuple[MethodConfig, str]:
    """Return a plan's method and scale from its stored setting, and the preset name if any.

    The setting is ``{}`` (the default preset), ``{"preset": NAME}``, or a full
    :meth:`MethodConfig.to_dict`; anything else raises ValueError saying what is accepted.
    """
    if "method" in setting:
        return MethodConfig.from_dict(setting), ""
    unknown = set(setting) - {"preset"}
    if unknown:
        raise ValueError(
            f"評価設定の {', '.join(sorted(unknown))} は使えません（preset か method）"
        )
    preset = str(setting.get("preset") or DEFAULT_PRESET)
    if preset not in PRESETS:
        raise ValueError(f"評価の既定 {preset!r} はありません。使えるもの: {', '.join(PRESETS)}")
    return PRESETS[preset], preset
