"""English pages say in English everything generated from the data: grades, explanations,
forecasts and rules; only content nobody translated stays Japanese, tagged and counted."""

from __future__ import annotations

import re

import pytest

from shisaku.public import explain_en
from tests.test_public_indicators import EN_UDA, page, uda  # noqa: F401

JAPANESE_RUN = re.compile(r"[^<>\x00-\u2fff]*[\u3040-\u30ff\u3400-\u9fff][^<>]*")


def japanese_outside_lang_ja(html: str) -> list[str]:
    """Return the Japanese texts of <main> that are not inside an element tagged lang="ja"."""
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r'<(\w+)[^>]* lang="ja"[^>]*>.*?</\1>', "", main, flags=re.S)
    return [m.group(0).strip() for m in JAPANESE_RUN.finditer(main)]


@pytest.mark.usefixtures("uda")
def test_the_english_indicator_page_with_figures_has_japanese_only_in_named_user_data(client):
    html = page(client, EN_UDA + "indicators/1/")
    main = html[html.index("<main") :]
    tagged = set(re.findall(r'<span lang="ja">([^<]*)</span>', main))
    assert japanese_outside_lang_ja(html) == ["合計特殊出生率"]  # the chart's title names it:
    assert '<title id="chart-title">Chart of 合計特殊出生率</title>' in html
    assert tagged == {
        "合計特殊出生率",  # the indicator's name: no English given
        "宇陀市",  # the grade scale, named after the city that published it
        "宇陀市 数値目標評価シート（vdocuments.mx/effccc-ceff.html）",  # the source as cited
        "宇陀市まち・ひと・しごと創生総合戦略",  # the plan's title
    }
    assert '<p class="result">Achievement 71.4% → C (60% to under 80%)</p>' in html
    assert (
        '<p class="method">Least-squares line (FY2015–FY2017, 3 points): slope +0.0350 a year,'
        " projection for FY2019 1.12. Compound annual growth (2015→2017)= (1.00 ÷ 0.93)^(1/2)"
        " − 1 = 3.7%, projection for FY2019 = 1.00 × (1 + 3.7%)^2 = 1.08</p>" in html
    )
    assert '<p class="result">Unlikely to be met (the target is met at 1.40 or more)</p>' in html
    assert "<dt>Baseline</dt><dd>0.90 (2014)</dd>" in html


@pytest.mark.usefixtures("uda")
def test_the_english_plan_page_gives_the_grade_labels_and_the_rule_in_english(client):
    html = page(client, EN_UDA)
    assert "60%以上80%未満" not in html and "評価済み" not in html
    assert (
        "Share of A and B among the assessed indicators; unassessed (X) ones are left out" in html
    )


@pytest.mark.parametrize(
    ("japanese", "english"),
    [
        ("達成率 79.3% → C（60%以上80%未満）", "Achievement 79.3% → C (60% to under 80%)"),
        (
            "(実績 − 基準) ÷ (目標 − 基準) = (5 − 1) ÷ (9 − 1) = 50.0%",
            "(actual − baseline) ÷ (target − baseline) = (5 − 1) ÷ (9 − 1) = 50.0%",
        ),
        (
            "推計には3時点以上の実績が必要です（2時点）",
            "A projection needs actuals for at least 3 years (2 given)",
        ),
        ("100%以上", "100% or more"),
        ("既に達成", "Already met"),
        ("評価対象外", "Not graded"),
        ("宇陀市", None),  # a name: never half translated
        ("目標値を達成", None),  # a level the rules do not know yet stays Japanese
    ],
)
def test_generated_japanese_is_read_into_english_or_left_whole(japanese, english):
    assert explain_en.english(japanese) == english
