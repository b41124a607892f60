"""Progress at a glance (plan, field and policy pages), the notice of a plan without figures
(home and municipality pages) and the home page's recently updated list."""

from __future__ import annotations

import re
from html import unescape

import pytest

from shisaku.domain.indicatordata import IndicatorBatch
from tests import test_public_indicators as indicator_pages
from tests.factories import figure
from tests.test_public_indicators import apply, invented_batch, page, twin

testville = indicator_pages.testville  # fixtures shared with the indicator pages' tests
uda = indicator_pages.uda
aomori = indicator_pages.aomori

PLAN = "/ja/999997/2024-2028/"
AOMORI = "/ja/022012/"


def text(html: str) -> str:
    """Return the text of some HTML, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def progress_counts(html: str) -> list[list[str]]:
    """Return the progress table's rows: grade, this year, the previous year, the change."""
    table = html.split('<table class="progress-counts">')[1].split("</table>")[0]
    out = []
    for tr in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        out.append([text(c) for c in cells])
    return out


def statuses(html: str) -> list[tuple[str, str, str]]:
    """Return each measure's code, status and number of indicators."""
    table = html.split('<table class="measure-statuses">')[1].split("</table>")[0]
    rows = re.findall(
        r'<span class="code">([^<]+)</span>.*?<td class="status[^"]*">([^<]+)</td>'
        r'<td class="count">(\d+)</td>',
        table,
        re.S,
    )
    return rows


def test_the_policy_page_counts_grades_this_year_beside_the_previous_year(client, testville):
    html = page(client, PLAN + "1-1/")
    #                   FY2025 FY2024 change
    assert progress_counts(html) == [
        ["A", "0", "0", "±0"],
        ["B", "1", "1", "±0"],
        ["C", "1", "0", "+1"],
        ["D", "0", "0", "±0"],
        ["X", "1", "2", "−1"],
        ["合計", "3", "3", ""],
    ]
    years = '<th scope="col">2025年度（令和7年度）</th><th scope="col">2024年度（令和6年度）</th>'
    assert years in html


def test_every_measure_has_a_status_on_the_plan_page(client, testville):
    assert statuses(page(client, PLAN)) == [("1-1-1", "順調", "2")]


def test_the_field_page_has_the_same_counts_and_the_plan_page_a_bar_labelled_with_them(
    client, testville
):
    field = progress_counts(page(client, PLAN + "1/"))
    assert field == progress_counts(page(client, PLAN + "1-1/"))
    html = page(client, PLAN)
    bar = html.split('<figure class="progress-bar">')[1].split("</figure>")[0]
    assert 'role="img" aria-label="評価別の指標数：A 0件、B 1件、C 1件、D 0件、X 1件"' in bar
    assert "<figcaption>2025年度（令和7年度）に評価した指標：3 件</figcaption>" in bar


def test_the_english_page_says_the_same_in_english(client, testville):
    html = page(client, PLAN.replace("/ja/", "/en/"))
    assert '<h2 id="h-progress">Progress at a glance</h2>' in html
    assert statuses(html) == [("1-1-1", "On schedule", "2")]
    assert '<th scope="col">FY2025 (Reiwa 7)</th>' in html


@pytest.mark.parametrize(
    ("latest", "status"),
    [("140件", "順調"), ("150件", "達成"), ("160件", "達成"), ("101件", "遅れ")],
)
def test_a_measures_status_follows_its_graded_indicators(
    client, small_plan, operator, latest, status
):
    apply(operator, invented_batch(latest))
    assert statuses(page(client, PLAN + "1-1/")) == [("1-1-1", status, "2")]


def test_a_measure_whose_indicators_have_no_actual_yet_has_not_started(
    client, small_plan, operator
):
    batch = invented_batch()
    batch.figures = [f for f in batch.figures if f.kind != "actual"]
    apply(operator, batch)
    html = page(client, PLAN + "1-1/")
    assert statuses(html) == [("1-1-1", "未着手", "2")]
    assert "比べられる前年度の実績値はありません。" in html
    assert progress_counts(html)[-2:] == [["X", "3", "—", "—"], ["合計", "3", "—", ""]]


def test_a_measure_marked_complete_in_its_published_evaluation_is_achieved(client, db, operator):
    from tests.test_evaluation_setup import SLUG, TOWN, build_town
    from tests.test_public_evaluations import fill, walk

    made = build_town(operator, open_years=(2025,))
    fill(made, 2025, results_ja="完了した。", direction="complete")
    walk(made, 2025)
    assert statuses(page(client, f"/ja/{TOWN}/{SLUG}/1-1/"))[0][:2] == ("1-1-1", "達成")
    home = page(client, "/ja/")
    assert "施策評価の公開" in home and f'href="/ja/{TOWN}/{SLUG}/1-1-1/"' in home


def test_the_node_twin_of_a_policy_gives_its_progress(client, testville):
    data = twin(client, PLAN + "1-1/index.json")
    assert data["progress"] == {
        "year": 2025,
        "previous_year": 2024,
        "counts": [
            {"grade": "A", "count": 0, "previous": 0},
            {"grade": "B", "count": 1, "previous": 1},
            {"grade": "C", "count": 1, "previous": 0},
            {"grade": "D", "count": 0, "previous": 0},
            {"grade": "X", "count": 1, "previous": 2},
        ],
        "statuses": {
            "not_started": 0,
            "on_track": 1,
            "behind": 0,
            "achieved": 0,
            "unknown": 0,
        },
        "measures": [
            {"code": "1-1-1", "url": PLAN + "1-1-1/", "status": "on_track", "indicators": 2}
        ],
    }
    assert "progress" not in twin(client, PLAN + "1-1-1/index.json")  # a measure: no summary


