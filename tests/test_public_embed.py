"""Embed and follow: the widgets (the only pages another site may frame), the SVG badges, the
share pages with their snippets, the Atom feeds of a plan and of a measure, and the sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest

from tests import filterville
from tests.factories import figure
from tests.test_public_evaluations import town_fixture  # noqa: F401  (the fixture "town")
from tests.test_public_indicators import apply

PLAN = f"/ja/{filterville.CODE}/{filterville.SLUG}/"
EN_PLAN = f"/en/{filterville.CODE}/{filterville.SLUG}/"
HOST = "http://testserver"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def plan(db, operator):
    filterville.create(operator)


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- widgets and framing ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["indicators/K1/widget/", "1-1-1/widget/"])
def test_only_the_widgets_may_be_framed_and_by_any_site(client, plan, path):
    widget = client.get(PLAN + path)
    assert widget.status_code == 200
    assert "X-Frame-Options" not in widget
    assert widget["Content-Security-Policy"].endswith("frame-ancestors *")
    assert "frame-ancestors 'none'" not in widget["Content-Security-Policy"]
    for other in ("indicators/K1/", "1-1-1/", "indicators/K1/share/", "1-1-1/share/"):
        page = client.get(PLAN + other)
        assert page["X-Frame-Options"] == "DENY"
        assert page["Content-Security-Policy"].endswith("frame-ancestors 'none'")


def test_the_indicator_widget_shows_the_key_figures_and_grade_and_opens_links_outside(client, plan):
    html = client.get(EN_PLAN + "indicators/K1/widget/").content.decode()
    assert '<base target="_blank">' in html
    assert 'class="site-header"' not in html  # minimal chrome
    assert (
        '<link rel="canonical" href="http://testserver/en/999962/2024-2028/indicators/K1/">' in html
    )
    body = text(html.split("<main")[1])
    assert body.startswith('id="main"> K1 Growth in counselling cases Filterton Plan')
    assert "See the full page on Shisaku" in body
    assert "<svg" in html  # the chart


def test_the_measure_widget_shows_its_status_and_its_indicators(client, plan):
    html = client.get(PLAN + "1-1-1/widget/").content.decode()
    assert '状態: <strong class="status status-on_track">順調</strong>' in html
    assert re.findall(r'<a href="/ja/999962/2024-2028/indicators/(K\d)/">', html) == ["K1", "K2"]


def test_only_a_measure_is_embedded(client, plan):
    assert client.get(PLAN + "1-1/widget/").status_code == 404
    assert client.get(PLAN + "1-1/badge.svg").status_code == 404
    assert client.get(PLAN + "9-9-9/widget/").status_code == 404
    assert client.get(PLAN + "indicators/K9/widget/").status_code == 404


# --- badges -----------------------------------------------------------------------------------


def test_a_measure_badge_names_its_status(client, plan):
    response = client.get(PLAN + "1-1-1/badge.svg")
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.decode() == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="115.0" height="20" viewBox="0 0 115.0 20"'
        ' role="img" aria-label="1-1-1 進捗: 順調"><title>1-1-1 進捗: 順調</title>'
        '<g font-family="sans-serif" font-size="11" fill="#ffffff">'
        '<rect x="0" width="77.0" height="20" fill="#4d4d4d"/>'
        '<text x="38.5" y="14" text-anchor="middle">1-1-1 進捗</text>'
        '<rect x="77.0" width="38.0" height="20" fill="#0b4fa8"/>'
        '<text x="96.0" y="14" text-anchor="middle">順調</text></g></svg>'
    )


@pytest.mark.parametrize(
    ("path", "said", "fill"),
    [
        ("indicators/K1/badge.svg", "K1 grade: B", "#0b4fa8"),
        ("indicators/K3/badge.svg", "K3 grade: A", "#0f3d6e"),
        ("indicators/K4/badge.svg", "K4 grade: D", "#b3261e"),
        ("indicators/K2/badge.svg", "K2 grade: X", "#4d4d4d"),  # no actual: grey
        ("1-2-1/badge.svg", "1-2-1 status: Behind schedule", "#b3261e"),
        ("2-1-1/badge.svg", "2-1-1 status: Cannot be assessed", "#4d4d4d"),
    ],
)
def test_each_badge_says_its_grade_or_status_in_its_colour(client, plan, path, said, fill):
    svg = ET.fromstring(client.get(EN_PLAN + path).content)
    assert svg.get("aria-label") == said
    assert svg.find("{http://www.w3.org/2000/svg}title").text == said
    rects = svg.findall(".//{http://www.w3.org/2000/svg}rect")
    assert [r.get("fill") for r in rects] == ["#4d4d4d", fill]


# --- share pages ------------------------------------------------------------------------------


def test_the_share_page_gives_the_snippets_to_copy_and_the_feed(client, plan):
    html = client.get(EN_PLAN + "indicators/K1/share/").content.decode()
    snippets = [unescape(s) for s in re.findall(r"<textarea[^>]*>(.*?)</textarea>", html, re.S)]
    assert snippets == [
        '<iframe src="http://testserver/en/999962/2024-2028/indicators/K1/widget/"'
        ' title="K1 Growth in counselling cases" width="100%" height="560"'
        ' style="border:1px solid #c8ccd2" loading="lazy"></iframe>',
        '<a href="http://testserver/en/999962/2024-2028/indicators/K1/">'
        '<img src="http://testserver/en/999962/2024-2028/indicators/K1/badge.svg"'
        ' alt="K1 grade: B"></a>',
    ]
    # the indicator sits on measure 1-1-1: its feed is the measure's
    assert '<a href="/en/999962/2024-2028/1-1-1/feed.atom">' in html
    preview = '<iframe class="widget-preview widget-indicator" src="{}"'
    assert preview.format("/en/999962/2024-2028/indicators/K1/widget/") in html
    # the share page has no data twin to offer
    assert 'class="downloads"' not in html


def test_the_measure_and_indicator_pages_link_their_share_page(client, plan):
    assert '<a href="share/">埋め込み・更新通知</a>' in client.get(PLAN + "1-1-1/").content.decode()
    assert (
        '<a href="share/">埋め込み・更新通知</a>'
        in client.get(PLAN + "indicators/K1/").content.decode()
    )
    assert 'href="share/"' not in client.get(PLAN + "1-1/").content.decode()  # a policy
    assert client.get(PLAN + "1-1-1/share/").status_code == 200


# --- feeds ------------------------------------------------------------------------------------


def entries(client, url: str) -> list[tuple[str, str, str]]:
    """Return a feed's entries as (title, link, id), checking they are newest first."""
    response = client.get(url)
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    found = feed.findall(f"{ATOM}entry")
    updated = [e.find(f"{ATOM}updated").text for e in found]
    assert updated == sorted(updated, reverse=True)
    return [
        (e.find(f"{ATOM}title").text, e.find(f"{ATOM}link").get("href"), e.find(f"{ATOM}id").text)
        for e in found
    ]


