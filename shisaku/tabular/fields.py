"""What each column of Shisaku's CSV and xlsx files holds (its Frictionless type and meaning),
and what a table is: its columns in order.

One definition per machine name, shared by every table that has the column (``value`` is the
same number in an indicator page's download and in the data package's figures); a table
whose column means something else under the same name (``kind`` of a node, of a figure, of a
search hit) states that meaning itself (:mod:`shisaku.tabular.contracts`).  Descriptions are
Japanese first, then `` / `` and the English, as in every schema of Shisaku.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MUNICIPALITY_CODE = {"pattern": "^[0-9]{6}$"}
YEAR = {"minimum": 1868, "maximum": 2999}


@dataclass(frozen=True)
class Column:
    """A column: its Frictionless type, its meaning in Japanese and English, its constraints."""

    type: str  # string, integer, number, boolean, date, datetime
    ja: str
    en: str
    constraints: Mapping[str, Any] = field(default_factory=dict)

    def description(self) -> str:
        """Return the description: Japanese, then English."""
        return f"{self.ja} / {self.en}"


@dataclass(frozen=True)
class Contract:
    """A table: what it is, its columns in order, the columns meaning more in it than
    :data:`COLUMNS` says, its primary key, and where its ``grade_<X>`` columns go (one per
    grade of the plans' scales, before the column ``grades_before``; none when empty) and, in
    the data package, the table its rows belong to."""

    ja: str
    en: str
    columns: tuple[str, ...]
    meanings: Mapping[str, Column] = field(default_factory=dict)
    primary_key: tuple[str, ...] = ()
    grades_before: str = ""
    foreign_key: tuple[str, tuple[str, ...]] | None = None  # (table, the columns joined on)

    def column(self, name: str) -> Column:
        """Return what the column ``name`` holds in this table."""
        return self.meanings.get(name) or COLUMNS[name]

    def header(self, grades: Sequence[str] = ()) -> list[str]:
        """Return the header, with a ``grade_<X>`` column for each of ``grades``."""
        if not self.grades_before:
            return list(self.columns)
        at = self.columns.index(self.grades_before)
        return [*self.columns[:at], *(f"grade_{g}" for g in grades), *self.columns[at:]]


def kind_column(ja: str, en: str, *kinds: str) -> Column:
    """Return the meaning of a text column holding one of ``kinds`` (any text when none)."""
    return Column("string", ja, en, {"enum": list(kinds)} if kinds else {})


def _s(ja: str, en: str, **constraints: Any) -> Column:
    return Column("string", ja, en, constraints)


def _i(ja: str, en: str, **constraints: Any) -> Column:
    return Column("integer", ja, en, constraints)


def _n(ja: str, en: str, **constraints: Any) -> Column:
    return Column("number", ja, en, constraints)


def _b(ja: str, en: str) -> Column:
    return Column("boolean", ja, en)


COLUMNS: dict[str, Column] = {
    "municipality_code": _s(
        "全国地方公共団体コード（6桁）", "local government code (6 digits)", **MUNICIPALITY_CODE
    ),
    "municipality": _s("市区町村名（日本語）", "municipality name (Japanese)"),
    "municipality_en": _s("市区町村名（英語）", "municipality name (English)"),
    "prefecture_code": _s(
        "都道府県コード（2桁）", "prefecture code (2 digits)", pattern="^[0-9]{2}$"
    ),
    "prefecture": _s("都道府県名（日本語）", "prefecture name (Japanese)"),
    "prefecture_en": _s("都道府県名（英語）", "prefecture name (English)"),
    "municipalities": _i("市区町村の数", "number of municipalities", minimum=0),
    "area": _s("比較の範囲（全国か都道府県）", "the area compared (national or a prefecture)"),
    "plan": _s(
        "計画の識別子（2019-2023 など）",
        "plan slug (such as 2019-2023)",
        pattern="^[A-Za-z0-9_-]{1,40}$",
    ),
    "title": _s(
        "題名（日本語。原文に題名がなければ空）",
        "title (Japanese; empty when the source gives none)",
    ),
    "title_en": _s("題名（英語）", "title (English)"),
    "title_known": _b(
        "原文に題名がないとき false", "false when the source document gives no title"
    ),
    "period_start": _i("期間の最初の年", "first year of the period", **YEAR),
    "period_end": _i("期間の最後の年", "last year of the period", **YEAR),
    "version": _i("計画の内容の版", "version of the plan's content", minimum=1),
    "code": _s(
        "ノードのコード（2-1-1 など、計画の中で一意）",
        "node code, such as 2-1-1 (unique in the plan)",
    ),
    "kind": _s(
        "ノードの階層（分野・政策・施策・取組・事業）",
        "node level: field, policy, measure, initiative or action",
        enum=["field", "policy", "measure", "initiative", "action"],
    ),
    "parent_code": _s(
        "親ノードのコード（分野は空）", "code of the parent node (empty for a field)"
    ),
    "position": _i("文書の順での位置（1から）", "place in document order, from 1", minimum=1),
    "level": _s(
        "ダッシュボードの行の階層（分野・政策・計画全体など）",
        "level of the dashboard row (field, policy, the whole plan …)",
    ),
    "field_code": _s(
        "その行の分野のコード（合計の行は空）", "code of the row's field (empty for the totals)"
    ),
    "indicator_code": _s("指標コード", "indicator code"),
    "node_code": _s(
        "指標が属するノードのコード（空: 計画全体）",
        "code of the node the indicator belongs to (empty: the whole plan)",
    ),
    "name": _s("指標名（日本語）", "indicator name (Japanese)"),
    "name_en": _s("指標名（英語）", "indicator name (English)"),
    "definition": _s("算出方法（日本語）", "definition (Japanese)"),
    "definition_en": _s("算出方法（英語）", "definition (English)"),
    "unit": _s("単位", "unit"),
    "unit_en": _s(
        "単位（英語。空: 英訳がない）", "unit in English (empty when none has been given)"
    ),
    "direction": _s(
        "望ましい方向", "desired direction: increase, decrease, maintain or qualitative"
    ),
    "accumulation": _s(
        "単年か累計か", "single_year or cumulative", enum=["single_year", "cumulative"]
    ),
    "time_basis": _s("年度か暦年か", "fiscal (年度) or calendar (年)", enum=["fiscal", "calendar"]),
    "source_kind": _s("出典の種類", "kind of source: survey, operations, government or other"),
    "department": _s("担当課", "responsible department"),
    "weight": _n("集計での重み（空: 均等）", "weight in roll-ups (empty: equal weights)"),
    "period": _s(
        "期間キー（FY2019 は年度、CY2019 は暦年、FY2021-2026avg など）",
        "period key: FY2019 (fiscal year), CY2019 (calendar year), FY2021-2026avg …",
        pattern="^(FY|CY|Y)[0-9]{4}(-[0-9]{4}(avg)?)?$",
    ),
    "breakdown": _s(
        "内訳（地区など。空: 市区町村全体）",
        "disaggregation such as an area (empty: the whole municipality)",
    ),
    "value": _n(
        "数値（原文に数がなければ空。0 で埋めません）",
        "the number (empty when the source gives none; never a stand-in zero)",
    ),
    "as_written": _s(
        "原文に書かれたとおりの値（「約2,600名」）",
        "the value as the source wrote it (「約2,600名」)",
    ),
    "value_kind": _s(
        "値の種類（数値・順位・定性・欠測 など）",
        "kind of value: number, rank, qualitative, missing …",
    ),
    "qualifier": _s("約・以上などの修飾", "qualifier such as 約 or 以上"),
    "label": _s("定性的な値の文", "text of a qualitative value"),
    "note": _s("注記", "note"),
    "source": _s("出典", "source"),
    "revision": _i(
        "数値の改訂番号（以前の改訂は指標のページに）",
        "revision of the figure (earlier revisions are on the indicator page)",
        minimum=1,
    ),
    "entered_at": Column(
        "datetime", "この改訂を入力した時刻（UTC）", "when this revision was entered (UTC)"
    ),
    **{
        f"{part}_{column}": Column(kind, f"{part_ja}：{column_ja}", f"{part_en}: {column_en}")
        for part, part_ja, part_en in (
            ("baseline", "基準値", "baseline"),
            ("target", "最終の目標値", "final target"),
            ("latest_actual", "最新の実績値", "latest actual"),
        )
        for column, kind, column_ja, column_en in (
            ("period", "string", "期間キー", "period key"),
            ("value", "number", "数値（数でなければ空）", "the number (empty when it is none)"),
            ("as_written", "string", "原文どおりの値", "the value as written"),
        )
    },
    "assessed_year": _i("評価した年度", "year graded", **YEAR),
    "year": _i("評価した年度", "year graded", **YEAR),
    "shown": _b(
        "サイトが既定で表示する年度（最新）なら true",
        "true for the year the site grades by default (the latest)",
    ),
    "grade": _s("計画の尺度での評価", "grade on the plan's scale"),
    "grade_label": _s("評価の意味", "meaning of the grade"),
    "status": _s(
        "評価の状態（評価済み・実績なし・対象外 など）",
        "status of the grading: graded, no_actual, not_applicable …",
    ),
    "ratio": _n(
        "達成率（1 = 100%。計算する方法のとき）",
        "achievement ratio (1 = 100%) for methods that compute one",
    ),
    "score": _n("尺度が評価した数", "the number the scale graded"),
    "method": _s("計画の評価方法", "assessment method of the plan"),
    "forecast": _s("傾向から見た目標達成の見込み", "likelihood of meeting the target by the trend"),
    "forecast_linear": _n(
        "目標年度までの線形の見通し", "value projected linearly to the target year"
    ),
    "grades": _s("指標の評価（空白区切り）", "grades of its indicators (separated by spaces)"),
    "sdg_goals": _s(
        "貢献する SDGs のゴール（空白区切り）", "SDG goals it serves (separated by spaces)"
    ),
    "indicators": _i("指標の数", "number of indicators", minimum=0),
    "assessed": _i("評価した指標の数", "number of indicators graded", minimum=0),
    "on_track_share": _n(
        "順調な指標の割合（0〜1）",
        "share of graded indicators on track (0 to 1)",
        minimum=0,
        maximum=1,
    ),
    "without_actual": _i("実績のない指標の数", "number of indicators without an actual", minimum=0),
    "goal": _i("SDGs のゴール（1〜17）", "SDG goal, 1 to 17", minimum=1, maximum=17),
    "name_ja": _s("ゴールの短い名前（日本語）", "the goal's short name (Japanese)"),
    "colour": _s(
        "ゴールの色（#RRGGBB）", "the goal's colour, #RRGGBB", pattern="^#[0-9A-Fa-f]{6}$"
    ),
    "query": _s("検索語", "the search words"),
    "type": _s(
        "見つかった箇所（題名・本文・指標）",
        "where it was found: title, text or indicator",
        enum=["title", "text", "indicator"],
    ),
    "section": _s(
        "本文の節（概要・現状と課題 など）", "section of the text (description, situation …)"
    ),
    "text": _s("見つかった本文（日本語）", "the text found (Japanese)"),
    "text_en": _s("見つかった本文（英語）", "the text found (English)"),
    "url": _s("ページのアドレス", "address of the page"),
}