# --- a plan without indicator figures ---------------------------------------------------------


def test_the_bundled_plan_says_plainly_that_its_indicator_tables_were_empty(client, aomori, uda):
    for url in ("/ja/", AOMORI):
        shown = text(page(client, url))
        assert "この計画には指標の数値がありません。" in shown
        assert "原文の「目標とする指標」の表（15 か所）はすべて空欄です。" in shown
        assert "数値を推測して補うこともしていません。" in shown
        assert "わかっていること：計画の本文に書かれた統計（4 件）" in shown
    home = page(client, "/ja/")
    examples = home.split('<section class="with-figures"')[1].split("</section>")[0]
    assert re.findall(r'<li><a href="([^"]+)">', examples) == ["/ja/292125/2015-2019/"]
    assert '<a href="/ja/#with-figures">' in page(client, AOMORI)
    data = twin(client, "/ja/index.json")
    assert data["without_figures"] == [
        {
            "municipality_code": "022012",
            "plan": "2019-2023",
            "url": "/ja/022012/2019-2023/",
            "empty_indicator_tables": 15,
            "statistics": 4,
        }
    ]
    assert data["with_figures"] == ["/ja/292125/2015-2019/"]


def test_the_municipality_page_lists_the_statistics_read_from_the_text(client, aomori):
    html = page(client, AOMORI)
    table = html.split('<section class="statistics"')[1].split("</section>")[0]
    rows = [text(r) for r in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)]
    assert rows == [
        "合計特殊出生率 本市 2017年（平成29年） 1.40 2-1 現状と課題",
        "合計特殊出生率 国 2017年（平成29年） 1.43 2-1 現状と課題",
        "就学援助を受けている児童の割合 本市 2018年5月1日現在 19.4% 2-2 現状と課題",
        "就学援助を受けている生徒の割合 本市 2018年5月1日現在 23.9% 2-2 現状と課題",
    ]
    assert 'href="/ja/022012/2019-2023/2-1/#b-situation-2"' in table
    data = twin(client, AOMORI + "index.json")["without_figures"]
    assert (data["indicators"], data["empty_indicator_tables"]) == (0, 15)
    assert [s["raw"] for s in data["statistics"]] == ["1.40", "1.43", "19.4%", "23.9%"]


def test_the_english_notice_is_in_english(client, aomori):
    shown = text(page(client, "/en/022012/"))
    assert "This plan has no indicator figures." in shown
    assert "The source's tables of target indicators (15) are all empty." in shown
    assert "What is known: the statistics stated in the plan's text (4)" in shown


def test_the_bundled_plan_shows_every_measure_as_not_assessable(client, aomori):
    plan = page(client, AOMORI + "2019-2023/")
    found = statuses(plan)
    assert len(found) == 15 and {s for _, s, _ in found} == {"評価不能"}
    assert "原文の「目標とする指標」の表（15 か所）はすべて空欄です。" in text(plan)
    assert "この部分には指標の数値が公開されていないため、評価を集計できません。" in page(
        client, AOMORI + "2019-2023/2/"
    )


def test_a_plan_with_figures_has_no_notice(client, testville):
    assert "no-figures" not in page(client, "/ja/999997/")
    assert twin(client, "/ja/999997/index.json")["without_figures"] is None


# --- recently updated, on a kept home page ----------------------------------------------------


@pytest.fixture
def kept(transactional_db, operator):
    """Two fictional towns (committed: pages are kept) and empty stores before and after."""
    from shisaku.evaluation.plan_store import STORE
    from shisaku.public.kept_pages import STORE as PAGES
    from tests.test_plan_views_kept import _town

    STORE.clear(), PAGES.clear()
    _town(operator, "999997", "試験市")
    _town(operator, "012025", "別試験市")
    yield PAGES
    STORE.clear(), PAGES.clear()


def recent(html: str) -> list[str]:
    """Return the home page's recently updated list, one text per item."""
    block = html.split('<ul class="recent-updates">')[1].split("</ul>")[0]
    return [text(li).split(" · ", 1)[1] for li in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_a_new_figure_is_the_first_recent_update_on_the_next_request_of_the_kept_home_page(
    kept, client, operator
):
    first = page(client, "/ja/")
    assert page(client, "/ja/") == first  # answered from the store
    assert any(key.endswith("/ja/") for key in kept.answers)
    new = figure("012025", "2024-2028", "K1", "actual", "2025年度", "187")
    apply(operator, IndicatorBatch(figures=[new]))
    latest = "別試験市 · 数値： 相談件数 — 実績値 2025年度（令和7年度）: 187"
    assert recent(page(client, "/ja/"))[0] == latest
    data = twin(client, "/ja/index.json")["recently_updated"][0]
    assert (data["kind"], data["code"], data["period"], data["raw"]) == (
        "figure",
        "K1",
        "FY2025",
        "187",
    )
    assert data["url"] == "/ja/012025/2024-2028/indicators/K1/"
