"""The tables of the public site's downloads (each page's ``index.csv`` and ``index.xlsx``, a
consultation's result): their columns in order (docs/public-site.md, docs/schemas.md)."""

from __future__ import annotations

from shisaku.tabular.fields import Column, Contract, kind_column

FIGURE_PARTS = tuple(
    f"{part}_{column}"
    for part in ("baseline", "target", "latest_actual")
    for column in ("period", "value", "as_written")
)
PLAN_KEY = ("municipality_code", "plan")
PLAN_TITLE = {
    "title": Column("string", "計画名（日本語）", "plan title (Japanese)"),
    "title_en": Column("string", "計画名（英語）", "plan title (English)"),
}
INDICATOR = ("indicator_code", "node_code", "name", "name_en", "unit", "direction")
GRADE = ("assessed_year", "grade", "grade_label")
FIGURE_KIND = kind_column(
    "数値の種類：基準値・目標値・実績値",
    "kind of figure: baseline, target or actual",
    *("baseline", "target", "actual"),
)
MEASURE_STATUS = kind_column(
    "施策の状況：未着手・順調・遅れ・達成・不明",
    "the measure's status: not started, on track, behind, achieved, unknown",
    *("not_started", "on_track", "behind", "achieved", "unknown"),
)
HIT_KIND = kind_column(
    "見つかったものの種類（ノードの階層か indicator）",
    "kind of thing found (a node level or indicator)",
)
DASHBOARD_LEVEL = kind_column(
    "行の階層：分野・政策・計画全体の指標・合計",
    "level of the row: field, policy, the plan's own indicators, total",
    *("field", "policy", "plan", "total"),
)
PLAN_ROW = ("municipality_code", "municipality", "municipality_en", "plan", "title", "title_en")
TOWN = ("prefecture_code", "municipality_code", "municipality", "municipality_en", "plan")

# A column added to a published (v1) table goes at its end, where a program reading the
# columns by position does not meet it (docs/schemas.md, "Versioning"): ``unit_en``, the
# indicator's unit in English, follows ``url``.  A figure's ``unit`` is the unit printed with
# its value (千人), which has no English, so the figures table has no ``unit_en``.
SITE: dict[str, Contract] = {
    "plans": Contract(
        "公開している計画（トップと市区町村のページ）",
        "published plans (the home and municipality pages)",
        (*PLAN_ROW, "period_start", "period_end", "url"),
        PLAN_TITLE,
    ),
    "outline": Contract(
        "計画の体系：すべてのノードを文書の順に（計画のページ）",
        "the plan's outline: every node in document order (the plan page)",
        (*PLAN_KEY, "code", "kind", "parent_code", "title", "title_en"),
    ),
    "indicator-summary": Contract(
        "指標ごとの基準値・最終の目標値・最新の実績値と評価（ノードのページと指標一覧）",
        "one row per indicator with its baseline, final target, latest actual and grade "
        "(node pages and the indicator list)",
        (*PLAN_KEY, *INDICATOR, *FIGURE_PARTS, *GRADE, "url", "unit_en"),
    ),
    "figures": Contract(
        "指標の現在の数値すべて（指標のページ）",
        "every current figure of an indicator (the indicator page)",
        (
            *(*PLAN_KEY, "indicator_code", "kind", "period", "period_start", "period_end"),
            *("breakdown", "value", "as_written", "unit", "qualifier", "label", "note"),
            *("source", "revision"),
        ),
        {"kind": FIGURE_KIND},
    ),
    "measures": Contract(
        "施策の一覧と状況（施策一覧）",
        "the plan's measures and their status (the measure list)",
        (
            *(*PLAN_KEY, "code", "title", "title_en", "department", "status", "indicators"),
            *("grades", "sdg_goals", "url"),
        ),
        {"status": MEASURE_STATUS},
    ),
    "search": Contract(
        "検索で見つかったもの（1行に1件）",
        "what a search found, one row per hit",
        (
            *("query", *PLAN_KEY, "type", "kind", "code", "section", "title", "title_en"),
            *("text", "text_en", "url"),
        ),
        {"kind": HIT_KIND},
    ),
    "prefectures": Contract(
        "都道府県ごとの市区町村の数（比較のページ）",
        "the prefectures and how many municipalities each has (the comparison pages)",
        ("prefecture_code", "prefecture", "prefecture_en", "municipalities", "url"),
    ),
    "prefecture-municipalities": Contract(
        "都道府県の市区町村と現行の計画の評価の数（評価ごとに grade_<評価> の列）",
        "a prefecture's municipalities with their current plan's grade counts "
        "(a grade_<grade> column per grade)",
        (
            *(
                *TOWN,
                "title",
                "title_en",
                "period_start",
                "period_end",
                "indicators",
                "assessed_year",
            ),
            *("assessed", "on_track_share", "url"),
        ),
        PLAN_TITLE,
        grades_before="assessed",
    ),
    "comparison": Contract(
        "共通指標の市区町村ごとの比較（比較のページ）",
        "a common indicator compared across municipalities (the comparison pages)",
        (
            *("area", *TOWN, "indicator_code", "name", "name_en", "unit", "direction"),
            *(*FIGURE_PARTS, *GRADE, "source", "url", "unit_en"),
        ),
    ),
    "dashboard": Contract(
        "評価の集計：分野・政策・合計の行ごとの評価の数（評価ごとに grade_<評価> の列）",
        "the dashboard: grade counts per field, policy and total "
        "(a grade_<grade> column per grade)",
        (
            *(*PLAN_KEY, "assessed_year", "level", "field_code", "code", "title", "title_en"),
            *("indicators", "assessed", "on_track_share", "without_actual"),
        ),
        {"level": DASHBOARD_LEVEL},
        grades_before="indicators",
    ),
}


# A consultation's result (voice): its CSV is headed in the page's language, so it has two
# contracts, one per language, with the same meanings.
RESULT_MEANINGS = (
    Column("string", "番号（1から）", "number, from 1"),
    Column(
        "string",
        "意見に関わる施策のコード（空: 計画全体）",
        "code of the measure (empty: the whole plan)",
    ),
    Column("string", "意見（公開した要旨）", "the opinion (its published summary)"),
    Column("string", "対応区分", "how the opinion is taken up"),
    Column("string", "対応の理由", "the reason for the response"),
    Column("string", "担当課", "responsible department"),
    Column("date", "対応日（空: 未対応）", "date of the response (empty: not yet)"),
)
RESULT_HEADINGS = {
    "voice-result": ("番号", "施策", "意見（または要旨）", "対応区分", "理由", "担当課", "対応日"),
    "voice-result-en": (
        *("No.", "Measure", "Opinion (or its summary)", "Response", "Reason", "Department"),
        "Date of response",
    ),
}
for _name, _headings in RESULT_HEADINGS.items():
    SITE[_name] = Contract(
        "意見募集の結果：公開した意見と対応（1行に1件）",
        "a consultation's result: the published opinions and the responses, one row each",
        _headings,
        dict(zip(_headings, RESULT_MEANINGS, strict=True)),
    )