def tag(code: str, kind: str, period: str, revision: int = 1) -> str:
    return f"tag:shisaku.jp,2024:figure/999962/2024-2028/{code}/{kind}/{period}//{revision}"


def test_the_measure_feed_holds_the_figures_of_its_indicators(client, plan):
    found = entries(client, PLAN + "1-1-1/feed.atom")
    k1, k2 = f"{HOST}{PLAN}indicators/K1/", f"{HOST}{PLAN}indicators/K2/"
    assert sorted(found) == sorted(
        [
            (
                "K1 相談件数の伸び: 基準値 2023年度（令和5年度） 100",
                k1,
                tag("K1", "baseline", "FY2023"),
            ),
            (
                "K1 相談件数の伸び: 目標値 2028年度（令和10年度） 150",
                k1,
                tag("K1", "target", "FY2028"),
            ),
            (
                "K1 相談件数の伸び: 実績値 2025年度（令和7年度） 140",
                k1,
                tag("K1", "actual", "FY2025"),
            ),
            ("K2 相談満足度: 基準値 2023年度（令和5年度） 60", k2, tag("K2", "baseline", "FY2023")),
            ("K2 相談満足度: 目標値 2028年度（令和10年度） 80", k2, tag("K2", "target", "FY2028")),
        ]
    )


