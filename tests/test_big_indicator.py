"""One big indicator does not slow everyone: what a page or a response embeds is bounded.

Issue 13 item 10: 200,000 breakdown figures on one indicator made its public page 88 MB and the
API's list of indicators 63 MB. Here 20,000 (enough to show the bound, fast enough for the
suite) of the fictional 試験市 (999997): the page, its twin and the API embed every figure for
the whole area and at most SHOWN_PER_PERIOD breakdown rows per kind and period; the downloads
and the API's paginated list of figures hold every one.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from benchmarks.big_indicator import insert_districts
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.indicators import services
from shisaku.indicators.breakdowns import SHOWN_PER_PERIOD
from shisaku.indicators.models import Indicator
from tests.factories import figure

PAGE = "/ja/999997/2024-2028/indicators/K1/"
API = "/api/v1/municipalities/999997/plans/2024-2028"
DISTRICTS = 10_000  # breakdown rows per period; two periods of actuals
WHOLE = 4  # baseline, target and two actuals for the whole city
# Fixed bounds that do not grow with the figures: a page with SHOWN_PER_PERIOD rows in each table
# is well under them, a page with every row (20,000 of them) some hundred times over.
PAGE_BYTES = 200_000
API_BYTES = 100_000


@pytest.fixture
def big(small_plan, operator):
    """Indicator K1 of 試験市 with four whole-city figures and 20,000 district actuals."""
    rows = [("baseline", "2023年度", "80件"), ("target", "2028年度", "120件")]
    rows += [("actual", "2025年度", "100件"), ("actual", "2026年度", "110件")]
    batch = IndicatorBatch(
        definitions=[
            IndicatorDefinition(
                "999997", "2024-2028", "K1", "相談件数", "increase", node_code="1-1-1", unit="件"
            )
        ],
        figures=[figure("999997", "2024-2028", "K1", *row) for row in rows],
    )
    services.apply_batch(actor=operator, batch=batch)
    indicator = Indicator.objects.get(code="K1")
    insert_districts(
        indicator.id, [2025, 2026], DISTRICTS, digits=5, entered_by="cli:test-operator"
    )
    return indicator


def shown_rows(html: str, table: str) -> int:
    body = html.split(f'<table class="{table}">', 1)[1].split("</table>", 1)[0]
    return body.count("<tr") - 1  # the head's row


def test_the_indicator_page_stays_small_and_says_what_it_left_out(client, big):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert len(response.content) < PAGE_BYTES
    html = response.content.decode()
    assert shown_rows(html, "figures") == WHOLE + 2 * SHOWN_PER_PERIOD
    assert shown_rows(html, "history") == WHOLE + 2 * SHOWN_PER_PERIOD
    left_out = f"{2 * (DISTRICTS - SHOWN_PER_PERIOD):,}"
    assert (
        f'<p class="source-note omitted">内訳の {left_out} 行は表示していません'
        f"（種類・期間ごとに {SHOWN_PER_PERIOD} 行まで表示）。 "
        f'現在の数値はすべてダウンロードにあります： <a href="{PAGE}index.csv">CSV</a> '
        f'<a href="{PAGE}index.xlsx">Excel</a></p>'
    ) in html
    assert "地区00050" in html and "地区00051" not in html
    for whole in ("80件", "120件", "100件", "110件"):
        assert f'<td class="value">{whole}</td>' in html


def test_the_english_page_says_it_in_english(client, big):
    html = client.get("/en/999997/2024-2028/indicators/K1/").content.decode()
    left_out = f"{2 * (DISTRICTS - SHOWN_PER_PERIOD):,}"
    assert f"{left_out} breakdown rows are not shown (at most 50 per kind and period)." in html


def test_the_twin_is_bounded_the_same_way_and_counts_what_it_left_out(client, big):
    response = client.get(PAGE + "index.json")
    assert len(response.content) < PAGE_BYTES
    twin = json.loads(response.content)
    assert len(twin["figures"]) == len(twin["history"]) == WHOLE + 2 * SHOWN_PER_PERIOD
    left_out = 2 * (DISTRICTS - SHOWN_PER_PERIOD)
    assert twin["omitted"] == {
        "breakdowns_per_period": SHOWN_PER_PERIOD,
        "figures": left_out,
        "history": left_out,
        "csv_url": PAGE + "index.csv",
        "xlsx_url": PAGE + "index.xlsx",
    }


def test_the_csv_download_holds_every_figure(client, big):
    response = client.get(PAGE + "index.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == WHOLE + 2 * DISTRICTS
    assert {r["breakdown"] for r in rows} >= {"", "地区00001", "地区10000"}


def test_the_api_list_of_indicators_embeds_a_bounded_summary_and_links_every_figure(client, big):
    response = client.get(f"{API}/indicators")
    assert len(response.content) < API_BYTES
    (k1,) = response.json()["items"]
    assert len(k1["figures"]) == WHOLE + 2 * SHOWN_PER_PERIOD
    assert k1["figures_count"] == WHOLE + 2 * DISTRICTS
    assert k1["figures_url"] == f"{API}/indicators/K1/figures"
    assert len(client.get(f"{API}/indicators/K1").content) < API_BYTES


def test_the_api_pages_every_figure_a_page_at_a_time_with_a_next_link(client, big):
    response = client.get(f"{API}/indicators/K1/figures")
    assert len(response.content) < API_BYTES
    first = response.json()
    assert (first["count"], first["limit"], first["offset"]) == (WHOLE + 2 * DISTRICTS, 50, 0)
    assert len(first["items"]) == 50
    assert first["next"] == f"{API}/indicators/K1/figures?offset=50"
    second = client.get(first["next"]).json()
    assert second["offset"] == 50 and second["next"] == f"{API}/indicators/K1/figures?offset=100"
    seen = {(f["kind"], f["period"], f["breakdown"]) for f in first["items"] + second["items"]}
    assert len(seen) == 100
    last = client.get(f"{API}/indicators/K1/figures?limit=500&offset=19800").json()
    assert (len(last["items"]), last["next"]) == (WHOLE + 2 * DISTRICTS - 19800, None)


def test_the_api_observations_are_a_bounded_page_too(client, big):
    response = client.get(f"{API}/indicators/K1/observations?limit=500")
    assert len(response.content) < 5 * API_BYTES
    page = response.json()
    assert (page["count"], len(page["items"])) == (WHOLE + 2 * DISTRICTS, 500)
    assert page["next"] == f"{API}/indicators/K1/observations?limit=500&offset=500"


@pytest.mark.parametrize("list_name", ["figures", "observations"])
def test_an_offset_past_the_end_is_an_empty_page_even_past_the_databases_integers(
    client, small_plan, operator, list_name
):
    batch = IndicatorBatch(
        definitions=[IndicatorDefinition("999997", "2024-2028", "K1", "相談件数", "increase")],
        figures=[figure("999997", "2024-2028", "K1", "actual", "2025年度", "1件")],
    )
    services.apply_batch(actor=operator, batch=batch)
    url = f"{API}/indicators/K1/{list_name}?offset={10**30}"
    page = client.get(url).json()
    assert (page["count"], page["items"], page["next"]) == (1, [], None)
