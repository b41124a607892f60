"""The filters of the measure and indicator lists in a real browser: without JavaScript the GET
form sends the reader to the filtered list's own address; with JavaScript htmx swaps in the
results on each change without reloading the page and puts the address in the location bar;
axe-core finds no WCAG 2.1 A/AA violation on either list in both languages at a desktop's and a
phone's width."""

from __future__ import annotations

import pytest

from tests import filterville
from tests.browser.conftest import violations_across

LISTS = ["measures/", "indicators/", "measures/?part=1-1&status=on_track", "indicators/?grade=Z"]
PLAN = f"/{{}}/{filterville.CODE}/{filterville.SLUG}/"


@pytest.fixture
def site(transactional_db, live_server, operator):
    """絞込市 and its graded plan."""
    filterville.create(operator)
    return live_server.url


def codes(tab) -> list[str]:
    """Return the codes of the rows the list shows."""
    return tab.locator("#filter-results tbody .code").all_inner_texts()


def test_without_javascript_the_form_sends_the_reader_to_the_filtered_address(site, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.goto(site + PLAN.format("ja") + "measures/")
    assert codes(tab) == ["1-1-1", "1-1-2", "1-2-1", "2-1-1"]
    tab.select_option("#filter-part", "1")
    tab.select_option("#filter-status", "behind")
    tab.get_by_role("button", name="絞り込む").click()
    tab.wait_for_load_state()
    assert (
        tab.url == site + PLAN.format("ja") + "measures/?part=1&department=&grade=&status=behind&q="
    )
    assert codes(tab) == ["1-2-1"]
    assert tab.locator(".filter-count").inner_text() == "4件中1件を表示しています。"
    # what was chosen is still chosen on the new page, and the words typed are kept
    tab.fill("#filter-q", "保育")
    tab.get_by_role("button", name="絞り込む").click()
    tab.wait_for_load_state()
    assert tab.input_value("#filter-part") == "1"
    assert tab.input_value("#filter-status") == "behind"
    assert tab.input_value("#filter-q") == "保育"
    assert codes(tab) == ["1-2-1"]
    context.close()


def test_with_javascript_htmx_swaps_in_the_results_without_reloading(site, page):
    page.goto(site + PLAN.format("en") + "indicators/")
    page.evaluate("window.notReloaded = true")
    assert page.locator("#filter-results tbody tr").count() == 5
    page.select_option("#filter-status", "on_track")
    page.wait_for_url("**/indicators/?*status=on_track*")
    page.locator(".filter-count", has_text="Showing 2 of 5.").wait_for()
    assert page.locator("#filter-results tbody tr th a").all_inner_texts() == [
        "Growth in counselling cases",
        "Satisfaction with counselling",
    ]
    page.select_option("#filter-grade", "X")
    page.locator(".filter-count", has_text="Showing 1 of 5.").wait_for()
    assert "grade=X" in page.url
    assert page.evaluate("window.notReloaded") is True  # the page itself was never reloaded
    # the address in the location bar is the list filtered: opened afresh it shows the same
    page.goto(page.url)
    assert page.locator(".filter-count").inner_text() == "Showing 1 of 5."


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_lists_have_no_axe_violations_on_a_desktop_and_a_phone(site, browser, language):
    urls = [site + PLAN.format(language) + path for path in LISTS]
    assert violations_across(browser, urls) == {}
