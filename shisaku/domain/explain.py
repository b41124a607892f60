"""The sentences that explain grades and forecasts, each said in Japanese or English.

The domain explains a grade from fixed phrases and values (「達成率 71.4% → C（60%以上80%未満）」).
A :class:`Text` is such a sentence: as a ``str`` it is the Japanese (what reports, frozen
evaluation sheets and the API hold, unchanged), and it keeps the phrase and the values it was
built from, so :func:`in_language` says it in English too.  :data:`PHRASES` holds every phrase
in both languages.  Values are said as given: numbers read the same in both languages, the
labels of the preset scales have their English in :data:`LABELS`, and text a city typed (a
label of its own scale, a part's name, 「策定」) stays as typed.  An English sentence holding
typed Japanese is not half translated: :func:`in_language` returns None, and the page shows the
Japanese, counted as untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from typing import Any, Literal

Lang = Literal["ja", "en"]
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")

# key: (Japanese, English); each {name} is filled with a value or another phrase.
PHRASES: dict[str, tuple[str, str]] = {
    # the inputs of an explanation
    "in.direction": ("方向", "Direction"),
    "in.baseline": ("基準値", "Baseline"),
    "in.target": ("目標値", "Target"),
    "in.actual": ("実績値", "Actual"),
    "in.year": ("評価年度", "Year assessed"),
    "in.year_target": ("{year}年度の目標値", "Target for FY{year}"),
    "in.target_text": ("目標", "Target"),
    "in.actuals": ("実績", "Actual"),
    "direction.increase": ("増加（↑）", "Increase (↑)"),
    "direction.decrease": ("減少（↓）", "Decrease (↓)"),
    "direction.maintain": ("維持", "Maintain"),
    "direction.qualitative": ("定性", "Qualitative"),
    "direction.rank": ("順位（小さいほど良い）", "Rank (smaller is better)"),
    "at_year": ("{value}（{year}）", "{value} ({year})"),
    "at_year.cumulative": ("{value}（{year}、累計）", "{value} ({year}, cumulative)"),
    "interpolated": ("{value}（補間）", "{value} (interpolated)"),
    "none": ("なし", "none"),
    "year_value": ("{year}: {value}", "{year}: {value}"),
    # names inside formulas
    "name.target": ("目標", "target"),
    "name.year_target": ("年度目標", "year target"),
    "name.target_value": ("目標値", "target"),
    "actual_over": ("実績 ÷ {name}", "actual ÷ {name}"),
    "over_actual": ("{name} ÷ 実績", "{name} ÷ actual"),
    "ratio": ("{formula} = {x} ÷ {y} = {ratio}", "{formula} = {x} ÷ {y} = {ratio}"),
    "progress": (
        "{lead}(実績 − 基準) ÷ ({name} − 基準) = ({a} − {b}) ÷ ({t} − {b}) = {ratio}",
        "{lead}(actual − baseline) ÷ ({name} − baseline) = ({a} − {b}) ÷ ({t} − {b}) = {ratio}",
    ),
    "progress.lead": (
        "{why}基準値からの進捗率で評価します：",
        "{why}progress from the baseline is graded: ",
    ),
    "pro_rata": (
        "進捗率 ÷ (経過年数 ÷ 計画年数) = ({a} − {b}) ÷ ({t} − {b}) ÷ ({elapsed} ÷ {total})"
        " = {done} ÷ {share} = {ratio}",
        "progress ÷ (years elapsed ÷ years planned) = ({a} − {b}) ÷ ({t} − {b})"
        " ÷ ({elapsed} ÷ {total}) = {done} ÷ {share} = {ratio}",
    ),
    "growth": (
        "R = d × 実績の年平均成長率 ÷ |必要な年平均成長率| = {sign} × {actual} ÷ {needed}"
        " = {ratio}（実績: ({a} ÷ {b})^(1/{years}) − 1、必要: ({t} ÷ {b})^(1/{span}) − 1）",
        "R = d × actual annual growth ÷ |needed annual growth| = {sign} × {actual} ÷ {needed}"
        " = {ratio} (actual: ({a} ÷ {b})^(1/{years}) − 1, needed: ({t} ÷ {b})^(1/{span}) − 1)",
    ),
    # why a formula cannot be used, and what is done instead
    "why": ("{reason}「{formula}」は使えず、", "{reason}, so “{formula}” cannot be used; "),
    "why.zero_target": ("{name}値が0のため", "the {name} is 0"),
    "why.zero_actual": ("実績値が0のため", "the actual is 0"),
    "why.negative": ("負の値を含むため", "a value is negative"),
    "why.no_baseline_either": ("{why}基準値もないため", "{why}there is no baseline either"),
    "flat.met": ("{name}値は基準値の時点で達成済みのため", "the baseline already meets the {name}"),
    "flat.same": ("{name}値が基準値と同じため", "the {name} equals the baseline"),
    "then": ("{first}{then}", "{first}{then}"),
    "met_or_not": (
        "{reason}、実績が目標値を満たすかで判定：実績 {a} {sign} {name} {t} → {verdict}",
        "{reason}, so the grade is whether the actual meets the target:"
        " actual {a} {sign} {name} {t} → {verdict}",
    ),
    "met": ("達成（100%）", "met (100%)"),
    "not_met": ("未達成（0%）", "not met (0%)"),
    # what cannot be graded
    "no_actual_in": (
        "{year}年度の実績値がありません（未評価として扱い、0とはみなしません）",
        "There is no actual for FY{year} (left unassessed, never counted as 0)",
    ),
    "no_actual_value": ("実績値がありません", "There is no actual"),
    "target_not_number": ("目標値が数値ではありません", "The target is not a number"),
    "no_baseline.progress": (
        "基準値がないため、進捗率は計算できません",
        "Progress cannot be computed without a baseline",
    ),
    "no_baseline.pro_rata": (
        "基準値がないため、按分した進捗は計算できません",
        "Pro-rata progress cannot be computed without a baseline",
    ),
    "no_baseline.band": (
        "基準値がないため、基準値との比較はできません",
        "There is no baseline to compare with",
    ),
    "no_baseline.growth": (
        "成長率の計算には、評価年度・目標年度より前の基準値が必要です",
        "Growth rates need a baseline before the year assessed and the target year",
    ),
    "not_positive.growth": (
        "年平均成長率は正の値でしか計算できません",
        "Compound annual growth needs positive values",
    ),
    "years_not_after": (
        "評価年度または目標年度が基準年度より後ではありません",
        "The year assessed or the target year is not after the baseline year",
    ),
    "no_year_target": (
        "{year}年度の目標値がありません{hint}",
        "There is no target for FY{year}{hint}",
    ),
    "interpolate_hint": (
        "（補間するには interpolate = 1）",
        " (set interpolate = 1 to interpolate)",
    ),
    "no_target_text": (
        "目標の記述（例：策定）がありません",
        "The target is not described (such as “adopted”)",
    ),
    "no_comparator": ("比較する{name}がありません", "There is no {name} to compare with"),
    "no_part": ("評価できる区分がありません", "No part can be graded"),
    # results
    "result": ("{shown} → {grade}", "{shown} → {grade}"),
    "result.label": ("{graded}（{label}）", "{graded} ({label})"),
    "shown": ("{name} {score}", "{name} {score}"),
    "score.achievement": ("達成率", "Achievement"),
    "score.progress": ("進捗率", "Progress"),
    "score.pro_rata": ("按分進捗率", "Pro-rata progress"),
    "score.growth": ("比率R", "Ratio R"),
    "not_graded": ("評価対象外", "Not graded"),
    "no_actual": ("実績なし", "No actual"),
    "points": ("{points}点", "{points} points"),
    "point": ("{points}点", "{points} point"),
    "level": ("水準{level}", "level {level}"),
    # qualitative targets
    "qualitative": (
        "定性目標：実績「{actual}」{sign}目標「{target}」 → {verdict}",
        "Qualitative target: actual “{actual}” {sign} target “{target}” → {verdict}",
    ),
    "equals": ("＝", "="),
    "differs": ("≠", "≠"),
    # band
    "band": (
        "{rule}：実績 {a}、基準値 {b}、目標値 {t}",
        "{rule}: actual {a}, baseline {b}, target {t}",
    ),
    "band.points": (
        "基準値 ± {width}ポイントを同水準とする",
        "the baseline ± {width} points counts as the same level",
    ),
    "band.pct": (
        "基準値 ± {pct}%（± {width}）を同水準とする",
        "the baseline ± {pct}% (± {width}) counts as the same level",
    ),
    "band.3": ("目標値を達成", "Target met"),
    "band.2": ("基準値より改善", "Better than the baseline"),
    "band.1": ("基準値と同水準", "Same level as the baseline"),
    "band.0": ("基準値より悪化", "Worse than the baseline"),
    # points
    "points.formula": (
        "{formula} → 達成率 {ratio} は{floor} → {points}",
        "{formula} → achievement {ratio} is {floor} → {points}",
    ),
    "points.floor": ("{ratio}以上", "{ratio} or more"),
    "points.below": ("基準未満", "under the lowest step"),
    # expectation and forecasts
    "already_met": ("既に達成", "Already met"),
    "likely": ("達成見込み", "Likely to be met"),
    "unlikely": ("達成困難見込み", "Unlikely to be met"),
    "insufficient_data": ("推計不能", "Cannot be projected"),
    "meets_target": (
        "実績 {actual} が目標値を満たしています",
        "The actual {actual} meets the target",
    ),
    "forecast.result": (
        "{likelihood}（目標 {target} 以上が達成）",
        "{likelihood} (the target is met at {target} or more)",
    ),
    "forecast.result.lower": (
        "{likelihood}（目標 {target} 以下が達成）",
        "{likelihood} (the target is met at {target} or less)",
    ),
    "forecast.qualitative": (
        "定性的な目標は数値で推計できません",
        "A qualitative target cannot be projected in numbers",
    ),
    "forecast.too_few": (
        "推計には{needed}時点以上の実績が必要です（{given}時点）",
        "A projection needs actuals for at least {needed} years ({given} given)",
    ),
    "forecast.formulas": ("{linear}。{compound}", "{linear}. {compound}"),
    "forecast.linear": (
        "最小二乗法による直線回帰（{first}〜{last}年度の{n}時点）："
        "傾き {slope}/年、{year}年度の推計値 {value}",
        "Least-squares line (FY{first}–FY{last}, {n} points):"
        " slope {slope} a year, projection for FY{year} {value}",
    ),
    "forecast.compound": (
        "年平均成長率（{first}→{last}）= ({x} ÷ {y})^(1/{years}) − 1 = {rate}、"
        "{year}年度の推計値 = {x} × (1 {step})^{ahead} = {value}",
        "Compound annual growth ({first}→{last}) = ({x} ÷ {y})^(1/{years}) − 1 = {rate},"
        " projection for FY{year} = {x} × (1 {step})^{ahead} = {value}",
    ),
    "forecast.not_positive": (
        "年平均成長率：0以下の値を含むため計算できません",
        "Compound annual growth: not computed, a value is zero or less",
    ),
    # parts of an indicator
    "parts.left_out": (
        "（評価できない区分 {names} を除く）",
        " (leaving out the parts that cannot be graded: {names})",
    ),
    "parts.worst": (
        "区分ごとに評価し、最も低い区分（{name}）の評価を全体の評価とする{note}",
        "Each part is graded, and the lowest part ({name}) gives the grade of the whole{note}",
    ),
    "parts.worst.result": ("{name}の評価", "the grade of {name}"),
    "parts.mean": (
        "区分の平均で評価する{note}：({scores}) ÷ {n} = {mean}",
        "The mean of the parts is graded{note}: ({scores}) ÷ {n} = {mean}",
    ),
    "parts.mean.result": ("平均 {mean}", "mean {mean}"),
    # the rule of a roll-up
    "rollup.rule": (
        "評価済みの指標のうち {grades} の割合{weights}。未評価（{missing}）は分母に含めない",
        "Share of {grades} among the assessed indicators{weights};"
        " unassessed ({missing}) ones are left out",
    ),
    "rollup.weighted": (
        "（重み付き。重みは評価済みの指標の合計が1になるよう正規化）",
        " (weighted; the weights are rescaled to sum to 1 over the assessed indicators)",
    ),
    "rollup.no_grade": ("（なし）", "(none)"),
}
# key: (Japanese, English, English before the last item) to join a list.
JOINS: dict[str, tuple[str, str, str]] = {
    "list": ("、", ", ", ", "),
    "parts": ("・", ", ", ", "),
    "grades": ("・", ", ", " and "),
    "sum": (" + ", " + ", " + "),
}
# The labels of the preset grade scales (shisaku.domain.assessment.PRESETS) in English.
LABELS: dict[str, str] = {
    "未評価": "Not assessed",
    "把握不可": "not known",
    "100%以上": "100% or more",
    "90%以上": "90% or more",
    "80%以上": "80% or more",
    "70%以上": "70% or more",
    "60%以上": "60% or more",
    "50%以上": "50% or more",
    "80%以上100%未満": "80% to under 100%",
    "60%以上80%未満": "60% to under 80%",
    "50%以上75%未満": "50% to under 75%",
    "概ね75%以上100%未満": "about 75% to under 100%",
    "60%未満": "under 60%",
    "50%未満": "under 50%",
    "達成率100%以上": "achievement 100% or more",
    "目標値超": "beyond the target",
    "基準値超": "beyond the baseline",
    "同水準": "about the same",
    "下落": "fell",
    "按分進捗率100%以上": "pro-rata progress 100% or more",
    "按分進捗率60%以上100%未満": "pro-rata progress 60% to under 100%",
    "按分進捗率60%未満": "pro-rata progress under 60%",
    "実績が目標値に到達": "the actual has reached the target",
    "傾向から目標年度に達成見込み": "the trend meets the target in its year",
    "傾向から目標年度の達成は困難": "the trend falls short of the target in its year",
    "R 95%以上": "R 95% or more",
    "R 60%以上95%未満": "R 60% to under 95%",
    "R 0%以上60%未満": "R 0% to under 60%",
    "R 0%未満": "R under 0%",
}


# Whether sentences are left unsaid (:func:`unsaid`), in this thread or task only.
_UNSAID: ContextVar[bool] = ContextVar("unsaid", default=False)


class Text(str):
    """A sentence built from a phrase and its values: as a ``str``, the Japanese."""

    parts: tuple[str, Mapping[str, str], tuple[str, ...]]  # key, values, items of a list

    def __new__(cls, key: str, /, **values: str) -> Text:
        """Return the phrase ``key`` (of :data:`PHRASES`) filled with ``values``."""
        if not values and key in FIXED:
            return FIXED[key]
        if _UNSAID.get():
            return UNSAID
        text = str.__new__(cls, PHRASES[key][0].format_map(values))
        text.parts = (key, values, ())
        return text

    @classmethod
    def joined(cls, key: str, items: Iterable[str]) -> Text:
        """Return ``items`` joined as :data:`JOINS` says for ``key``."""
        if _UNSAID.get():
            return UNSAID
        listed = tuple(items)
        text = str.__new__(cls, JOINS[key][0].join(listed))
        text.parts = (key, {}, listed)
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        key, values, items = self.parts
        return (Text.joined, (key, items)) if key in JOINS else (_phrase, (key, values))


# The phrases without values, built once (a plan's grades hold thousands of them).
FIXED: dict[str, Text] = {}
FIXED.update((key, Text(key)) for key, (ja, _) in PHRASES.items() if "{" not in ja)


# What every sentence with values is while they are left unsaid: one fixed, non-empty phrase
# (the code that builds sentences may ask whether one is empty, never what it says).
UNSAID = FIXED["none"]


class unsaid:  # a lower-case name: used as a function, ``with unsaid():``
    """Leave the sentences with values unsaid in the block, for code that runs the grading
    only for its grades (a table of grades): every such :class:`Text` is :data:`UNSAID`, not
    written out, which is most of a grade's time.  The block's code must let no sentence out.

    A class rather than a generator, entered once an indicator and year: a third of the cost.
    """

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token = _UNSAID.set(True)

    def __exit__(self, *exc: object) -> None:
        _UNSAID.reset(self._token)


def _phrase(key: str, values: Mapping[str, str]) -> Text:
    """Rebuild a pickled phrase."""
    return Text(key, **values)


def _english(text: Text) -> str | None:
    """Return a sentence in English, or None when one of its values is typed Japanese."""
    key, values, items = text.parts
    if key in JOINS:
        listed = [_say(item) for item in items]
        return None if None in listed else _join(JOINS[key], listed)
    said = {name: _say(value) for name, value in values.items()}
    return None if None in said.values() else PHRASES[key][1].format_map(said)


def _join(joins: tuple[str, str, str], items: list[Any]) -> str:
    """Join a list in English, with the word before its last item (A and B)."""
    _, each, last = joins
    return each.join(items) if len(items) < 2 else each.join(items[:-1]) + last + items[-1]


def _say(value: str) -> str | None:
    """Return a value in English: a phrase said, a preset label in English, else as given
    (None when it is typed Japanese)."""
    if isinstance(value, Text):
        return _english(value)
    if value in LABELS:
        return LABELS[value]
    return None if JAPANESE.search(value) else value


def in_language(text: str, lang: Lang) -> str | None:
    """Return a generated sentence or label in ``lang``: the Japanese as it is, or English
    beginning with a capital, None when it cannot be said in English (text a city typed in
    Japanese)."""
    if lang == "ja":
        return str(text)
    said = _say(text)
    if said is None:
        return None
    said = said.strip()
    return said[:1].upper() + said[1:]
