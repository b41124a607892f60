"""The tables of the data package (``data/*.csv`` of a published copy, described by its
``datapackage.json``): their columns in order, keys and the tables they join
(docs/publishing.md, docs/schemas.md)."""

from __future__ import annotations

from shisaku.tabular.fields import Column, Contract
from shisaku.tabular.site_tables import FIGURE_KIND, PLAN_TITLE

PLAN_KEY = ("municipality_code", "plan")
INDICATOR_KEY = (*PLAN_KEY, "indicator_code")
TO_PLANS = ("plans", PLAN_KEY)
TO_INDICATORS = ("indicators", INDICATOR_KEY)

# A column added to a published (v1) table goes at its end (docs/schemas.md, "Versioning"):
# ``unit_en`` follows ``url``.  A figure's ``unit`` is the unit printed with its value (千人),
# which has no English, so the figures tables have no ``unit_en``.
PACKAGE: dict[str, Contract] = {
    "plans": Contract(
        "公開している計画",
        "published plans",
        (
            *(*PLAN_KEY, "municipality", "municipality_en", "title", "title_en", "period_start"),
            *("period_end", "version", "url"),
        ),
        {**PLAN_TITLE, "url": Column("string", "計画のページ", "the plan's page")},
        PLAN_KEY,
    ),
    "nodes": Contract(
        "計画の体系：分野・政策・施策・取組・事業",
        "the plan's hierarchy: fields, policies, measures, initiatives and actions",
        (
            *(*PLAN_KEY, "code", "kind", "parent_code", "position", "title", "title_en"),
            *("title_known", "url"),
        ),
        {
            "url": Column(
                "string",
                "ノードのページ、または施策のページの中のその位置",
                "the node's page, or its place on its measure's page",
            )
        },
        (*PLAN_KEY, "code"),
        foreign_key=TO_PLANS,
    ),
    "indicators": Contract(
        "指標の定義",
        "indicator definitions",
        (
            *(
                *INDICATOR_KEY,
                "node_code",
                "name",
                "name_en",
                "definition",
                "definition_en",
                "unit",
            ),
            *("direction", "accumulation", "time_basis", "source_kind", "source", "department"),
            *("weight", "url", "unit_en"),
        ),
        {"source": Column("string", "数値の出典", "source of the figures")},
        INDICATOR_KEY,
        foreign_key=TO_PLANS,
    ),
    "figures": Contract(
        "基準値・目標値・実績値（期間と内訳ごとに1行の縦長の形）",
        "baselines, targets and actuals, one row per period and breakdown (tidy long form)",
        (
            *(*INDICATOR_KEY, "kind", "period", "period_start", "period_end", "breakdown", "value"),
            *("as_written", "value_kind", "unit", "qualifier", "label", "note", "source"),
            *("revision", "entered_at"),
        ),
        {"kind": FIGURE_KIND},
        (*INDICATOR_KEY, "kind", "period", "breakdown"),
        foreign_key=TO_INDICATORS,
    ),
    "assessments": Contract(
        "実績のある年度ごとの指標の評価（計画の方法と尺度で）",
        "grades of each indicator in each year with an actual, with the plan's method and scale",
        (
            *(*INDICATOR_KEY, "year", "shown", "grade", "grade_label", "status", "ratio", "score"),
            *("method", "forecast", "forecast_linear"),
        ),
        primary_key=(*INDICATOR_KEY, "year"),
        foreign_key=TO_INDICATORS,
    ),
    "sdg-links": Contract(
        "施策ごとの SDGs のゴールとターゲット",
        "the SDG goals and targets each measure serves",
        (*PLAN_KEY, "node", "goal", "target", "source"),
        {
            "node": Column("string", "施策のコード", "code of the measure"),
            "target": Column(
                "string",
                "ゴールのターゲット（4.1 なら 1、4.a なら a。空: ゴール全体）",
                "target of the goal: 1 for 4.1, a for 4.a (empty: the whole goal)",
            ),
            "source": Column(
                "string",
                "計画が紐付けを述べている箇所（なければ空）",
                "where the plan states the link (empty when not given)",
            ),
        },
        (*PLAN_KEY, "node", "goal", "target"),
        foreign_key=TO_PLANS,
    ),
    "sdgs": Contract(
        "持続可能な開発目標（SDGs）の17のゴール：名前と色、その出典",
        "the 17 Sustainable Development Goals: names and colours, with their sources",
        ("goal", "name_ja", "name_en", "colour", "source"),
        {
            "name_en": Column(
                "string", "ゴールの短い名前（英語）", "the goal's short title (English)"
            ),
            "source": Column(
                "string",
                "名前と色の出典と利用の条件",
                "sources of the names and the colour, and how they are used",
            ),
        },
        ("goal",),
    ),
}