def test_the_plan_feed_holds_every_figure_and_a_correction_comes_first(client, plan, operator):
    assert len(entries(client, PLAN + "feed.atom")) == 14
    t = (filterville.CODE, filterville.SLUG)
    batch = filterville.batch()
    batch.figures = [figure(*t, "K4", "actual", "2025年度", "45")]
    apply(operator, batch)
    found = entries(client, EN_PLAN + "feed.atom")
    assert len(found) == 15
    assert found[0] == (
        "K4 Nursery places filled: Actual FY2025 (Reiwa 7) 45 (corrected)",
        f"{HOST}{EN_PLAN}indicators/K4/",
        tag("K4", "actual", "FY2025", 2),
    )
    feed = ET.fromstring(client.get(EN_PLAN + "feed.atom").content)
    assert feed.find(f"{ATOM}title").text == "Updates: Filterton Plan"
    assert feed.find(f"{ATOM}link").get("href") == f"{HOST}{EN_PLAN}"


def test_a_published_evaluation_is_an_entry_of_its_measure_feed(client, town):
    found = entries(client, "/ja/999997/2024-2028/1-1-1/feed.atom")
    evaluations = [e for e in found if "evaluation/" in e[2]]
    link = f"{HOST}/ja/999997/2024-2028/1-1-1/#s-evaluations"
    assert [e[1:] for e in evaluations] == [
        (
            link,
            "tag:shisaku.jp,2024:evaluation/999997/2024-2028/1-1-1/2024/" + evaluations[0][2][-1],
        ),
        (
            link,
            "tag:shisaku.jp,2024:evaluation/999997/2024-2028/1-1-1/2025/" + evaluations[1][2][-1],
        ),
    ]
    assert [e[0].split(": ")[1] for e in evaluations] == [
        "2024年度（令和6年度）の施策評価を公開",
        "2025年度（令和7年度）の施策評価を公開",
    ]
    # the evaluation still in committee (2026) is not published, so not in the feed
    assert not any("/2026/" in e[2] for e in found)


def test_a_feed_without_entries_is_dated_by_its_plan_and_reads_the_same_every_time(client, plan):
    first = client.get(PLAN + "2-1-1/feed.atom").content
    feed = ET.fromstring(first)
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.find(f"{ATOM}updated").text == "2024-04-01T00:00:00+09:00"
    assert client.get(PLAN + "2-1-1/feed.atom").content == first


@pytest.mark.parametrize("path", ["1-1/feed.atom", "9-9/feed.atom"])
def test_a_feed_follows_only_a_plan_or_a_measure(client, plan, path):
    assert client.get(PLAN + path).status_code == 404


# --- sitemap ----------------------------------------------------------------------------------


def test_the_sitemap_index_names_the_site_file_and_one_per_municipality(client, plan):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert [s.find(f"{SITEMAP}loc").text for s in index] == [
        f"{HOST}/sitemaps/site.xml",
        f"{HOST}/sitemaps/999962.xml",
    ]


def test_a_municipality_sitemap_lists_every_page_in_both_languages_with_alternates(client, plan):
    response = client.get("/sitemaps/999962.xml")
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    urls = ET.fromstring(response.content).findall(f"{SITEMAP}url")
    locs = [u.find(f"{SITEMAP}loc").text for u in urls]
    pages = [
        "",
        "2024-2028/",
        "2024-2028/measures/",
        "2024-2028/indicators/",
        "2024-2028/dashboard/",
        *(
            f"2024-2028/{c}/"
            for c in ("1", "1-1", "1-1-1", "1-1-2", "1-2", "1-2-1", "2", "2-1", "2-1-1")
        ),
        *(f"2024-2028/indicators/K{i}/" for i in range(1, 6)),
        "2024-2028/sdgs/",
        *(f"2024-2028/sdgs/{goal}/" for goal in range(1, 18)),
    ]
    assert locs == [f"{HOST}/{lang}/999962/{p}" for p in pages for lang in ("ja", "en")]
    for url in urls:
        loc = url.find(f"{SITEMAP}loc").text
        alternates = [(a.get("hreflang"), a.get("href")) for a in url.findall(f"{XHTML}link")]
        rest = loc.split("/", 4)[4]
        assert alternates == [("ja", f"{HOST}/ja/{rest}"), ("en", f"{HOST}/en/{rest}")]
    assert client.get("/sitemaps/999997.xml").status_code == 404  # no published plan
