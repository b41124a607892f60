"""The 47 prefectures (都道府県), read from shisaku/data/prefectures.csv.

A municipality's prefecture is the first two digits of its 全国地方公共団体コード
(022012 青森市 → 02 青森県; 010006 北海道 is the prefecture itself).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Prefecture:
    """A prefecture: its two-digit code and its names."""

    code: str
    name_ja: str
    name_en: str


@cache
def prefectures() -> dict[str, Prefecture]:
    """Return every prefecture by its two-digit code, in code order."""
    text = resources.files("shisaku").joinpath("data/prefectures.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return {r["code"]: Prefecture(r["code"], r["name_ja"], r["name_en"]) for r in rows}


def prefecture_code(municipality_code: str) -> str:
    """Return the prefecture part of a municipality code (its first two digits)."""
    return municipality_code[:2]


def prefecture_of(municipality_code: str) -> Prefecture | None:
    """Return a municipality's prefecture, or None when its code names none (999997)."""
    return prefectures().get(prefecture_code(municipality_code))
