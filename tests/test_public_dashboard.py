"""The dashboard of grades by policy: counts, shares, bars, the year, and where it is linked."""

from __future__ import annotations

import re

import pytest
from pytest_django.asserts import assertInHTML

from tests import test_public_indicators as indicator_pages
from tests.test_public_indicators import page, twin

testville = indicator_pages.testville  # fixtures shared with the indicator pages' tests
uda = indicator_pages.uda
aomori = indicator_pages.aomori

TEST = "/ja/999997/2024-2028/"
BOARD = TEST + "dashboard/"


def rows(html: str) -> list[list[str]]:
    """Return the dashboard's rows as text: heading, then every count cell."""
    table = html.split('<table class="dashboard-counts">')[1].split("</table>")[0]
    out = []
    for tr in re.findall(r"<tr class=\"(?:field|policy|plan|total)\">(.*?)</tr>", table, re.S):
        heading = " ".join(
            re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", tr).group(1)).split()
        )
        out.append([heading, *re.findall(r'<td class="count">([^<]*)</td>', tr)])
    return out


def test_each_field_and_policy_has_its_counts_share_and_indicators_without_an_actual(
    client, testville
):
    html = page(client, BOARD)
    #            A    B    C    D    X   all  share   no actual
    assert rows(html) == [
        ["1 くらし", "0", "1", "1", "0", "1", "3", "50.0%", "1"],
        ["1-1 暮らしの安心", "0", "1", "1", "0", "1", "3", "50.0%", "1"],
        ["9 （分野名は原文に記載がありません）", "0", "0", "0", "0", "0", "0", "—", "0"],
        ["計画全体（すべての指標）", "0", "1", "1", "0", "1", "3", "50.0%", "1"],
    ]
    assertInHTML('<h2 id="h-dashboard">2025年度（令和7年度）の評価</h2>', html)
    assert '<td class="bar"><span class="none">指標なし</span></td>' in html


def test_each_row_has_a_stacked_bar_labelled_with_its_counts(client, testville):
    html = page(client, BOARD)
    bars = re.findall(r'<svg [^>]*class="grade-bar"[^>]*role="img" aria-label="([^"]+)"', html)
    assert bars == ["評価別の指標数：A 0件、B 1件、C 1件、D 0件、X 1件"] * 3
    assert "<script" not in html


def test_the_grades_and_the_published_rule_are_explained(client, testville):
    html = page(client, BOARD)
    legend = html.split('<ul class="grade-legend"')[1].split("</ul>")[0]
    assert [
        " ".join(re.sub(r"<[^>]+>", " ", li).split())
        for li in re.findall(r"<li>(.*?)</li>", legend, re.S)
    ] == [
        "A 100%以上 （順調）",
        "B 80%以上100%未満 （順調）",
        "C 60%以上80%未満",
        "D 60%未満",
        "X 未評価",
    ]
    assertInHTML(
        '<dt>集計の規則</dt><dd class="rule">評価済みの指標のうち A・B の割合。'
        "未評価（X）は分母に含めない</dd>",
        html,
    )


def test_year_grades_another_year_like_the_indicator_pages(client, testville):
    html = page(client, BOARD + "?year=2024")
    assert rows(html)[1] == ["1-1 暮らしの安心", "0", "1", "0", "0", "2", "3", "100.0%", "2"]
    assertInHTML(
        '<a href="/ja/999997/2024-2028/dashboard/?year=2024" aria-current="page">'
        "2024年度（令和6年度）</a>",
        html,
    )
    assert 'href="/ja/999997/2024-2028/dashboard/index.csv?year=2024"' in html


@pytest.mark.parametrize("year", ["abc", "1700", "20255"])
def test_a_bad_year_is_a_400_page_and_a_400_json_error(client, testville, year):
    assert "<h1>リクエストに誤りがあります</h1>" in page(client, BOARD + f"?year={year}", 400)
    assert twin(client, BOARD + f"index.json?year={year}", 400)["error"] == "bad_request"


def test_the_twin_gives_the_same_counts_by_field_and_policy(client, testville):
    data = twin(client, BOARD + "index.json")
    assert (data["schema"], data["year"]) == ("shisaku.dashboard/1", 2025)
    assert [g["grade"] for g in data["grades"]] == ["A", "B", "C", "D", "X"]
    policy = data["fields"][0]["policies"][0]
    assert policy == {
        "level": "policy",
        "code": "1-1",
        "title": "暮らしの安心",
        "title_en": "",
        "url": "/ja/999997/2024-2028/1-1/",
        "counts": {"A": 0, "B": 1, "C": 1, "D": 0, "X": 1},
        "indicators": 3,
        "assessed": 2,
        "missing": 1,
        "on_track_share": 0.5,
        "without_actual": 1,
    }
    assert data["total"]["counts"] == policy["counts"]
    assert data["plan_indicators"] is None


def test_the_english_dashboard_is_in_english(client, testville):
    html = page(client, "/en/999997/2024-2028/dashboard/")
    assert "<h1>Grades by policy</h1>" in html
    assert rows(html)[0][0] == "1 Living"
    assert 'aria-label="Indicators by grade: A: 0, B: 1, C: 1, D: 0, X: 1"' in html
    assertInHTML('<h2 id="h-dashboard">Grade in FY2025 (Reiwa 7)</h2>', html)


def test_a_plan_without_a_tree_shows_its_own_indicators(client, uda):
    html = page(client, "/ja/292125/2015-2019/dashboard/")
    assert rows(html) == [
        ["計画全体の指標", "0", "0", "2", "0", "0", "2", "0.0%", "0"],
        ["計画全体（すべての指標）", "0", "0", "2", "0", "0", "2", "0.0%", "0"],
    ]


def test_a_plan_without_indicators_says_so(client, aomori):
    html = page(client, "/ja/022012/2019-2023/dashboard/")
    assert "<p>この計画にはまだ指標が設定されていません。</p>" in html


def test_the_plan_page_and_the_home_page_link_the_dashboard(client, testville):
    link = '<a href="/ja/999997/2024-2028/dashboard/">政策別の評価</a>'
    assertInHTML(link, page(client, TEST))
    assertInHTML(
        '<a href="/ja/999997/2024-2028/dashboard/">政策別の評価'
        '<span class="visually-hidden"> (試験市総合計画)</span></a>',
        page(client, "/ja/"),
    )


def test_an_indicator_is_three_clicks_from_home(client, testville):
    home = page(client, "/ja/")
    assert 'href="/ja/999997/2024-2028/indicators/"' in home  # 1: the plan's indicators
    listing = page(client, TEST + "indicators/")
    assert 'href="/ja/999997/2024-2028/indicators/K1/"' in listing  # 2: the indicator


def test_unknown_and_draft_plans_have_no_dashboard(client, testville):
    page(client, "/ja/999997/1999-2003/dashboard/", 404)
    assert twin(client, "/ja/999997/1999-2003/dashboard/index.json", 404)["error"] == "not_found"


def test_the_dashboard_needs_a_fixed_number_of_queries(
    client, testville, django_assert_max_num_queries
):
    # the plan; the tree (nodes, footnotes, blocks, sections); indicators and figures
    with django_assert_max_num_queries(8):
        page(client, BOARD)
