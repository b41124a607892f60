"""Filters on a plan's list of measures and list of indicators (by field or policy, department,
grade, status and words): exact rows kept, shareable addresses, twins and downloads filtered
alike, and a clear 400 page for a value the plan does not have."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import quote

import pytest

from tests import filterville
from tests import test_public_indicators as indicator_pages
from tests.filterville import INDICATORS, MEASURES

aomori = indicator_pages.aomori  # the bundled plan (no indicator figures)
STATUSES = "not_started, on_track, behind, achieved, unknown"


@pytest.fixture
def plan(db, operator):
    filterville.create(operator)


def measure_codes(client, query: str) -> list[str]:
    """Return the codes the measure list keeps for ``query``, read from the page and checked
    against its twin."""
    html = client.get(MEASURES + query).content.decode()
    table = (
        html.split('<table class="measure-list">')[1].split("</table>")[0]
        if "measure-list" in html
        else ""
    )
    shown = re.findall(r'<span class="code">([^<]+)</span>', table)
    twin = client.get(MEASURES + "index.json" + query).json()
    assert [m["code"] for m in twin["measures"]] == shown
    return shown


def indicator_codes(client, query: str) -> list[str]:
    """Return the codes the indicator list keeps for ``query`` (its twin, checked against the
    page's rows)."""
    twin = client.get(INDICATORS + "index.json" + query).json()
    codes = [i["code"] for i in twin["indicators"]]
    html = client.get(INDICATORS + query).content.decode()
    results = html.split('id="filter-results"')[1].split("</section>")[0]
    assert len(re.findall(r"<tr>", results)) - (1 if codes else 0) == len(codes)
    return codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["1-1-1", "1-1-2", "1-2-1", "2-1-1"]),
        ("?part=1", ["1-1-1", "1-1-2", "1-2-1"]),
        ("?part=1-1", ["1-1-1", "1-1-2"]),
        ("?part=2-1", ["2-1-1"]),
        ("?department=" + quote("福祉課"), ["1-1-1", "1-1-2"]),
        ("?department=" + quote("商工課"), ["2-1-1"]),  # set on its field
        ("?grade=X", ["1-1-1"]),
        ("?grade=D", ["1-2-1"]),
        ("?status=achieved", ["1-1-2"]),
        ("?status=unknown", ["2-1-1"]),
        ("?status=not_started", []),
        ("?q=ict", ["2-1-1"]),  # ＩＣＴ in the title, read with NFKC and case folded
        ("?q=" + quote("見守り"), ["1-1-2"]),
        ("?q=Counselling", ["1-1-1"]),  # the English title
        ("?q=" + quote("の 充実"), ["1-1-1"]),  # every word
        ("?part=1&status=behind", ["1-2-1"]),
        ("?part=1-1&grade=D", []),
        ("?part=&department=&grade=&status=&q=", ["1-1-1", "1-1-2", "1-2-1", "2-1-1"]),
    ],
)
def test_the_measure_list_keeps_exactly_the_measures_asked_for(client, plan, query, expected):
    assert measure_codes(client, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["K1", "K2", "K3", "K4", "K5"]),
        ("?part=1-1", ["K1", "K2", "K3"]),
        ("?part=2", ["K5"]),
        ("?department=" + quote("福祉課"), ["K1", "K2", "K3"]),  # their measures'
        ("?department=" + quote("企業立地課"), ["K5"]),  # its own
        ("?grade=X", ["K2"]),
        ("?grade=A", ["K3"]),
        ("?status=on_track", ["K1", "K2"]),
        ("?status=behind", ["K4"]),  # K5 sits on a policy, so it has no measure's status
        ("?q=" + quote("満足"), ["K2"]),
        ("?q=NURSERY", ["K4"]),
        ("?q=k5", ["K5"]),
        ("?part=1&grade=D&year=2025", ["K4"]),
        ("?status=not_started", []),
    ],
)
def test_the_indicator_list_keeps_exactly_the_indicators_asked_for(client, plan, query, expected):
    assert indicator_codes(client, query) == expected


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_filtered_page_is_its_own_address_with_the_form_filled_in(client, plan):
    html = client.get(MEASURES + "?part=1-1&status=on_track").content.decode()
    assert '<option value="1-1" selected>' in html
    assert '<option value="on_track" selected>順調</option>' in html
    assert "4件中1件を表示しています。" in text(html)
    # the downloads and the twin are those of the filtered list
    assert 'href="/ja/999962/2024-2028/measures/index.csv?part=1-1&amp;status=on_track"' in html
    assert '<a href="/ja/999962/2024-2028/measures/">絞り込みを解除</a>' in html
    # a form that works without JavaScript: a GET to the list with a submit button
    assert re.search(
        r'<form class="list-filters" method="get" action="/ja/999962/2024-2028/measures/"', html
    )
    assert '<button type="submit">絞り込む</button>' in html


