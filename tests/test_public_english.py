"""English pages say in English everything generated from the data: grades, explanations,
forecasts and rules; only content nobody translated stays Japanese, tagged and counted."""

from __future__ import annotations

import re

import pytest

from shisaku.domain.explain import in_language
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
        " projection for FY2019 1.12. Compound annual growth (2015→2017) = (1.00 ÷ 0.93)^(1/2)"
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
        ("100%以上", "100% or more"),  # a preset scale's label
        ("60%未満", "Under 60%"),
        ("未評価", "Not assessed"),
        ("Open SDG", "Open SDG"),  # a name typed in English
        ("宇陀市", None),  # a name typed in Japanese: never half translated
        ("目標値を達成", None),  # text that is not the domain's stays Japanese
    ],
)
def test_a_label_the_domain_did_not_build_is_english_only_when_it_is_a_preset_or_typed_so(
    japanese, english
):
    assert in_language(japanese, "en") == english
