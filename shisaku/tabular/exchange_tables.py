"""The indicator exchange files (``definitions.csv`` and ``figures.csv`` of ``shisaku
export-indicators``, a published copy's ``indicator-definitions.csv`` and
``indicator-figures.csv``; docs/indicator-files.md): their columns are the domain's own lists,
in the order they are written, with the columns a file must fill and the values it may hold."""

from __future__ import annotations

from dataclasses import replace

from shisaku.domain.indicatordata import (
    ACCUMULATIONS,
    DEFINITION_COLUMNS,
    DEFINITION_REQUIRED,
    DIRECTIONS,
    FIGURE_COLUMNS,
    FIGURE_KINDS,
    FIGURE_REQUIRED,
    SOURCE_KINDS,
    TIME_BASES,
)
from shisaku.tabular.fields import COLUMNS, Column, Contract

OWN = {  # columns of these files only
    "components": Column(
        "string",
        "合成する指標のコード（| 区切り）",
        "codes of the indicators it is made of (separated by |)",
    ),
    "rationale": Column("string", "目標設定の考え方（日本語）", "rationale (Japanese)"),
    "rationale_en": Column("string", "目標設定の考え方（英語）", "rationale (English)"),
    "note": Column("string", "備考（日本語）", "note (Japanese)"),
    "note_en": Column("string", "備考（英語）", "note (English)"),
    "common_code": Column(
        "string", "他の市区町村と比べる共通指標のコード", "code of the common indicator compared"
    ),
    "period": Column(
        "string",
        "期間（計画の書き方で：2019年度、2021~2026年度平均 など）",
        "period as plans write it (2019年度, 2021~2026年度平均 …)",
    ),
    "value": Column(
        "string", "値（原文どおり：「約2,600名」）", "the value as written (「約2,600名」)"
    ),
    "weight": Column("number", "集計での重み（空: 均等）", "weight in roll-ups (empty: equal)"),
}
CHOICES = {
    "direction": DIRECTIONS,
    "accumulation": ACCUMULATIONS,
    "time_basis": TIME_BASES,
    "source_kind": SOURCE_KINDS,
    "kind": FIGURE_KINDS,
}


def _meaning(name: str, required: tuple[str, ...]) -> Column:
    """Return a column of an exchange file: its values as the domain allows, filled if required."""
    column = OWN.get(name) or COLUMNS[name]
    rules = dict(column.constraints)
    if name in CHOICES:
        rules["enum"] = list(CHOICES[name])
    if name in required:
        rules["required"] = True
    return replace(column, constraints=rules)


def _contract(ja: str, en: str, columns: tuple[str, ...], required: tuple[str, ...]) -> Contract:
    """Return the contract of an exchange file."""
    return Contract(ja, en, columns, {n: _meaning(n, required) for n in columns})


EXCHANGE: dict[str, Contract] = {
    "indicator-definitions": _contract(
        "指標の定義のファイル（書き出しと取り込み）",
        "the indicator definitions file (exported and imported)",
        DEFINITION_COLUMNS,
        DEFINITION_REQUIRED,
    ),
    "indicator-figures": _contract(
        "指標の数値のファイル（書き出しと取り込み）",
        "the indicator figures file (exported and imported)",
        FIGURE_COLUMNS,
        FIGURE_REQUIRED,
    ),
}