def test_the_year_asked_for_is_kept_by_the_form(client, plan):
    html = client.get(INDICATORS + "?year=2025&grade=B").content.decode()
    assert '<input type="hidden" name="year" value="2025">' in html
    assert '<a href="/ja/999962/2024-2028/indicators/?year=2025">絞り込みを解除</a>' in html


def test_the_downloads_hold_the_filtered_rows(client, plan):
    body = client.get(MEASURES + "index.csv?department=" + quote("福祉課")).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(body)))
    assert [r[2:9] for r in rows] == [
        ["code", "title", "title_en", "department", "status", "indicators", "grades"],
        ["1-1-1", "相談支援の充実", "Better counselling", "福祉課", "on_track", "2", "B X"],
        ["1-1-2", "高齢者の見守り", "Watching over the elderly", "福祉課", "achieved", "1", "A"],
    ]
    body = client.get(INDICATORS + "index.csv?grade=D").content.decode("utf-8-sig")
    assert [r[2] for r in csv.reader(io.StringIO(body))] == ["indicator_code", "K4"]


def test_the_english_list_labels_its_filters_in_english(client, plan):
    html = client.get("/en/999962/2024-2028/measures/?status=behind").content.decode()
    assert '<option value="behind" selected>Behind schedule</option>' in html
    assert "Showing 1 of 4." in text(html)
    assert '<label for="filter-part">Field or policy</label>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "?status=late",
            f"“late”はこの計画の進捗状況ではありません。使えるもの: {STATUSES}。",
        ),
        ("?part=9", "“9”はこの計画の分野・政策ではありません。使えるもの: 1, 1-1, 1-2, 2, 2-1。"),
        ("?grade=Z", "“Z”はこの計画の評価ではありません。使えるもの: A, B, C, D, X。"),
        (
            "?department=" + quote("総務課"),
            "“総務課”はこの計画の担当課ではありません。使えるもの: 商工課, 子育て支援課, 福祉課。",
        ),
        ("?q=" + "x" * 101, "検索する語が長すぎます。100文字以内にしてください。"),
    ],
)
def test_a_value_the_plan_does_not_have_is_a_clear_400(client, plan, query, message):
    response = client.get(MEASURES + query)
    assert response.status_code == 400
    assert message in text(response.content.decode())
    twin = client.get(MEASURES + "index.json" + query)
    assert twin.status_code == 400
    assert twin.json()["error"] == "bad_request"


def test_the_english_400_names_what_is_accepted_in_english(client, plan):
    response = client.get("/en/999962/2024-2028/indicators/?status=late")
    assert response.status_code == 400
    assert f"“late” is not a status of this plan. Accepted: {STATUSES}." in text(
        response.content.decode()
    )


def test_a_plan_without_indicators_lists_its_measures_all_unassessable(client, aomori):
    plan = "/ja/022012/2019-2023/"
    assert '<a href="measures/">すべての施策とその進捗状況</a>' in client.get(plan).content.decode()
    twin = client.get(plan + "measures/index.json").json()
    statuses = {m["status"] for m in twin["measures"]}
    assert statuses == {"unknown"}
    assert twin["filters"]["kept"] == twin["filters"]["total"] == len(twin["measures"]) > 0
    # the grade filter offers the plan's scale even with nothing graded: a grade keeps none
    assert client.get(plan + "measures/index.json?grade=A").json()["measures"] == []
