"""How many figures one upload may add to one indicator for one year.

One indicator with 200,000 breakdown rows made its public page 88 MB and the API's list of
indicators 63 MB: every reader of the plan pays for what one upload wrote. An upload (a CSV or
xlsx import, in the workspace or with ``shisaku import-indicators``) is therefore refused when
it holds more than the limit (``SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR``) of figures for one
indicator in one year (the year a figure's period ends), all kinds and breakdowns together.
The refusal names the file, the indicator, the year and the limit; nothing is written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from shisaku.domain.indicatordata import FigureInput, InputError, Place

SETTING = "SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR"

Key = tuple[str, str, str, int]  # municipality code, plan, indicator code, year


def over_limit_message(indicator_code: str, year_label: str, count: int, limit: int) -> str:
    """Return why an upload is refused: too many figures for one indicator in one year."""
    return (
        f"指標 {indicator_code} の {year_label}の数値が {count} 件あります。1 回の取り込みで "
        f"1 つの指標の 1 年に加えられる数値は {limit} 件までです（設定 {SETTING}）。"
        "何も書き込んでいません"
    )


def _key(f: FigureInput) -> Key:
    """Return the indicator and year a figure counts against."""
    return (f.municipality_code, f.plan, f.indicator_code, f.period.end)


def _year_label(f: FigureInput) -> str:
    """Return the year of a figure as plans write it: 2025年度 (fiscal) or 2025年."""
    return f"{f.period.end}年度" if f.period.basis == "fiscal" else f"{f.period.end}年"


def over_limit(figures: Iterable[FigureInput], limit: int) -> list[InputError]:
    """Return one error per indicator and year with more than ``limit`` figures, at the file
    whose row went over the limit, in the order they were found."""
    figures = list(figures)
    counts = Counter(_key(f) for f in figures)
    seen: Counter[Key] = Counter()
    errors: list[InputError] = []
    for f in figures:
        key = _key(f)
        seen[key] += 1
        if seen[key] == limit + 1:
            message = over_limit_message(f.indicator_code, _year_label(f), counts[key], limit)
            errors.append(InputError(Place(f.place.source), message))
    return errors
