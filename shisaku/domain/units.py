"""Fitting a typed value's unit to its indicator's unit: the same unit spelled another way is
written as the indicator writes it (56.0パーセント on a % indicator is stored in %); a different
unit is refused, naming the spellings accepted.

Only spellings of one unit are treated as the same: 千人 is not 人 (nothing is multiplied,
see ``values``), so it is refused on an indicator counted in 人.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from shisaku.domain.values import Reading

# one unit → its other spellings (compared after NFKC and lower-casing)
SPELLINGS: dict[str, tuple[str, ...]] = {
    "%": ("%", "パーセント", "percent", "pct"),
    "人": ("人", "名"),
    "箇所": ("箇所", "か所", "ヶ所", "カ所", "ケ所", "个所"),
    "ポイント": ("ポイント", "pt", "point", "points"),
    "回": ("回",),
    "㎡": ("㎡", "m2", "m²", "平方メートル"),
    "km": ("km", "キロメートル"),
    "t": ("t", "トン"),
}


class UnitError(ValueError):
    """The typed unit is not the indicator's unit; the message names what is accepted."""


def _plain(unit: str) -> str:
    """Return a unit for comparison: NFKC (％ → %, ｍ → m), lower case, no spaces."""
    return unicodedata.normalize("NFKC", unit).strip().lower().replace(" ", "")


def _group(unit: str) -> tuple[str, ...]:
    """Return every spelling of a unit (itself alone when it has no other spelling)."""
    plain = _plain(unit)
    for spellings in SPELLINGS.values():
        if plain in {_plain(s) for s in spellings}:
            return spellings
    return (unit,)


def same_unit(typed: str, expected: str) -> bool:
    """Return whether two units are spellings of one unit."""
    return _plain(typed) in {_plain(s) for s in _group(expected)}


def accepted_spellings(expected: str) -> str:
    """Return the spellings accepted for a unit, for a message: 「%、パーセント」."""
    spellings = dict.fromkeys([expected, *_group(expected)])
    return "、".join(spellings)


def fit_unit(reading: Reading, expected: str) -> Reading:
    """Return the reading with the indicator's unit, or raise UnitError for another unit.

    A value typed without a unit, a value that is not a number, and an indicator without a
    unit are left as they are.
    """
    if reading.kind != "number" or not reading.unit or not expected.strip():
        return reading
    if reading.unit == expected:
        return reading
    if same_unit(reading.unit, expected):
        return replace(reading, unit=expected)
    raise UnitError(
        f"単位「{reading.unit}」はこの指標の単位（{expected}）ではありません。"
        f"使える書き方: {accepted_spellings(expected)}（単位を書かなくても構いません）"
    )
