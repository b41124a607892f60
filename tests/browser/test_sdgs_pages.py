"""The SDG pages in a real browser (fictional 絞込市 with invented links): a reader goes from a
measure's goal tile to the goal's page and on to the measures list filtered by that goal, without
JavaScript; axe-core finds no WCAG 2.1 A/AA violation on the goal pages, the goal overview, a
measure page with tiles and the filtered list, in both languages at 1280 and 390 px."""

from __future__ import annotations

import pytest

from shisaku.domain.sdgs import GoalRef
from shisaku.plan.sdgs import set_measure_goals
from tests import filterville
from tests.browser.conftest import violations_across

PLAN = f"/{{}}/{filterville.CODE}/{filterville.SLUG}/"
PAGES = ["sdgs/", "sdgs/3/", "sdgs/17/", "1-1-1/", "measures/?sdg=3"]


@pytest.fixture
def site(transactional_db, live_server, operator):
    """絞込市 with measures 1-1-1 and 1-1-2 linked to goal 3, 1-2-1 to goal 4 (invented)."""
    filterville.create(operator)
    links = {
        "1-1-1": [GoalRef(3), GoalRef(10, "2")],
        "1-1-2": [GoalRef(3, "8")],
        "1-2-1": [GoalRef(4)],
    }
    for node, refs in links.items():
        set_measure_goals(
            actor=operator,
            municipality_code=filterville.CODE,
            slug=filterville.SLUG,
            node_code=node,
            refs=refs,
        )
    return live_server.url


def test_a_reader_follows_a_goal_from_a_measure_to_the_filtered_list(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(site + PLAN.format("ja") + "1-1-1/")
    tab.get_by_role("link", name="ゴール3: すべての人に健康と福祉を").click()
    tab.wait_for_load_state()
    assert tab.url == site + PLAN.format("ja") + "sdgs/3/"
    assert tab.locator("h1 span").inner_text() == "ゴール3: すべての人に健康と福祉を"
    assert tab.locator(".measure-list tbody .code").all_inner_texts() == ["1-1-1", "1-1-2"]
    tab.goto(site + PLAN.format("ja") + "measures/")
    tab.select_option("#filter-sdg", "3")
    tab.get_by_role("button", name="絞り込む").click()
    tab.wait_for_load_state()
    assert "sdg=3" in tab.url
    assert tab.locator("#filter-results tbody .code").all_inner_texts() == ["1-1-1", "1-1-2"]
    assert tab.input_value("#filter-sdg") == "3"
    context.close()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_sdg_pages_have_no_axe_violations_on_a_desktop_and_a_phone(site, browser, language):
    urls = [site + PLAN.format(language) + path for path in PAGES]
    assert violations_across(browser, urls) == {}
