"""Workbooks to fill in and upload: the exact columns, Japanese headers, an example and notes.

Each template has three sheets. The sheet to fill (「指標定義」 or 「数値」, the names the reader
recognises) has only the header row, in the columns' Japanese names (a file may head its columns
so). 「記入例」 holds one example row of this plan, and 「説明」 says for each column whether it is
required, what it means and what it accepts. The reader reads only the sheet to fill, so the
example is never imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from shisaku.domain.indicatordata import (
    COLUMN_LABELS,
    DEFINITION_COLUMNS,
    DEFINITION_REQUIRED,
    FIGURE_COLUMNS,
    FIGURE_REQUIRED,
)
from shisaku.tabular.xlsxout import Sheet, to_xlsx

EXAMPLE_SHEET = "記入例"
NOTES_SHEET = "説明"
NOTES_HEADER = ("列", "必須", "意味", "書き方・使える値")
REQUIRED_MARK = "必須"

# what each column means and accepts (docs/indicator-files.md says the same at length)
NOTES: dict[str, tuple[str, str]] = {
    "municipality_code": ("全国地方公共団体コード", "6桁（例: 022012）"),
    "plan": ("計画の識別子", "この計画: {slug}"),
    "indicator_code": ("計画内の指標コード", "40字まで（例: 2-1-1-1）"),
    "node_code": (
        "指標が属する施策・政策のコード",
        "計画にあるコード（例: 2-1-1）。空欄は計画全体",
    ),
    "name": ("指標名", "300字まで"),
    "name_en": ("指標名の英訳", "任意"),
    "definition": ("算出方法・説明", "文章"),
    "definition_en": ("算出方法・説明の英訳", "任意"),
    "unit": ("単位", "30字まで（人、%、件 など）"),
    "unit_en": ("単位の英訳", "30字まで"),
    "direction": (
        "目指す方向",
        "増加・減少・維持・定性（increase / decrease / maintain / qualitative）",
    ),
    "accumulation": ("単年度の値か累計か", "単年度（既定）・累計（single_year / cumulative）"),
    "time_basis": ("年だけの期間の読み方", "年度（既定）・年（fiscal / calendar）"),
    "source_kind": (
        "出典の種類",
        "市民意識調査・業務統計・国・県統計・その他（survey / operations / government / other）",
    ),
    "source": ("数値の出典", "文章"),
    "department": ("担当課", "100字まで"),
    "components": ("複数の区分からなる値の区分名", "| で区切る（例: 小学生|中学生）"),
    "rationale": ("目標設定の考え方", "文章"),
    "rationale_en": ("目標設定の考え方の英訳", "任意"),
    "note": ("備考", "文章"),
    "note_en": ("備考の英訳", "任意"),
    "weight": ("集計での重み", "0以上の数（1、0.5）または空欄"),
    "common_code": ("他の自治体と比べる共通指標コード", "一覧にあるコード（例: births）または空欄"),
    "kind": ("数値の種類", "基準値・目標値・実績値（baseline / target / actual）"),
    "period": ("年度・時点", "資料の書き方で（2024年度、令和6年度、R6、2021~2026年度平均）"),
    "value": ("値", "資料の書き方で（1,820人、48.2%、13位）。データなしは -"),
    "breakdown": ("全体の一部（地区など）の名前", "100字まで。全体の値は空欄"),
}


@dataclass(frozen=True)
class Layout:
    """One upload's file: the sheet to fill, its columns and which of them are required."""

    sheet: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    file_name: str


LAYOUTS: dict[str, Layout] = {
    "definitions": Layout("指標定義", DEFINITION_COLUMNS, DEFINITION_REQUIRED, "指標定義"),
    "figures": Layout("数値", FIGURE_COLUMNS, FIGURE_REQUIRED, "数値"),
}


def header(layout: Layout) -> list[str]:
    """Return the header row: each column's Japanese name."""
    return [COLUMN_LABELS[c][0] for c in layout.columns]


def notes(layout: Layout, slug: str) -> list[list[str]]:
    """Return the notes sheet's rows: column, required or not, meaning, accepted values."""
    rows = []
    for column in layout.columns:
        meaning, accepted = NOTES[column]
        mark = REQUIRED_MARK if column in layout.required else "任意"
        rows.append([COLUMN_LABELS[column][0], mark, meaning, accepted.format(slug=slug)])
    return rows


def template(kind: str, *, example: dict[str, str], slug: str) -> bytes:
    """Return the workbook of one upload, with ``example`` (column → text) as its example row."""
    layout = LAYOUTS[kind]
    row = [example.get(c, "") for c in layout.columns]
    return to_xlsx(
        [
            Sheet(layout.sheet, header(layout), []),
            Sheet(EXAMPLE_SHEET, header(layout), [row]),
            Sheet(NOTES_SHEET, NOTES_HEADER, notes(layout, slug)),
        ]
    )
